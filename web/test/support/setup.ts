import { cleanup } from '@solidjs/testing-library';
import { afterEach } from 'vitest';

// happy-dom has no ResizeObserver; charts and Kobalte's popper only need it to exist.
class ResizeObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;

afterEach(() => cleanup());
