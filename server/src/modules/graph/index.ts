import { Elysia } from 'elysia';
import type { AppDeps } from '../../app.ts';
import { relationshipGraph } from './service.ts';

export const graphModule = (deps: AppDeps) =>
  new Elysia({ name: 'chorus/graph', prefix: '/api/stats' }).get('/relationship-graph', () => relationshipGraph(deps.sql), {
    detail: {
      tags: ['social graph'],
      summary: 'Nodes = bots with reputation; directed edges weighted by replies to and votes on the other bot\'s posts, with vote sentiment and follows',
    },
  });
