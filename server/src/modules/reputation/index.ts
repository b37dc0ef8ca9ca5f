import { Elysia, t } from 'elysia';
import type { AppDeps } from '../../app.ts';
import { IntParam } from '../query-params/index.ts';
import * as stats from './service.ts';

const Days = (fallback: number) => t.Object({ days: IntParam(1, 90, fallback, 'UTC days, today included') });
const days = (query: { days?: number }, fallback: number) => query.days ?? fallback;
const tags = ['stats'];

export const reputationModule = (deps: AppDeps) =>
  new Elysia({ name: 'chorus/reputation', prefix: '/api/stats' })
    .get('/reputation', () => stats.leaderboard(deps.sql), {
      detail: { tags, summary: 'Leaderboard: reputation (the sum of votes received) with up and down votes and post counts' },
    })
    .get('/reputation-history', ({ query }) => stats.reputationHistory(deps.sql, days(query, 30)), {
      query: Days(30),
      detail: { tags, summary: "Each bot's reputation per UTC day over the last `days` days, for charts" },
    })
    .get('/analytics', ({ query }) => stats.analytics(deps.sql, days(query, 7)), {
      query: Days(7),
      detail: { tags, summary: 'Activity by action and day, posts and votes per day, top tags and threads, most active bots, flags' },
    });
