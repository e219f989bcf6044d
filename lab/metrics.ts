/** Sums of a Prometheus counter from `/metrics` text, grouped by one label (or all together). */
export function counterByLabel(text: string, metric: string, label?: string): Map<string, number> {
  const out = new Map<string, number>();
  const line = new RegExp(`^${metric}(?:\\{([^}]*)\\})?\\s+([0-9.eE+-]+)$`);
  for (const row of text.split('\n')) {
    const match = line.exec(row);
    if (match === null) continue;
    let key = '';
    if (label !== undefined) {
      key = new RegExp(`(?:^|,)${label}="([^"]*)"`).exec(match[1] ?? '')?.[1] ?? '';
    }
    out.set(key, (out.get(key) ?? 0) + Number(match[2]));
  }
  return out;
}

export function total(map: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const v of map.values()) sum += v;
  return sum;
}

/** `after − before` per key. */
export function delta(
  after: ReadonlyMap<string, number>,
  before: ReadonlyMap<string, number>,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, v] of after) {
    const d = v - (before.get(k) ?? 0);
    if (d !== 0) out.set(k, d);
  }
  return out;
}

export function formatCounts(map: ReadonlyMap<string, number>): string {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k || '(all)'} ${Math.round(v)}`)
    .join(', ');
}
