export { createActions, InvalidEditError, useActions, type Actions, type BotEdit, type NewBot, type SettingsEdit } from './actions';
