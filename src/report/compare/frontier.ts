/**
 * Frontiers compared (bench --sweep): QPS of each run at equal recall, read off each run's recall/QPS Pareto
 * frontier with linear interpolation between its points, at every recall level either frontier measured inside the
 * range both cover. A run without a sweep is a frontier of one point, so a sweep compares with a single run too.
 * Informational, not a gate: the points of two sweeps are separate builds (see the adapter's method).
 */
import { frontierOf, qpsAtRecall, type FrontierXY } from '../../bench/sweep/interpolate.js';
import { firstCutoff } from '../summary.js';
import type { FrontierComparison, Report } from '../types.js';

interface Side {
  label: string;
  points: FrontierXY[];
  concurrency: number;
}

function sideOf(r: Report, cutoff: string): Side {
  const f = r.frontier;
  if (f) {
    return {
      label: `${f.setting} sweep, ${f.points.length} point${f.points.length === 1 ? '' : 's'}`,
      points: f.points.flatMap((p) => (p.recall[cutoff] === undefined ? [] : [{ recall: p.recall[cutoff]!, qps: p.qps }])),
      concurrency: f.concurrency,
    };
  }
  const top = [...r.latency.sweep.levels].sort((a, b) => b.concurrency - a.concurrency)[0];
  const recall = r.quality.recall[cutoff];
  return { label: 'single point', points: top && recall !== undefined ? [{ recall, qps: top.qps }] : [], concurrency: top?.concurrency ?? 0 };
}

export function frontierComparison(baseline: Report, candidate: Report): FrontierComparison | undefined {
  if (!baseline.frontier && !candidate.frontier) return undefined;
  const cut = String(candidate.frontier?.cutoff ?? baseline.frontier?.cutoff ?? firstCutoff(candidate));
  const b = sideOf(baseline, cut);
  const c = sideOf(candidate, cut);
  const base = { cutoff: Number(cut), baseline: b.label, candidate: c.label };
  const fb = frontierOf(b.points);
  const fc = frontierOf(c.points);
  if (!fb.length || !fc.length) {
    return { ...base, overlap: null, levels: [], meanRatio: null, note: `recall@${cut} is missing in the ${fb.length ? 'candidate' : 'baseline'}; frontiers not compared` };
  }
  const lo = Math.max(fb[0]!.recall, fc[0]!.recall);
  const hi = Math.min(fb[fb.length - 1]!.recall, fc[fc.length - 1]!.recall);
  const span = (f: FrontierXY[]) => `${f[0]!.recall.toFixed(4)}–${f[f.length - 1]!.recall.toFixed(4)}`;
  if (lo > hi) {
    return { ...base, overlap: null, levels: [], meanRatio: null, note: `the frontiers do not overlap in recall@${cut} (baseline ${span(fb)}, candidate ${span(fc)}); no QPS at equal recall` };
  }
  const recalls = [...new Set([...fb, ...fc].map((p) => p.recall).filter((r) => r >= lo && r <= hi))].sort((x, y) => x - y);
  const levels = recalls.map((recall) => {
    const qb = qpsAtRecall(fb, recall)!;
    const qc = qpsAtRecall(fc, recall)!;
    return { recall, baseline: qb, candidate: qc, ratio: qb > 0 ? qc / qb : Number.NaN };
  });
  const ratios = levels.map((l) => l.ratio).filter((x) => Number.isFinite(x) && x > 0);
  const meanRatio = ratios.length ? Math.exp(ratios.reduce((a, x) => a + Math.log(x), 0) / ratios.length) : null;
  const conc = b.concurrency === c.concurrency ? `${b.concurrency} clients` : `${b.concurrency} clients (baseline) vs ${c.concurrency} (candidate): not like for like`;
  const shown = meanRatio === null ? 'no level with QPS in both' : `candidate QPS ${meanRatio >= 1 ? '+' : ''}${((meanRatio - 1) * 100).toFixed(1)}% at equal recall (geometric mean over ${ratios.length} level${ratios.length === 1 ? '' : 's'})`;
  return { ...base, overlap: { lo, hi }, levels, meanRatio, note: `${shown}; recall@${cut} ${lo.toFixed(4)}–${hi.toFixed(4)} covered by both; QPS at ${conc}` };
}

/** Terminal lines for `vecstage compare`. */
export function formatFrontierComparison(f: FrontierComparison): string {
  const head = `\n  frontier (QPS at equal recall@${f.cutoff}; baseline: ${f.baseline}, candidate: ${f.candidate}): ${f.note}\n`;
  const rows = f.levels.map((l) => `    recall ${l.recall.toFixed(4)}  baseline ${l.baseline.toFixed(0).padStart(7)} QPS  candidate ${l.candidate.toFixed(0).padStart(7)} QPS  x${l.ratio.toFixed(2)}`);
  return `${head}${rows.map((r) => `${r}\n`).join('')}`;
}
