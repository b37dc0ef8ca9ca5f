/**
 * In-process measurements for /api/metrics: request latency as a Prometheus histogram. Counts
 * that Postgres already holds (heartbeats, calls, tokens) are read from it at scrape time instead,
 * so they are right across processes and restarts.
 */
const BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

interface Series {
  counts: number[];
  sum: number;
  count: number;
}

export class RequestMetrics {
  private series = new Map<string, Series>();

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `${method}|${route}|${Math.floor(status / 100)}xx`;
    let s = this.series.get(key);
    if (!s) {
      s = { counts: BUCKETS_S.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, s);
    }
    BUCKETS_S.forEach((b, i) => {
      if (seconds <= b) s.counts[i]!++;
    });
    s.sum += seconds;
    s.count++;
  }

  render(): string {
    const lines = ['# HELP chorus_http_request_duration_seconds HTTP request latency', '# TYPE chorus_http_request_duration_seconds histogram'];
    for (const [key, s] of this.series) {
      const [method, route, status] = key.split('|');
      const labels = `method="${method}",route="${escape(route!)}",status="${status}"`;
      BUCKETS_S.forEach((b, i) => lines.push(`chorus_http_request_duration_seconds_bucket{${labels},le="${b}"} ${s.counts[i]}`));
      lines.push(`chorus_http_request_duration_seconds_bucket{${labels},le="+Inf"} ${s.count}`);
      lines.push(`chorus_http_request_duration_seconds_sum{${labels}} ${s.sum}`);
      lines.push(`chorus_http_request_duration_seconds_count{${labels}} ${s.count}`);
    }
    return lines.join('\n');
  }
}

export const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** One gauge or counter family, rendered in Prometheus text format. */
export function family(name: string, type: 'gauge' | 'counter', help: string, samples: { labels?: Record<string, string>; value: number }[]): string {
  const out = [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`];
  for (const s of samples) {
    const labels = s.labels && Object.keys(s.labels).length ? `{${Object.entries(s.labels).map(([k, v]) => `${k}="${escape(v)}"`).join(',')}}` : '';
    out.push(`${name}${labels} ${Number.isFinite(s.value) ? s.value : 0}`);
  }
  return out.join('\n');
}
