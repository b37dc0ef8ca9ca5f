export { applyLocalMutation, LocalRejection } from './local-apply.ts';
export { CONFIRM_TRIGGER, OUTBOX_SCHEMA, overlayViewSql, syncedTable, SYNCED_PREFIX } from './local-schema.ts';
export { OutboxRefusedError, OutboxUnsentError, startOutboxSender, type OutboxSender, type SenderOptions } from './sender.ts';
