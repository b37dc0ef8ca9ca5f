export * from './fields.ts';
export * from './types.ts';
