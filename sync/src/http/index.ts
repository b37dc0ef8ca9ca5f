export { createShapeHandler, type FetchHandler } from './router.ts';
