import type { Report } from '../types.js';

/**
 * What differs between two runs in ways that weaken a comparison: a different query set or k changes what
 * quality means; a different machine or backend changes what latency means. Warnings, not errors: comparing
 * across machines is sometimes the point, but the reader must see it.
 */
export function comparabilityWarnings(baseline: Report, candidate: Report): string[] {
  const out: string[] = [];
  const b = baseline.fingerprint;
  const c = candidate.fingerprint;
  const diff = (what: string, x: unknown, y: unknown, why: string): void => {
    if (JSON.stringify(x) !== JSON.stringify(y)) out.push(`${what} differs (baseline ${fmt(x)}, candidate ${fmt(y)}): ${why}`);
  };
  diff('query set', b.queries.sha256, c.queries.sha256, 'quality is compared only on query ids present in both');
  diff('k', baseline.settings.k, candidate.settings.k, 'recall and nDCG are not comparable across k');
  diff('metric', b.index.metric, c.index.metric, 'results and ground truth follow the metric');
  diff('dimension', b.index.dimension, c.index.dimension, 'the embedding contract changed');
  diff('backend', b.backend.kind, c.backend.kind, 'latency includes a different server');
  diff('machine', `${b.machine.hostname} ${b.machine.cpuModel}`, `${c.machine.hostname} ${c.machine.cpuModel}`, 'latency and QPS depend on the machine');
  return out;
}

function fmt(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 24 ? `${s.slice(0, 21)}...` : s;
}
