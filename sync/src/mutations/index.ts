export * from './fields.ts';
export * from './types.ts';
export * from './schema-messages.ts';
