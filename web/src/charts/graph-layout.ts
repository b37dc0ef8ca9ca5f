/**
 * Where the interaction graph's nodes go, computed here rather than by ECharts' force layout. That
 * layout works in pixels around the centre whatever the panel's size, so a few bots sat small in
 * the middle of a wide panel; and it settles over seconds of animation. This one is a
 * Fruchterman–Reingold layout in a box of the panel's shape, run to the end before anything is
 * drawn: the result fills the box (ECharts stretches the nodes' bounding box onto the series area),
 * is the same every time for the same graph, and appears at once.
 */

export interface LayoutLink {
  source: string;
  target: string;
}

export interface Point {
  x: number;
  y: number;
}

const ITERATIONS = 300;

/**
 * Positions in a box `aspect` wide and 1 high. Nodes start evenly on an ellipse (in the order
 * given, so the result is deterministic), repel each other and are pulled together along links.
 */
export function layoutGraph(ids: readonly string[], links: readonly LayoutLink[], aspect = 1): Map<string, Point> {
  const n = ids.length;
  const out = new Map<string, Point>();
  if (n === 0) return out;
  const w = Math.max(0.2, aspect);
  if (n === 1) return out.set(ids[0]!, { x: w / 2, y: 0.5 });
  const index = new Map(ids.map((id, i) => [id, i]));
  const pos = ids.map((_, i) => {
    const a = (2 * Math.PI * i) / n - Math.PI / 2;
    return { x: w / 2 + (w / 2.4) * Math.cos(a), y: 0.5 + (1 / 2.4) * Math.sin(a) };
  });
  const edges = links
    .map((l) => [index.get(l.source), index.get(l.target)] as const)
    .filter((e): e is readonly [number, number] => e[0] !== undefined && e[1] !== undefined && e[0] !== e[1]);
  const k = Math.sqrt(w / n);
  let temperature = w / 10;
  for (let it = 0; it < ITERATIONS; it++) {
    const disp = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dx = pos[i]!.x - pos[j]!.x;
        const dy = pos[i]!.y - pos[j]!.y;
        const d = Math.max(1e-3, Math.hypot(dx, dy));
        const f = (k * k) / d;
        disp[i]!.x += (dx / d) * f;
        disp[i]!.y += (dy / d) * f;
        disp[j]!.x -= (dx / d) * f;
        disp[j]!.y -= (dy / d) * f;
      }
    }
    for (const [a, b] of edges) {
      const dx = pos[a]!.x - pos[b]!.x;
      const dy = pos[a]!.y - pos[b]!.y;
      const d = Math.max(1e-3, Math.hypot(dx, dy));
      const f = (d * d) / k;
      disp[a]!.x -= (dx / d) * f;
      disp[a]!.y -= (dy / d) * f;
      disp[b]!.x += (dx / d) * f;
      disp[b]!.y += (dy / d) * f;
    }
    for (let i = 0; i < n; i++) {
      const d = Math.max(1e-9, Math.hypot(disp[i]!.x, disp[i]!.y));
      const step = Math.min(d, temperature);
      pos[i]!.x = Math.min(w, Math.max(0, pos[i]!.x + (disp[i]!.x / d) * step));
      pos[i]!.y = Math.min(1, Math.max(0, pos[i]!.y + (disp[i]!.y / d) * step));
    }
    temperature *= 0.985;
  }
  // Stretched onto the whole box here, where only positions move: ECharts then maps the box onto
  // the panel with the same scale both ways, so round nodes stay round.
  const span = (vs: number[]) => [Math.min(...vs), Math.max(...vs) - Math.min(...vs)] as const;
  const [x0, xs] = span(pos.map((p) => p.x));
  const [y0, ys] = span(pos.map((p) => p.y));
  ids.forEach((id, i) =>
    out.set(id, {
      x: xs > 1e-6 ? ((pos[i]!.x - x0) / xs) * w : w / 2,
      y: ys > 1e-6 ? (pos[i]!.y - y0) / ys : 0.5,
    }),
  );
  return out;
}
