/**
 * The strategy section of `vecstage compare` in a terminal: the two pipelines side by side (what they cost), the
 * paired per-query deltas of the document-level measures, and which queries each one wins.
 */
import type { StrategyComparison, StrategyInfo } from '../types.js';

const num = (x: number | null | undefined, digits = 3): string => (x === null || x === undefined ? '-' : Number.isInteger(x) ? String(x) : x.toFixed(digits));
const count = (x: number | null | undefined): string => (x === null || x === undefined ? '-' : x.toLocaleString('en-US'));
const mb = (x: number | null | undefined): string => (x === null || x === undefined ? '-' : `${(x / 1e6).toFixed(2)} MB`);
const signed = (x: number): string => `${x > 0 ? '+' : ''}${num(x, 4)}`;

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => `  ${r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd()}`);
}

function side(s: StrategyInfo | null): string[] {
  if (!s) return ['(vectors loaded, no pipeline)', '-', '-', '-', '-', '-', '-', '-', '-'];
  const b = s.build;
  return [s.pipeline, s.chunker ?? '-', s.embedder ?? '-', count(s.documents), count(s.chunks), mb(b?.vectorBytes), b?.seconds == null ? '-' : `${b.seconds.toFixed(1)} s`, count(b?.embedCalls), count(b?.tokens)];
}

/** A few ids, then how many more. */
function ids(list: readonly string[], max = 8): string {
  if (!list.length) return 'none';
  return `${list.slice(0, max).join(', ')}${list.length > max ? `, and ${list.length - max} more` : ''}`;
}

export function formatStrategy(st: StrategyComparison, confidence = 0.95): string {
  const labels = ['pipeline', 'chunker', 'embedder', 'documents', 'chunks', 'vectors', 'build time', 'embed calls', 'tokens'];
  const b = side(st.baseline);
  const c = side(st.candidate);
  const out = ['', `strategies: ${b[0]} (baseline) vs ${c[0]} (candidate)`, ...table([['', 'baseline', 'candidate'], ...labels.slice(1).map((l, i) => [l, b[i + 1]!, c[i + 1]!])])];
  if (st.measures.length) {
    out.push('', `  document-level, paired per query (candidate - baseline):`);
    const conf = `${Math.round(confidence * 100)}% CI`;
    out.push(...table([['measure', 'baseline', 'candidate', 'delta', conf, 'permutation p', 'queries'], ...st.measures.map((m) => [m.name, num(m.baseline), num(m.candidate), signed(m.delta), `[${signed(m.ci.lo)}, ${signed(m.ci.hi)}]`, num(m.permutationP, 3), String(m.n)])]).map((l) => `  ${l}`));
  }
  if (st.wins) {
    out.push('', `  by ${st.wins.measure}: ${c[0]} wins ${st.wins.candidate.length} queries, ${b[0]} wins ${st.wins.baseline.length}, ${st.wins.ties} tied`);
    out.push(`    ${c[0]} better on: ${ids(st.wins.candidate)}`, `    ${b[0]} better on: ${ids(st.wins.baseline)}`);
  }
  return `${out.join('\n')}\n`;
}
