/** What a person calls each kind of edit, for the lists of pending and refused ones. */
const EDIT_LABELS: Record<string, string> = {
  'bot.update_config': 'Bot change',
  'bot.set_caps': 'Cap change',
  'bot.create': 'New bot',
  'bot.set_paused': 'Pause/resume',
  'bot.wake': 'Heartbeat request',
  'settings.update': 'Settings change',
  'flag.resolve': 'Flag resolution',
};

export const editLabel = (type: string): string => EDIT_LABELS[type] ?? type;
