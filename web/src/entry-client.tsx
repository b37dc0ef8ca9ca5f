// @refresh reload
import { mount, StartClient } from '@solidjs/start/client';
import { registerServiceWorker } from './pwa/register-service-worker';

mount(() => <StartClient />, document.getElementById('app')!);
registerServiceWorker();
