import { cumulative, pickCumulative, randomInt, shuffle, type Random } from '../random.js';
import type { ResolvedDocumentOptions } from './options.js';
import { ASPECTS, TOPICS } from './topics.js';
import { DOC_LANG_WEIGHTS, DOC_LANGS, DOC_TYPE_WEIGHTS, DOC_TYPES, DOCUMENT_EDGE_KINDS, TENANTS, type DocumentEdgeKind, type DocType } from './vocab.js';

/**
 * Everything decided before any document is written: metadata, edge-case kinds, near-duplicate sources and which
 * aspects (specific sub-topics) each document has a section on, so the golden queries' graded judgements are known
 * without writing the text. Each document's text is then a pure function of (plan, i).
 */
export interface DocumentPlan {
  options: ResolvedDocumentOptions;
  tenantNames: readonly string[];
  tenant: Uint8Array;
  lang: Uint8Array;
  docType: Uint8Array;
  /** -1 for an ordinary document, else an index into DOCUMENT_EDGE_KINDS */
  kind: Int8Array;
  /** near duplicates: the earlier document copied; else -1 */
  source: Int32Array;
  /** 1 when a near duplicate copies this document */
  copied: Uint8Array;
  rareDocs: number[];
  rareTenant: number;
  rareLang: number;
  /** document i's aspect ids are aspects[aspectStart[i], aspectStart[i + 1]), in section order */
  aspectStart: Int32Array;
  aspects: Int16Array;
  /** per aspect id, the documents with a section on it, ascending */
  docsByAspect: Int32Array[];
  idWidth: number;
}

const TENANT_COUNT = 8;
const ZIPF = 1.1;
const PLAN_STREAM = 1;
export const QUERY_STREAM = 2;
const DOC_STREAM_BASE = 16;
const STREAMS_PER_DOC = 2;

/** aspect sections per document type: [min, max] */
const SECTIONS: Record<DocType, [number, number]> = { article: [1, 3], runbook: [4, 9], faq: [2, 5] };
const LONG_SECTIONS: [number, number] = [64, 80];

export function docRandom(plan: DocumentPlan, i: number, purpose: 0 | 1): Random {
  const o = plan.options;
  return o.random(o.seed, DOC_STREAM_BASE + i * STREAMS_PER_DOC + purpose);
}

export function docId(plan: DocumentPlan, i: number): string {
  return `doc-${String(i + 1).padStart(plan.idWidth, '0')}`;
}

export function kindOf(plan: DocumentPlan, i: number): DocumentEdgeKind | undefined {
  const k = plan.kind[i] as number;
  return k < 0 ? undefined : DOCUMENT_EDGE_KINDS[k];
}

export function aspectsOf(plan: DocumentPlan, i: number): Int16Array {
  return plan.aspects.subarray(plan.aspectStart[i] as number, plan.aspectStart[i + 1] as number);
}

