export { createActions, InvalidEditError, useActions, type Actions, type BotEdit, type NewBot, type SettingsEdit } from './actions';
export { onEdit, type Edit } from './edit-events';
