import { fileURLToPath } from 'node:url';

export const BUILD_DIR = fileURLToPath(new URL('../.output/public', import.meta.url));
/** Ignored by git (see the root .gitignore). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../e2e-output/screenshots', import.meta.url));
