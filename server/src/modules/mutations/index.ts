import { MutationBatch } from '@chorus/sync/src/mutations/index.ts';
import { Elysia } from 'elysia';
import type { AppDeps } from '../../app.ts';
import { adminAuth } from '../../http/auth.ts';
import { applyBatch } from './service.ts';

const WAKES_ORCHESTRATOR = new Set(['settings.update', 'bot.wake']);

export const mutationsModule = (deps: AppDeps) =>
  new Elysia({ name: 'chorus/mutations' }).use(adminAuth(deps.access)).post(
    '/api/mutations',
    async ({ body }) => {
      const res = await applyBatch(deps.sql, deps.config, body.mutations);
      // A pace change or a woken bot changes who is due: the loop looks again now, not at its next tick.
      if (body.mutations.some((m) => WAKES_ORCHESTRATOR.has((m as { type?: string }).type ?? ''))) deps.services.orchestrator.wake();
      return res;
    },
    {
      admin: true,
      body: MutationBatch,
      detail: {
        tags: ['mutations'],
        summary: 'Apply a batch of dashboard writes from the outbox, each exactly once',
        description:
          'Types: bot.update_config, bot.set_caps, bot.set_paused, bot.wake, bot.create, settings.update, flag.resolve. The batch is validated whole and applied in one transaction; a resent mutation id is acknowledged as a duplicate. Answers {txid, results}; txid comes back in the shape stream (headers.txids). A refusal is a 4xx naming the mutation index, id and field, and writes nothing.',
      },
    },
  );
