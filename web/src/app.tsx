import { Router } from '@solidjs/router';
import { FileRoutes } from '@solidjs/start/router';
import type { JSX } from 'solid-js';
import { AppShell } from './components/app-shell';
import './app.css';

export default function App(): JSX.Element {
  return (
    <Router root={(props) => <AppShell>{props.children}</AppShell>}>
      <FileRoutes />
    </Router>
  );
}