export function planDocuments(o: ResolvedDocumentOptions): DocumentPlan {
  const r = o.random(o.seed, PLAN_STREAM);
  const n = o.docs;
  const tenantNames = TENANTS.slice(0, TENANT_COUNT);
  const tenantCum = cumulative(tenantNames.map((_, k) => 1 / (k + 1) ** ZIPF));
  // the rare stratum: the third most popular tenant in a language it otherwise never writes in
  const rareTenant = 2;
  const rareLang = DOC_LANGS.indexOf('ja');
  const langCum = cumulative(DOC_LANG_WEIGHTS);
  const langCumRare = cumulative(DOC_LANG_WEIGHTS.map((w, l) => (l === rareLang ? 0 : w)));
  const typeCum = cumulative(DOC_TYPE_WEIGHTS);
  // each tenant writes mostly about four favourite topics
  const topicCum = tenantNames.map((_, t) => cumulative(TOPICS.map((_, k) => ((k - t * 5 + 120) % TOPICS.length < 4 ? 3 : 1))));
  const tenant = new Uint8Array(n);
  const lang = new Uint8Array(n);
  const docType = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const t = pickCumulative(r, tenantCum);
    tenant[i] = t;
    lang[i] = pickCumulative(r, t === rareTenant ? langCumRare : langCum);
    docType[i] = pickCumulative(r, typeCum);
  }
  // edge cases: one shuffle, then consecutive slices (rare stratum first, then each kind), so the sets are disjoint
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  shuffle(r, order);
  const kind = new Int8Array(n).fill(-1);
  const reserved = new Uint8Array(n);
  let at = 0;
  const rareDocs: number[] = [];
  for (let k = 0; k < o.rareStratumDocs; k++) {
    const i = order[at++] as number;
    tenant[i] = rareTenant;
    lang[i] = rareLang;
    reserved[i] = 1;
    rareDocs.push(i);
  }
  rareDocs.sort((a, b) => a - b);
  DOCUMENT_EDGE_KINDS.forEach((k, ki) => {
    for (let c = 0; c < o.counts[k]; c++) kind[order[at++] as number] = ki;
  });
  const source = new Int32Array(n).fill(-1);
  const copied = new Uint8Array(n);
  const nearDup = DOCUMENT_EDGE_KINDS.indexOf('near-duplicate');
  const isFree = (i: number) => kind[i] === -1 && reserved[i] === 0;
  for (let j = 0; j < n; j++) {
    if (kind[j] !== nearDup) continue;
    let s = -1;
    for (let tries = 0; tries < 64 && j > 0 && s < 0; tries++) {
      const c = randomInt(r, j);
      if (isFree(c)) s = c;
    }
    for (let c = j - 1; c >= 0 && s < 0; c--) if (isFree(c)) s = c;
    if (s < 0) {
      // nothing free before j (it is near the start): copy the first free document after it instead
      for (let c = j + 1; c < n && s < 0; c++) if (isFree(c)) s = c;
    }
    source[j] = s;
    reserved[s] = 1;
    copied[s] = 1;
    // a copy keeps its source's metadata, as a duplicated knowledge-base article does
    tenant[j] = tenant[s] as number;
    lang[j] = lang[s] as number;
    docType[j] = docType[s] as number;
  }
  const { aspectStart, aspects } = planAspects(r, o, kind, source, docType, tenant, topicCum);
  const docsByAspect = indexByAspect(n, aspectStart, aspects);
  return { options: o, tenantNames, tenant, lang, docType, kind, source, copied, rareDocs, rareTenant, rareLang,
    aspectStart, aspects, docsByAspect, idWidth: Math.max(6, String(n).length) };
}

function planAspects(r: Random, o: ResolvedDocumentOptions, kind: Int8Array, source: Int32Array, docType: Uint8Array,
  tenant: Uint8Array, topicCum: Float64Array[]): { aspectStart: Int32Array; aspects: Int16Array } {
  const n = o.docs;
  const lists: number[][] = new Array<number[]>(n);
  const perTopic = ASPECTS.length / TOPICS.length;
  // sources come before their copies in index order only usually, so copies are filled in a second loop
  for (let i = 0; i < n; i++) {
    const k = kind[i] as number;
    const edge = k < 0 ? undefined : DOCUMENT_EDGE_KINDS[k];
    if (edge === 'empty-text' || edge === 'short-text' || edge === 'near-duplicate') {
      lists[i] = [];
      continue;
    }
    const type = DOC_TYPES[docType[i] as number] as DocType;
    const [lo, hi] = edge === 'long-text' ? LONG_SECTIONS : SECTIONS[type];
    const count = lo + randomInt(r, hi - lo + 1);
    const main = pickCumulative(r, topicCum[tenant[i] as number] as Float64Array);
    const picked = new Set<number>();
    while (picked.size < count) {
      // articles and FAQs stay in their main topic; runbooks (and the very long documents) wander across topics
      const stay = type !== 'runbook' && edge !== 'long-text' ? 0.9 : 0.35;
      const topic = r.next() < stay ? main : randomInt(r, TOPICS.length);
      picked.add(topic * perTopic + randomInt(r, perTopic));
    }
    lists[i] = [...picked];
  }
  for (let i = 0; i < n; i++) if ((source[i] as number) >= 0) lists[i] = lists[source[i] as number] as number[];
  const aspectStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) aspectStart[i + 1] = (aspectStart[i] as number) + (lists[i] as number[]).length;
  const aspects = new Int16Array(aspectStart[n] as number);
  for (let i = 0; i < n; i++) aspects.set(lists[i] as number[], aspectStart[i] as number);
  return { aspectStart, aspects };
}

function indexByAspect(n: number, aspectStart: Int32Array, aspects: Int16Array): Int32Array[] {
  const counts = new Int32Array(ASPECTS.length);
  for (let k = 0; k < aspects.length; k++) counts[aspects[k] as number] = (counts[aspects[k] as number] as number) + 1;
  const out = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(ASPECTS.length);
  for (let i = 0; i < n; i++) {
    for (let k = aspectStart[i] as number; k < (aspectStart[i + 1] as number); k++) {
      const a = aspects[k] as number;
      const at = fill[a] as number;
      (out[a] as Int32Array)[at] = i;
      fill[a] = at + 1;
    }
  }
  return out;
}
