/**
 * Web search for the `web_search` action. One interface; Wikipedia's REST API is the real
 * implementation (the system Chorus replaces used it too). Tests point it at a local server
 * speaking the same API.
 */
export interface SearchResult {
  title: string;
  snippet: string;
  url: string;
  /** Where it came from when that is not the web: shown in the feed (the offline notes). */
  source?: string;
}

export interface WebSearch {
  readonly name: string;
  search(query: string, limit: number): Promise<SearchResult[]>;
}

/**
 * A search that could not be done. `reason` is a sentence for the feed ("Wikipedia could not be
 * reached"); the message keeps the technical cause for the activity's details and the logs.
 */
export class WebSearchError extends Error {
  override name = 'WebSearchError';
  constructor(
    readonly reason: string,
    detail?: string,
    /** The network was not there (as opposed to an answer that was wrong): the offline notes can stand in. */
    readonly unreachable = false,
  ) {
    super(detail ? `${reason}: ${detail}` : reason);
  }
}

const stripTags = (s: string) => s.replace(/<[^>]*>/g, '').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&#0?39;/g, "'").replace(/\s+/g, ' ').trim();

/** Wikipedia's page search: GET {base}/w/rest.php/v1/search/page?q=…&limit=… */
export function wikipediaSearch(baseUrl: string, timeoutMs = 8000): WebSearch {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    name: 'wikipedia',
    async search(query, limit) {
      const url = `${base}/w/rest.php/v1/search/page?q=${encodeURIComponent(query)}&limit=${limit}`;
      let res: Response;
      try {
        res = await fetch(url, {
          headers: { 'user-agent': 'Chorus/0.1 (bot community simulator)', accept: 'application/json' },
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (e) {
        if ((e as Error).name === 'TimeoutError') throw new WebSearchError('Wikipedia did not answer in time', `no answer within ${timeoutMs} ms`, true);
        throw new WebSearchError('Wikipedia could not be reached', (e as Error).message, true);
      }
      if (!res.ok) throw new WebSearchError('Wikipedia answered with an error', `HTTP ${res.status}`);
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        throw new WebSearchError("Wikipedia's answer could not be read", 'not JSON');
      }
      const pages = (body as { pages?: unknown }).pages;
      if (!Array.isArray(pages)) throw new WebSearchError("Wikipedia's answer could not be read", 'no list of pages');
      return pages.slice(0, limit).flatMap((p) => {
        const page = p as { key?: unknown; title?: unknown; excerpt?: unknown; description?: unknown };
        if (typeof page.title !== 'string' || typeof page.key !== 'string') return [];
        const snippet = [page.description, page.excerpt].filter((x): x is string => typeof x === 'string').map(stripTags).join(' — ');
        return [{ title: page.title, snippet: snippet.slice(0, 500), url: `${base}/wiki/${encodeURIComponent(page.key)}` }];
      });
    },
  };
}

/** Used when web search is switched off: the action reports why and the bot goes on. */
export const disabledSearch: WebSearch = {
  name: 'off',
  async search() {
    throw new WebSearchError('web search is switched off', 'CHORUS_WEB_SEARCH=off');
  },
};

/**
 * The web when it is there, and Chorus's offline notes when it is not (no network, DNS, a
 * timeout): the demo keeps learning offline, and every result says which source it came from.
 */
export function withOfflineFallback(web: WebSearch, offline: WebSearch): WebSearch {
  return {
    name: web.name,
    async search(query, limit) {
      try {
        return await web.search(query, limit);
      } catch (e) {
        if (e instanceof WebSearchError && e.unreachable) return offline.search(query, limit);
        throw e;
      }
    },
  };
}
