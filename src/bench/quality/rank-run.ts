import type { RunEntry } from '../trec/types.js';
import { compareDocno } from './compare-docno.js';

/**
 * trec_eval's ranking (form_res_rels.c, comp_sim_docno): score descending, ties broken by docno descending (strcmp);
 * the run file's rank column plays no part. `maxDocs` keeps the top N after sorting (trec_eval -M).
 */
export function rankRun(entries: readonly RunEntry[], maxDocs = Infinity): string[] {
  const sorted = [...entries].sort((a, b) => (a.score !== b.score ? b.score - a.score : compareDocno(b.docno, a.docno)));
  const top = sorted.length > maxDocs ? sorted.slice(0, maxDocs) : sorted;
  return top.map((e) => e.docno);
}
