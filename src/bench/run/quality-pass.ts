/**
 * The quality pass (DESIGN §5): every golden query once against the index, scored two ways:
 * index fidelity (tie-aware recall@k against exact ground truth, true distances recomputed from the corpus) and
 * task relevance (trec_eval conventions) where the query carries graded qrels.
 */
import type { Metric } from '../../config/types.js';
import type { VectorIndex } from '../../backends/types.js';
import { exactDistance } from '../../backends/distance.js';
import type { GoldenQuery } from '../../golden/types.js';
import type { TruthFileRow } from '../../arrow/index.js';
import type { Corpus } from '../../truth/corpus.js';
import {
  evaluateDocuments,
  rankDocuments,
  fidelityByStratum,
  judgeRanking,
  ndcgCut,
  precisionAt,
  recallAt,
  reciprocalRank,
  successAt,
  summarize,
  tieAwareRecall,
  type QueryValue,
} from '../quality/index.js';
import type { DocumentSection, PerQueryRow, QualityGroup, QualitySection } from '../../report/types.js';
import type { Qrels, RunEntry } from '../trec/types.js';

export interface QualityPassOptions {
  index: VectorIndex;
  queries: readonly GoldenQuery[];
  truth: ReadonlyMap<string, TruthFileRow>;
  corpus: Corpus;
  metric: Metric;
  /** the largest cutoff is the top-k asked of the index */
  cutoffs: number[];
  tieTolerance: number;
  timeoutMs: number;
  worst?: number;
  /**
   * Document-level relevance over a chunk index: the metadata field naming each chunk's document. The golden
   * queries' `relevant` is then judged on documents (a document ranks where its best chunk ranks).
   */
  documents?: { field: string } | undefined;
}

export interface QualityPassResult {
  section: QualitySection;
  perQuery: PerQueryRow[];
  /** present in document mode */
  documents?: DocumentSection;
  /** how many results the index returned, per query that did not error (selectivity bands count short lists) */
  returned: Map<string, number>;
}

export async function runQualityPass(o: QualityPassOptions): Promise<QualityPassResult> {
  const k = Math.max(...o.cutoffs);
  const perQuery: PerQueryRow[] = [];
  const returnedById = new Map<string, string[]>();
  const docField = o.documents?.field;
  const rankings = new Map<string, RunEntry[]>();
  let unmapped = 0;
  let chunksReturned = 0;
  const docOf = (id: string, metadata: Record<string, unknown> | undefined): string | undefined => {
    const v = metadata?.[docField!] ?? o.corpus.metadata[o.corpus.index.get(id) ?? -1]?.[docField!];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
  };
  for (const q of o.queries) {
    const started = performance.now();
    let matches;
    try {
      matches = await withTimeout(o.index.query({ vector: q.embedding, topK: k, ...(q.filter ? { filter: q.filter } : {}), ...(docField ? { includeMetadata: true } : {}) }), o.timeoutMs);
    } catch (err) {
      perQuery.push({ id: q.id, text: q.text, tags: q.tags, ok: false, error: (err as Error).message ?? String(err), latencyMs: null, recall: {}, ndcg: {}, recipRank: null, returned: [], expected: [] });
      continue;
    }
    const latencyMs = performance.now() - started;
    const ids = matches.map((m) => m.id);
    returnedById.set(q.id, ids);
    if (docField) {
      const ranking = rankDocuments(matches.map((m) => ({ id: m.id, distance: m.distance, docId: docOf(m.id, m.metadata) })));
      rankings.set(q.id, ranking.entries);
      unmapped += ranking.unmapped;
      chunksReturned += matches.length;
    }
    const truth = o.truth.get(q.id);
    const trueDistance = (id: string): number | undefined => {
      const j = o.corpus.index.get(id);
      return j === undefined ? undefined : exactDistance(o.metric, q.embedding, 0, o.corpus.vectors, j * o.corpus.dim, o.corpus.dim);
    };
    const recall: Record<string, number> = {};
    const ndcg: Record<string, number> = {};
    for (const c of o.cutoffs) {
      if (truth) recall[c] = tieAwareRecall(ids, trueDistance, truth.distances, { k: c, tolerance: o.tieTolerance });
    }
    let recipRank: number | null = null;
    if (Object.keys(q.relevant).length > 0 && !docField) {
      const judged = judgeRanking(ids, new Map(Object.entries(q.relevant)));
      for (const c of o.cutoffs) ndcg[c] = ndcgCut(judged, c);
      recipRank = reciprocalRank(judged);
    }
    perQuery.push({
      id: q.id,
      text: q.text,
      tags: q.tags,
      ok: true,
      error: null,
      latencyMs,
      recall,
      ndcg,
      recipRank,
      returned: matches.slice(0, 10).map((m) => ({ id: m.id, distance: m.distance })),
      expected: truth ? truth.ids.slice(0, 10) : [],
    });
  }
  const returned = new Map([...returnedById].map(([id, ids]) => [id, ids.length]));
  if (!docField) return { section: summarizeQuality(o, perQuery, returnedById), perQuery, returned };
  const documents = documentQuality(o, docField, rankings, perQuery, { unmapped, chunksReturned });
  const section = summarizeQuality(o, perQuery, returnedById);
  if (documents) {
    // task relevance is judged on documents here: the chunk-level judgement of document qrels means nothing
    section.relevance = Object.fromEntries(Object.entries(documents.measures).filter(([name]) => !name.startsWith('num_')));
    section.relevanceQueries = documents.queries;
  } else section.relevance = null;
  return { section, perQuery, returned, ...(documents ? { documents } : {}) };
}

