/**
 * Document-level relevance over a chunk index: golden queries are judged on document ids, the index returns chunks.
 * A document ranks where its best chunk ranks and later chunks of the same document are dropped (max-passage
 * scoring, the usual convention for passage-to-document evaluation, e.g. MS MARCO document ranking "MaxP").
 * The document ranking becomes an ordinary TREC run (score = -distance of the best chunk), so trec_eval's rules
 * (score order, docno tie-break, only queries in both qrels and run) apply exactly as `vecstage metrics` applies
 * them to the same run written as a file.
 */
import type { Qrels, Run, RunEntry } from '../trec/types.js';
import { evaluateRun, type TrecEvalResult } from './evaluate-run.js';
import type { MeasureRequest } from './measures.js';

export interface ChunkHit {
  id: string;
  distance: number;
  /** the chunk's document, when known */
  docId: string | undefined;
}

export interface DocumentRanking {
  entries: RunEntry[];
  /** returned chunks whose document could not be told */
  unmapped: number;
}

/** Hits in the index's order (best first). Unmapped chunks are left out and counted. */
export function rankDocuments(hits: readonly ChunkHit[]): DocumentRanking {
  const seen = new Set<string>();
  const entries: RunEntry[] = [];
  let unmapped = 0;
  for (const h of hits) {
    if (h.docId === undefined) {
      unmapped++;
      continue;
    }
    if (seen.has(h.docId)) continue;
    seen.add(h.docId);
    // negated distance: trec_eval ranks by score descending; String() round-trips the double exactly, so the
    // written run file and this value agree bit for bit
    entries.push({ docno: h.docId, score: -h.distance || 0 });
  }
  return { entries, unmapped };
}

/** The measures reported at document level, at the bench's cutoffs. */
export function documentMeasures(cutoffs: readonly number[]): MeasureRequest[] {
  const c = [...new Set(cutoffs)].sort((a, b) => a - b);
  return [
    { name: 'num_q' },
    { name: 'num_ret' },
    { name: 'num_rel' },
    { name: 'num_rel_ret' },
    { name: 'map' },
    { name: 'recip_rank' },
    { name: 'P', cutoffs: c },
    { name: 'recall', cutoffs: c },
    { name: 'ndcg_cut', cutoffs: c },
    { name: 'success', cutoffs: c },
  ];
}

/** trec_eval over the document rankings; undefined when no ranked query has qrels. */
export function evaluateDocuments(rankings: ReadonlyMap<string, RunEntry[]>, qrels: Qrels, cutoffs: readonly number[], runId = 'vecstage'): TrecEvalResult | undefined {
  const run: Run = { runId, queries: new Map([...rankings].filter(([, e]) => e.length > 0)) };
  if (![...run.queries.keys()].some((q) => qrels.has(q))) return undefined;
  return evaluateRun(qrels, run, { measures: documentMeasures(cutoffs) });
}

/** The run as a TREC file (`qid Q0 docno rank score tag`), the input `vecstage metrics --run` reads. */
export function formatTrecRun(rankings: ReadonlyMap<string, RunEntry[]>, tag = 'vecstage'): string {
  const lines: string[] = [];
  for (const [qid, entries] of rankings) entries.forEach((e, i) => lines.push(`${qid} Q0 ${e.docno} ${i + 1} ${String(e.score)} ${tag}`));
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** Qrels as a TREC file (`qid 0 docno rel`). */
export function formatTrecQrels(qrels: Qrels): string {
  const lines: string[] = [];
  for (const [qid, docs] of qrels) for (const [doc, rel] of docs) lines.push(`${qid} 0 ${doc} ${rel}`);
  return lines.length ? `${lines.join('\n')}\n` : '';
}
