export { createActions, useActions, type Actions } from './actions';
export { InvalidEditError, validateBotEdit, validateNewBot, type BotEdit, type NewBot } from './bot-edit';
export type { MutationPayloads, MutationType } from './mutation-types';
export type { SettingsEdit } from './settings-edit';
