/**
 * Where a request came from: the peer, whether a proxy stands between, which site the browser
 * was on. One home for the rules that keep a server without an admin token to its own machine
 * and its own pages.
 */

const LOOPBACK_ADDRESS = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
/** Names that only ever resolve to this machine (RFC 6761 reserves *.localhost). */
const LOOPBACK_NAME = /^(localhost|[a-z0-9-]+(\.[a-z0-9-]+)*\.localhost|127\.\d+\.\d+\.\d+|\[::1\]|::1)$/i;

export const isLoopbackAddress = (address: string | undefined | null) => !!address && LOOPBACK_ADDRESS.test(address);
export const isLoopbackName = (host: string) => LOOPBACK_NAME.test(host);

/**
 * True when a proxy forwarded the request. Caddy's reverse_proxy always sets X-Forwarded-For (to
 * the client it saw, ignoring what the client sent), so a request through Caddy carries it and
 * comes from 127.0.0.1 only because Caddy does. A client that adds the header itself only makes
 * its own request count as proxied: stricter, never looser.
 */
export function isProxied(headers: Headers): boolean {
  return headers.has('x-forwarded-for') || headers.has('forwarded') || headers.has('x-real-ip') || headers.has('via');
}

/** The peer is this machine and no proxy relayed someone else's request. */
export const fromThisMachine = (request: Request, peer: string | undefined) => isLoopbackAddress(peer) && !isProxied(request.headers);

/**
 * Bun builds request.url from the Host header, so a Host such as `localhost:99999` or `[::1`
 * leaves a URL nothing can parse. Such a request is refused first, before anything reads it.
 */
export function unparsableUrl(request: Request): Response | null {
  try {
    new URL(request.url);
    return null;
  } catch {
    return Response.json({ error: 'invalid_host', message: 'the Host header does not name a valid host[:port]' }, { status: 400 });
  }
}

/** The host name (no port, lower case) a Host or Origin value names; null when it does not parse. */
export function hostName(hostHeader: string): string | null {
  try {
    return new URL(`http://${hostHeader}`).hostname.toLowerCase();
  } catch {
    return null;
  }
}

export interface OriginPolicy {
  /** Host names allowed besides the loopback names (CHORUS_ALLOWED_HOSTS, CHORUS_SITE_ADDRESS). */
  allowedHosts: ReadonlySet<string>;
  /** Origins (scheme://host[:port]) allowed besides the request's own (CHORUS_ALLOWED_ORIGINS). */
  allowedOrigins: ReadonlySet<string>;
}

/** The Host the browser asked for is one of ours (DNS rebinding points a foreign name at us). */
export function hostAllowed(policy: OriginPolicy, request: Request): boolean {
  const host = request.headers.get('host') ?? new URL(request.url).host;
  const name = hostName(host);
  return !!name && (isLoopbackName(name) || policy.allowedHosts.has(name));
}

/** The origin this request was served on, as a browser on it would write its Origin header. */
export function servedOrigin(request: Request): string {
  const url = new URL(request.url);
  const proto = isProxied(request.headers) ? (request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() ?? url.protocol.slice(0, -1)) : url.protocol.slice(0, -1);
  const host = request.headers.get('host') ?? url.host;
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return url.origin;
  }
}

export const originAllowed = (policy: OriginPolicy, request: Request, origin: string) =>
  origin === servedOrigin(request) || policy.allowedOrigins.has(origin);

/**
 * What a browser says about where the request started. `foreign`: another site (or another port
 * of this one) sent it. `own`: this origin or a configured one did, or the person typed the URL.
 * `unknown`: no Origin and no Fetch metadata, so not a browser acting for a page (curl, scripts).
 */
export function requestSource(policy: OriginPolicy, request: Request): 'own' | 'foreign' | 'unknown' {
  const origin = request.headers.get('origin');
  if (origin !== null) {
    if (origin === 'null') return 'foreign';
    // A configured origin is another site on purpose: its fetch metadata says cross-site.
    if (policy.allowedOrigins.has(origin)) return 'own';
    if (origin !== servedOrigin(request)) return 'foreign';
  }
  const site = request.headers.get('sec-fetch-site');
  if (site === null) return origin !== null ? 'own' : 'unknown';
  // same-site is not enough: other ports of this host, and its sibling subdomains, are same-site.
  // Either header saying another site is enough to refuse.
  return site === 'same-origin' || site === 'none' ? 'own' : 'foreign';
}
