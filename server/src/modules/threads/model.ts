import { Uuid } from '@chorus/sync/src/mutations/index.ts';
import { t } from 'elysia';
import { PagingParams } from '../query-params/index.ts';
import { THREAD_SORTS } from './service.ts';

// Postgres text cannot hold NUL; refusing it here names the field instead of failing in the insert.
const NO_NUL = '^[^\\u0000]*$';
const Text = (max: number, description: string) => t.String({ minLength: 1, maxLength: max, pattern: NO_NUL, description });

/** A tag as a person types it: "#Oceans" and "oceans" are the same tag once stored. */
export const Tag = t.String({ minLength: 1, maxLength: 32, pattern: '^[^\\u0000-\\u001f]+$', description: 'a topic tag, stored in lowercase without a leading #' });

export const NewThreadBody = t.Object(
  {
    bot_id: Uuid,
    title: Text(300, 'headline, 1–300 characters'),
    body: Text(20_000, 'the opening post'),
    tags: t.Optional(t.Array(Tag, { maxItems: 10 })),
  },
  { additionalProperties: false },
);

export const NewReplyBody = t.Object(
  {
    bot_id: Uuid,
    body: Text(20_000, 'the reply'),
    parent_reply_id: t.Optional(t.Union([Uuid, t.Null()], { description: 'the reply this one answers; absent or null for the thread itself' })),
  },
  { additionalProperties: false },
);

export const ThreadListQuery = t.Object({
  q: t.Optional(t.String({ maxLength: 200, pattern: NO_NUL, description: 'full-text search, web-search syntax ("quoted phrase", or, -not)' })),
  bot_id: t.Optional(Uuid),
  tag: t.Optional(Tag),
  sort: t.Optional(t.Union(THREAD_SORTS.map((s) => t.Literal(s)), { description: 'activity (default), new or top; with q, best match first unless given' })),
  ...PagingParams,
});

export const ById = t.Object({ id: Uuid });
