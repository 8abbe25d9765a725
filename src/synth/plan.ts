import { INJECTION_KINDS, SOURCED_KINDS, type InjectionKind } from './kinds.js';
import type { ResolvedGenerateOptions } from './options.js';
import { cumulative, gaussianFill, pickCumulative, randomInt, shuffle, type Random } from './random.js';
import { l2 } from './vector.js';
import { LANGS, TENANTS } from './vocab.js';

/** A topic mix: which clusters a (tenant, lang) writes about, with cumulative weights. */
export interface TopicMix {
  clusters: number[];
  cumulative: Float64Array;
}

/**
 * Everything decided before any row is written: per-row tenant/lang/doc type, which rows carry which injection,
 * which earlier row an injection copies from, the cluster centres and topic mixes. O(rows) small typed arrays,
 * so the rows themselves can be produced one at a time (and in any order).
 */
export interface ExportPlan {
  options: ResolvedGenerateOptions;
  tenantNames: readonly string[];
  tenant: Uint8Array;
  lang: Uint8Array;
  docType: Uint8Array;
  /** -1 for a clean row, else an index into INJECTION_KINDS */
  kind: Int8Array;
  /** for sourced kinds (duplicate vectors, repeated ids): the earlier clean row copied; else -1 */
  source: Int32Array;
  /** row indices of the rare stratum, ascending */
  rareRows: number[];
  rareTenant: number;
  rareLang: number;
  /** clusters x dim, unit rows */
  centers: Float32Array;
  /** indexed by tenant * LANGS.length + lang */
  topics: TopicMix[];
  idWidth: number;
}

const DOC_TYPE_WEIGHTS = cumulative([0.25, 0.3, 0.15, 0.1, 0.15, 0.05]);
/** stream numbers for the plan's own draws; rows use streams >= ROW_STREAM_BASE */
const PLAN_STREAM = 1;
export const ROW_STREAM_BASE = 16;

export function planExport(o: ResolvedGenerateOptions): ExportPlan {
  const r = o.random(o.seed, PLAN_STREAM);
  const nT = o.tenants;
  const tenantNames = TENANTS.slice(0, nT);
  // Zipf-like tenant popularity: weight of rank k is 1 / k^s
  const tenantCum = cumulative(tenantNames.map((_, k) => 1 / (k + 1) ** o.zipf));
  // the rare stratum: the third most popular tenant in a language it otherwise never writes in
  const rareTenant = 2;
  const rareLang = LANGS.indexOf('ja');
  const langCum = tenantNames.map((_, t) => {
    const primary = (t * 2 + 1) % LANGS.length;
    const w = LANGS.map((_, l) => (l === 0 ? 0.5 : 0.05) + (l === primary ? 0.3 : 0));
    if (t === rareTenant) w[rareLang] = 0;
    return cumulative(w);
  });
  const centers = new Float32Array(o.clusters * o.dim);
  const g = new Float64Array(o.dim);
  for (let c = 0; c < o.clusters; c++) {
    gaussianFill(r, g);
    const norm = l2(g) || 1;
    for (let d = 0; d < o.dim; d++) centers[c * o.dim + d] = (g[d] as number) / norm;
  }
  const topics: TopicMix[] = [];
  for (let t = 0; t < nT; t++) {
    for (let l = 0; l < LANGS.length; l++) {
      const a = randomInt(r, o.clusters);
      const b = (a + 1 + randomInt(r, Math.max(1, o.clusters - 1))) % o.clusters;
      const c = randomInt(r, o.clusters);
      topics.push({ clusters: [a, b, c], cumulative: cumulative([0.6, 0.3, 0.1]) });
    }
  }

  const n = o.rows;
  const tenant = new Uint8Array(n);
  const lang = new Uint8Array(n);
  const docType = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const t = pickCumulative(r, tenantCum);
    tenant[i] = t;
    lang[i] = pickCumulative(r, langCum[t] as Float64Array);
    docType[i] = pickCumulative(r, DOC_TYPE_WEIGHTS);
  }

  // injections: one shuffle, then consecutive slices (rare stratum first, then each kind), so sets are disjoint
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  shuffle(r, order);
  const kind = new Int8Array(n).fill(-1);
  const source = new Int32Array(n).fill(-1);
  const reserved = new Uint8Array(n);
  let at = 0;
  const rareRows: number[] = [];
  for (let k = 0; k < o.rareStratumRows; k++) {
    const i = order[at++] as number;
    tenant[i] = rareTenant;
    lang[i] = rareLang;
    reserved[i] = 1;
    rareRows.push(i);
  }
  rareRows.sort((a, b) => a - b);
  INJECTION_KINDS.forEach((k, ki) => {
    for (let c = 0; c < o.counts[k]; c++) kind[order[at++] as number] = ki;
  });
  // sourced injections copy from an earlier clean row; each source serves one injection
  const sourced: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = kind[i] as number;
    if (k >= 0 && SOURCED_KINDS.has(INJECTION_KINDS[k] as InjectionKind)) sourced.push(i);
  }
  const isFree = (i: number) => kind[i] === -1 && reserved[i] === 0;
  for (let j of sourced) {
    let s = findFreeBefore(r, j, isFree);
    if (s < 0) {
      // nothing clean before j: move the injection to the first free row after j, and copy from j
      let m = j + 1;
      while (m < n && !isFree(m)) m++;
      kind[m] = kind[j] as number;
      kind[j] = -1;
      s = j;
      j = m;
    }
    source[j] = s;
    reserved[s] = 1;
  }
  return { options: o, tenantNames, tenant, lang, docType, kind, source, rareRows, rareTenant, rareLang, centers, topics,
    idWidth: Math.max(6, String(n).length) };
}

function findFreeBefore(r: Random, j: number, isFree: (i: number) => boolean): number {
  for (let tries = 0; tries < 64 && j > 0; tries++) {
    const s = randomInt(r, j);
    if (isFree(s)) return s;
  }
  for (let s = j - 1; s >= 0; s--) if (isFree(s)) return s;
  return -1;
}

export function rowId(plan: ExportPlan, i: number): string {
  return `doc-${String(i + 1).padStart(plan.idWidth, '0')}`;
}

export function kindOf(plan: ExportPlan, i: number): InjectionKind | undefined {
  const k = plan.kind[i] as number;
  return k < 0 ? undefined : INJECTION_KINDS[k];
}

