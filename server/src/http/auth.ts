import { timingSafeEqual } from 'node:crypto';
import { Elysia } from 'elysia';
import { HttpError } from './errors.ts';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function presentedToken(headers: Headers): string | null {
  const auth = headers.get('authorization');
  if (auth?.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  return headers.get('x-chorus-admin-token');
}

/**
 * `{ admin: true }` on a route requires the admin token (Authorization: Bearer …). With no token
 * configured, only requests from loopback may write; a runtime that cannot tell the peer's
 * address (Deno, app.handle in tests) is refused.
 */
export const adminAuth = (adminToken: string | null) =>
  new Elysia({ name: 'chorus/auth' }).macro({
    admin: (enabled: boolean) => ({
      // transform runs before body validation, so an intruder learns nothing about the schema.
      transform({ request, server }) {
        if (!enabled) return;
        if (adminToken) {
          const given = presentedToken(request.headers);
          if (!given || !sameToken(given, adminToken)) {
            throw new HttpError(401, 'unauthorized', 'this route needs the admin token: send Authorization: Bearer <CHORUS_ADMIN_TOKEN>');
          }
          return;
        }
        const ip = server?.requestIP(request)?.address;
        if (!ip || !LOOPBACK.test(ip)) {
          throw new HttpError(403, 'forbidden', 'writes are accepted from loopback only while CHORUS_ADMIN_TOKEN is unset');
        }
      },
    }),
  });
