/** TREC relevance judgments and runs as plain values (trec_eval's "qrels" and "trec_results" formats). */

/** qid -> docno -> relevance. A relevance <= 0 is non-relevant for binary measures; < 0 means "judged unjudged". */
export type Qrels = Map<string, Map<string, number>>;

export interface RunEntry {
  docno: string;
  score: number;
}

export interface Run {
  /** the tag of the last line, as trec_eval keeps it */
  runId: string;
  /** qid -> retrieved docs in file order (the rank column is not kept: trec_eval ignores it) */
  queries: Map<string, RunEntry[]>;
}