/**
 * Document mode: trec_eval over the document rankings. Each query's nDCG@k and reciprocal rank in `perQuery`
 * become the document-level values, so gates, tags and the worst-query lists judge documents too.
 */
function documentQuality(
  o: QualityPassOptions,
  field: string,
  rankings: Map<string, RunEntry[]>,
  perQuery: PerQueryRow[],
  counts: { unmapped: number; chunksReturned: number },
): DocumentSection | undefined {
  const qrels: Qrels = new Map();
  for (const q of o.queries) if (Object.keys(q.relevant).length > 0) qrels.set(q.id, new Map(Object.entries(q.relevant)));
  const result = evaluateDocuments(rankings, qrels, o.cutoffs);
  const ranked = [...rankings.values()];
  const base = {
    field,
    chunksPerQuery: ranked.length ? counts.chunksReturned / ranked.length : 0,
    documentsPerQuery: ranked.length ? ranked.reduce((a, e) => a + e.length, 0) / ranked.length : 0,
    unmappedChunks: counts.unmapped,
    rankings: Object.fromEntries([...rankings].map(([qid, e]) => [qid, e.map((x) => [x.docno, x.score] as [string, number])])),
    qrels: Object.fromEntries([...qrels].map(([qid, d]) => [qid, Object.fromEntries(d)])),
  };
  if (!result) return { ...base, queries: 0, measures: {}, perQuery: {} };
  const byId = new Map(result.queries.map((q) => [q.qid, q.values]));
  for (const row of perQuery) {
    const v = byId.get(row.id);
    if (!v) continue;
    for (const c of o.cutoffs) row.ndcg[c] = v[`ndcg_cut_${c}`]!;
    row.recipRank = v.recip_rank ?? null;
  }
  return { ...base, queries: result.numQ, measures: result.all, perQuery: Object.fromEntries(result.queries.map((q) => [q.qid, q.values])) };
}

