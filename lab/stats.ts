import { cpus, loadavg } from 'node:os';

/** Nearest-rank percentile of an ascending array (p in 0–100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function ascending(values: Iterable<number>): number[] {
  return [...values].sort((a, b) => a - b);
}

export function ms(value: number): string {
  return Number.isFinite(value) ? `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms` : 'n/a';
}

export function int(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** One line about the machine, printed with every figure: the tail follows the load. */
export function machineLine(): string {
  const cpu = cpus();
  return `node ${process.version}, ${cpu.length} CPUs (${cpu[0]?.model.trim() ?? '?'}), load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;
}

/** Prints rows as an aligned table (first row is the header). */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ')).join('\n');
}

export function verdict(ok: boolean): string {
  return ok ? 'met' : 'MISSED';
}
