/**
 * A bench report as a document-level run of a pipeline: the vector report of makeReport with a strategy (what
 * `vecstage build` records) and a document section whose per-query scores are `ndcgOf(query ordinal)`.
 */
import type { DocumentSection, Report, StrategyInfo } from '../../src/report/types.js';

export function withStrategy(r: Report, pipeline: string, ndcgOf: (q: number) => number): Report {
  const perQuery: DocumentSection['perQuery'] = {};
  r.perQuery.forEach((row, i) => (perQuery[row.id] = { ndcg_cut_10: ndcgOf(i), recip_rank: ndcgOf(i), recall_10: 1, map: ndcgOf(i) }));
  const mean = (k: string) => Object.values(perQuery).reduce((a, v) => a + v[k]!, 0) / r.perQuery.length;
  const strategy: StrategyInfo = { pipeline, chunker: 'fixed size=100 unit=chars', embedder: 'hashing:h-64', documents: 10, chunks: 30, build: { seconds: 1.5, embedCalls: 3, embedded: 30, cacheHits: 0, tokens: 0, vectorBytes: 7680, textBytes: 3000, meanChunkChars: 100 } };
  return {
    ...r,
    settings: { ...r.settings, cutoffs: [10] },
    strategy,
    documents: { field: 'doc_id', queries: r.perQuery.length, measures: { ndcg_cut_10: mean('ndcg_cut_10'), recip_rank: mean('recip_rank'), map: mean('map'), recall_10: 1 }, perQuery, chunksPerQuery: 10, documentsPerQuery: 4, unmappedChunks: 0, rankings: { [r.perQuery[0]!.id]: [['d1', -0.1]] }, qrels: { [r.perQuery[0]!.id]: { d1: 2 } } },
  };
}