function summarizeQuality(o: QualityPassOptions, rows: PerQueryRow[], returnedById: Map<string, string[]>): QualitySection {
  const ok = rows.filter((r) => r.ok);
  const cut = o.cutoffs.map(String);
  const recall: Record<string, number> = {};
  const recallDistribution: QualitySection['recallDistribution'] = {};
  for (const c of cut) {
    const values: QueryValue[] = ok.filter((r) => r.recall[c] !== undefined).map((r) => ({ queryId: r.id, value: r.recall[c]!, tags: r.tags }));
    if (values.length === 0) continue;
    const d = summarize(values);
    recall[c] = d.mean;
    recallDistribution[c] = { mean: d.mean, p10: d.p10, p50: d.p50, p90: d.p90 };
  }
  // task relevance over the queries with qrels, trec_eval's measures at each cutoff
  const judgedQueries = o.queries.filter((q) => Object.keys(q.relevant).length > 0 && returnedById.has(q.id));
  let relevance: Record<string, number> | null = null;
  if (judgedQueries.length > 0) {
    const sums: Record<string, number> = {};
    for (const q of judgedQueries) {
      const judged = judgeRanking(returnedById.get(q.id)!, new Map(Object.entries(q.relevant)));
      const add = (name: string, v: number) => (sums[name] = (sums[name] ?? 0) + v);
      for (const c of o.cutoffs) {
        add(`recall_${c}`, recallAt(judged, c));
        add(`P_${c}`, precisionAt(judged, c));
        add(`ndcg_cut_${c}`, ndcgCut(judged, c));
        add(`success_${c}`, successAt(judged, c));
      }
      add('recip_rank', reciprocalRank(judged));
    }
    relevance = Object.fromEntries(Object.entries(sums).map(([name, s]) => [name, s / judgedQueries.length]));
  }
  // by tag: mean recall and nDCG over the queries carrying the tag
  const byTagGroups: QualityGroup[] = [];
  const first = cut[0]!;
  const tagNames = [...new Set(ok.flatMap((r) => r.tags))].sort();
  for (const tag of tagNames) {
    const members = ok.filter((r) => r.tags.includes(tag));
    byTagGroups.push({ name: tag, queries: members.length, recall: meanBy(members, cut, (r, c) => r.recall[c]), ndcg: meanBy(members, cut, (r, c) => r.ndcg[c]) });
  }
  // by stratum: recall over the ground-truth docs of each stratum (and re-weighted to production proportions)
  const byStratum: QualityGroup[] = [];
  for (const c of o.cutoffs) {
    const strataQueries = ok
      .filter((r) => o.truth.has(r.id))
      .map((r) => ({
        returnedIds: returnedById.get(r.id) ?? [],
        truth: o.truth.get(r.id)!.ids.map((id) => {
          const j = o.corpus.index.get(id) ?? -1;
          return { id, stratum: o.corpus.strata[j] ?? '(unknown)', weight: o.corpus.weights[j] ?? 1 };
        }),
      }));
    // a stratum's `queries`: how many queries have at least one ground-truth neighbour in it, counted over the
    // largest cutoff (a stratum that only appears at @100 must not show recall beside "0 queries")
    const touching = new Map<string, number>();
    for (const q of strataQueries) for (const s of new Set(q.truth.slice(0, c).map((d) => d.stratum))) touching.set(s, (touching.get(s) ?? 0) + 1);
    for (const s of fidelityByStratum(strataQueries, c)) {
      let g = byStratum.find((x) => x.name === s.stratum);
      if (!g) byStratum.push((g = { name: s.stratum, queries: 0, recall: {}, ndcg: {}, weightedRecall: {} }));
      g.recall[c] = s.recall;
      g.weightedRecall![c] = s.weightedRecall;
      if (c === Math.max(...o.cutoffs)) g.queries = touching.get(s.stratum) ?? 0;
    }
  }
  byStratum.sort((a, b) => a.name.localeCompare(b.name));
  const worst = [...ok]
    .filter((r) => r.recall[first] !== undefined)
    .sort((a, b) => a.recall[first]! - b.recall[first]! || a.id.localeCompare(b.id))
    .slice(0, o.worst ?? 10)
    .map((r) => ({ id: r.id, recall: r.recall[first]!, ndcg: r.ndcg[first] ?? null }));
  return {
    queries: ok.length,
    errored: rows.length - ok.length,
    recall,
    recallDistribution,
    relevance,
    relevanceQueries: judgedQueries.length,
    byTag: byTagGroups,
    byStratum,
    worst,
  };
}

function meanBy(rows: PerQueryRow[], cutoffs: string[], get: (r: PerQueryRow, c: string) => number | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of cutoffs) {
    const vals = rows.map((r) => get(r, c)).filter((v): v is number => v !== undefined);
    if (vals.length) out[c] = vals.reduce((a, b) => a + b, 0) / vals.length;
  }
  return out;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  if (!Number.isFinite(ms)) return p;
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    }),
  ]);
}
