/**
 * Golden files for rendered reports (observablehq/plot style): output is normalised (numbers to 3 significant
 * digits, timestamps and the inlined chart library stripped, the chart data pretty-printed), compared with
 * test/report/golden/<name>, and on a mismatch a <name>-changed copy is written next to it for review.
 * UPDATE_GOLDEN=1 rewrites the golden files.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const DIR = new URL('golden/', import.meta.url);

export function normalise(text: string): string {
  let out = text.replace(/(<script id="chart-library">)[\s\S]*?(<\/script>)/, '$1[chart library]$2');
  out = out.replace(/\d{4}-\d{2}-\d{2}T\d{2}[:-]\d{2}[:-]\d{2}(?:\.\d+)?Z/g, '<timestamp>');
  out = out.replace(/Chart\.js \d+\.\d+\.\d+/g, 'Chart.js <version>');
  out = out.replace(/-?\d+\.\d+(?:e[+-]?\d+)?/gi, (n) => String(Number(Number(n).toPrecision(3))));
  return out.replace(/(<script type="application\/json" id="vecstage-data">)([\s\S]*?)(<\/script>)/, (_, a: string, json: string, b: string) => {
    return `${a}\n${JSON.stringify(JSON.parse(json), null, 1).replace(/</g, '\\u003c')}\n${b}`;
  });
}

/** Returns null when the output matches the golden file, or a message naming the -changed copy. */
export function checkGolden(name: string, actual: string): string | null {
  const file = new URL(name, DIR);
  const changed = new URL(name.replace(/(\.[a-z]+)$/, '-changed$1'), DIR);
  const got = normalise(actual);
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(file, got);
    rmSync(changed, { force: true });
    return null;
  }
  const want = existsSync(file) ? readFileSync(file, 'utf8') : null;
  if (want === got) {
    rmSync(changed, { force: true });
    return null;
  }
  writeFileSync(changed, got);
  return want === null
    ? `no golden file ${name}; wrote ${name.replace(/(\.[a-z]+)$/, '-changed$1')} (run with UPDATE_GOLDEN=1 to accept)`
    : `${name} differs from the golden file; wrote ${name.replace(/(\.[a-z]+)$/, '-changed$1')} next to it (diff them; UPDATE_GOLDEN=1 accepts)`;
}
