/**
 * `--pick "recall>=0.95 and p95<=20ms"`: which sweep point to choose. Grammar:
 *   expr := cond (("and" | ",") cond)*      cond := measure op number ["ms"]
 *   measure := recall | recall@K | ndcg | ndcg@K | qps | p50 | p95 | p99      op := >= | <= | > | <
 * recall/ndcg without @K are at the frontier's cutoff; latencies are the serial pass's, in milliseconds. The chosen
 * point is the fastest (highest QPS) that meets every condition; ties go to the lower p95, then the smaller setting.
 */
import { VecstageError } from '../../errors.js';
import type { FrontierPoint } from '../../report/types.js';

export type PickMeasure = 'recall' | 'ndcg' | 'qps' | 'p50' | 'p95' | 'p99';
export interface PickCondition {
  measure: PickMeasure;
  /** cutoff for recall/ndcg; undefined: the frontier's */
  at?: number;
  op: '>=' | '<=' | '>' | '<';
  value: number;
  text: string;
}
export interface PickExpression {
  expression: string;
  conditions: PickCondition[];
}

const ALLOWED = 'conditions <measure> <op> <number> joined by "and" or ","; measures recall, recall@<k>, ndcg, ndcg@<k>, qps, p50, p95, p99 (ms); ops >= <= > <; e.g. "recall>=0.95" or "recall@10>=0.9 and p95<=20ms"';
const COND = /^(recall|ndcg|qps|p50|p95|p99)(?:@(\d+))?\s*(>=|<=|>|<)\s*(\d+(?:\.\d+)?|\.\d+)\s*(ms)?$/;

function bad(raw: string, part: string, why: string): VecstageError {
  return new VecstageError('USAGE', `invalid --pick: ${JSON.stringify(raw)} (${why}: ${JSON.stringify(part)}); allowed: ${ALLOWED}`);
}

export function parsePick(raw: string): PickExpression {
  if (!raw.trim()) throw bad(raw, raw, 'empty');
  const parts = raw.trim().split(/\s*,\s*|\s+and\s+/i);
  const conditions = parts.map((part): PickCondition => {
    const m = COND.exec(part.trim());
    if (!m) throw bad(raw, part, 'not a condition');
    const measure = m[1] as PickMeasure;
    const at = m[2] === undefined ? undefined : Number(m[2]);
    if (at !== undefined && measure !== 'recall' && measure !== 'ndcg') throw bad(raw, part, '@k applies to recall and ndcg only');
    if (m[5] && !measure.startsWith('p')) throw bad(raw, part, '"ms" applies to p50, p95, p99 only');
    const value = Number(m[4]);
    if ((measure === 'recall' || measure === 'ndcg') && value > 1) throw bad(raw, part, `${measure} lies in [0, 1]`);
    return { measure, ...(at !== undefined ? { at } : {}), op: m[3] as PickCondition['op'], value, text: part.trim() };
  });
  return { expression: raw.trim(), conditions };
}

/** The measure's value at a point; throws when a cutoff was not measured. */
function measureOf(p: FrontierPoint, c: PickCondition, cutoff: number): number | null {
  switch (c.measure) {
    case 'recall':
    case 'ndcg': {
      const at = String(c.at ?? cutoff);
      const table = c.measure === 'recall' ? p.recall : p.ndcg;
      if (c.measure === 'recall' && table[at] === undefined) {
        throw new VecstageError('USAGE', `invalid --pick: ${JSON.stringify(c.text)} (recall@${at} was not measured); allowed: cutoffs ${Object.keys(p.recall).join(', ')} (--cutoffs)`);
      }
      return table[at] ?? null;
    }
    case 'qps':
      return p.qps;
    default:
      return p.serial?.[c.measure] ?? null;
  }
}

function holds(v: number, c: PickCondition): boolean {
  switch (c.op) {
    case '>=':
      return v >= c.value;
    case '<=':
      return v <= c.value;
    case '>':
      return v > c.value;
    case '<':
      return v < c.value;
  }
}

/** The index of the chosen point, or null with the reason no point qualifies. */
export function choosePoint(points: readonly FrontierPoint[], pick: PickExpression, cutoff: number, setting: string): { chosen: number | null; reason: string } {
  if (pick.conditions.some((c) => c.measure === 'ndcg') && points.every((p) => Object.keys(p.ndcg).length === 0)) {
    throw new VecstageError('USAGE', `invalid --pick: ${JSON.stringify(pick.expression)} (ndcg needs golden queries with qrels, and these have none); allowed: ${ALLOWED}`);
  }
  const ok = points
    .map((p, i) => ({ p, i }))
    .filter(({ p }) =>
      pick.conditions.every((c) => {
        const v = measureOf(p, c, cutoff);
        return v !== null && holds(v, c);
      }),
    );
  if (!ok.length) return { chosen: null, reason: `no point meets ${pick.expression}` };
  ok.sort((a, b) => b.p.qps - a.p.qps || (a.p.serial?.p95 ?? Infinity) - (b.p.serial?.p95 ?? Infinity) || (a.p.settings[setting] ?? 0) - (b.p.settings[setting] ?? 0));
  const best = ok[0]!;
  return { chosen: best.i, reason: `the fastest of ${ok.length} point${ok.length === 1 ? '' : 's'} meeting ${pick.expression}: ${setting}=${best.p.settings[setting]}` };
}
