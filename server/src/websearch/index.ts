/**
 * Web search for the `web_search` action. One interface; Wikipedia's REST API is the real
 * implementation (the system Chorus replaces used it too). Tests point it at a local server
 * speaking the same API.
 */
export interface SearchResult {
  title: string;
  snippet: string;
  url: string;
}

export interface WebSearch {
  readonly name: string;
  search(query: string, limit: number): Promise<SearchResult[]>;
}

export class WebSearchError extends Error {
  override name = 'WebSearchError';
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
        const why = (e as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (e as Error).message;
        throw new WebSearchError(`Wikipedia is unreachable: ${why}`);
      }
      if (!res.ok) throw new WebSearchError(`Wikipedia answered HTTP ${res.status}`);
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        throw new WebSearchError('Wikipedia answered something that is not JSON');
      }
      const pages = (body as { pages?: unknown }).pages;
      if (!Array.isArray(pages)) throw new WebSearchError('Wikipedia answered without a list of pages');
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
    throw new WebSearchError('web search is switched off (CHORUS_WEB_SEARCH=off)');
  },
};
