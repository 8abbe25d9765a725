/** A plain text table: the first column left-aligned, the rest right-aligned. */
export function printTable(headers: string[], rows: Array<Array<string | number>>, out: (s: string) => void = (s) => process.stdout.write(s)): void {
  const cells = [headers, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? fmt(c) : c)))];
  const widths = headers.map((_, j) => Math.max(...cells.map((r) => String(r[j] ?? '').length)));
  for (const [k, r] of cells.entries()) {
    out(`${r.map((c, j) => (j === 0 ? String(c).padEnd(widths[j]!) : String(c).padStart(widths[j]!))).join('  ')}\n`);
    if (k === 0) out(`${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  }
}

export function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString('en-US');
  return n.toFixed(Math.abs(n) >= 10 ? 1 : 2);
}

/** `--name value` from a benchmark's argv */
export function argValue(argv: string[], name: string): string | undefined {
  const k = argv.indexOf(`--${name}`);
  return k >= 0 ? argv[k + 1] : undefined;
}
