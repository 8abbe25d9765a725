import { VecstageError } from '../../errors.js';
import type { Qrels, Run } from '../trec/types.js';
import { compareDocno } from './compare-docno.js';
import { evaluateQuery, type MeasureValues } from './evaluate-query.js';
import { judgeRanking } from './judge-ranking.js';
import { COUNT_MEASURES, type MeasureRequest, defaultMeasures } from './measures.js';
import { rankRun } from './rank-run.js';

export interface TrecEvalOptions {
  /** @default every measure vecstage computes, with trec_eval's default cutoffs */
  measures?: readonly MeasureRequest[];
  /** relevance >= this is relevant for binary measures (trec_eval -l). @default 1 */
  relevanceLevel?: number;
  /** average over every qrels query, a query missing from the run scoring 0 (trec_eval -c). @default false */
  allQueries?: boolean;
  /** evaluate only the top N docs of each query after ranking (trec_eval -M). @default Infinity */
  maxDocsPerQuery?: number;
}

export interface QueryEvaluation {
  qid: string;
  values: MeasureValues;
}

export interface TrecEvalResult {
  runId: string;
  /** the queries averaged over: in both qrels and run, or every qrels query with allQueries */
  numQ: number;
  /** evaluated queries in trec_eval's order (qid by strcmp) */
  queries: QueryEvaluation[];
  /** `all`: counts summed, other measures averaged over numQ; includes num_q when requested */
  all: MeasureValues;
  /** whether `runid` was requested (printed first in the `all` block) */
  showRunId: boolean;
}

/**
 * trec_eval over in-memory qrels and run: only queries in both are evaluated and averaged, unless allQueries
 * (then every qrels query is, with an empty ranking where the run has none). Queries only in the run are ignored.
 */
export function evaluateRun(qrels: Qrels, run: Run, options: TrecEvalOptions = {}): TrecEvalResult {
  const measures = options.measures ?? defaultMeasures();
  const level = options.relevanceLevel ?? 1;
  const queries: QueryEvaluation[] = [];
  for (const qid of [...qrels.keys()].sort(compareDocno)) {
    const entries = run.queries.get(qid);
    if (!entries && !options.allQueries) continue;
    const ranked = rankRun(entries ?? [], options.maxDocsPerQuery);
    const judged = judgeRanking(ranked, qrels.get(qid) ?? new Map(), level);
    queries.push({ qid, values: evaluateQuery(judged, measures) });
  }
  if (queries.length === 0) {
    const sample = (ids: Iterable<string>): string => [...ids].slice(0, 5).join(', ') || 'none';
    throw new VecstageError(
      'INPUT',
      `no query is in both the qrels and the run: qrels queries ${sample(qrels.keys())}; run queries ${sample(run.queries.keys())}; allowed: matching qid columns`,
    );
  }
  const numQ = queries.length;
  return {
    runId: run.runId,
    numQ,
    queries,
    all: averageQueries(queries, numQ, measures.some((m) => m.name === 'num_q')),
    showRunId: measures.some((m) => m.name === 'runid'),
  };
}

/** trec_eval's `all`: sums for counts, sum / numQ otherwise, accumulated in query order. */
export function averageQueries(queries: readonly QueryEvaluation[], numQ: number, withNumQ = true): MeasureValues {
  const sums: MeasureValues = withNumQ ? { num_q: numQ } : {};
  for (const { values } of queries) {
    for (const [name, value] of Object.entries(values)) sums[name] = (sums[name] ?? 0) + value;
  }
  for (const name of Object.keys(sums)) {
    if (!COUNT_MEASURES.has(name)) sums[name] = (sums[name] ?? 0) / numQ;
  }
  return sums;
}
