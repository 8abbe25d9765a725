export { rankRun } from './rank-run.js';
export { judgeRanking, isRelevant, NOT_JUDGED, IN_POOL_UNJUDGED, type JudgedRanking } from './judge-ranking.js';
export { precisionAt, recallAt, successAt, reciprocalRank, averagePrecision, rPrecision } from './binary-measures.js';
export { ndcg, ndcgCut } from './ndcg.js';
export {
  MEASURE_NAMES,
  TREC_CUTOFFS,
  SUCCESS_CUTOFFS,
  defaultMeasures,
  type MeasureName,
  type MeasureRequest,
} from './measures.js';
export { parseMeasures } from './parse-measures.js';
export { evaluateQuery, type MeasureValues } from './evaluate-query.js';
export { evaluateRun, averageQueries, type TrecEvalOptions, type TrecEvalResult, type QueryEvaluation } from './evaluate-run.js';
export { formatTrecEval, formatFixed, type FormatTrecOptions } from './format-trec.js';
export { tieAwareRecall, recallAtK, type TrueDistance, type TieAwareRecallOptions } from './fidelity.js';
export { quantile, quantileSorted, mean } from './quantile.js';
export { summarize, byTag, worstQueries, type QueryValue, type Distribution } from './breakdown.js';
export { fidelityByStratum, type TruthDoc, type StratumQuery, type StratumFidelity } from './strata.js';
export { comparePaired, bootstrapMeanCi, pairByQuery, type PairedOptions, type PairedResult } from './paired.js';
export { studentTTwoSided } from './student-t.js';
export { seededRandom, type Random } from './random.js';
export { rankDocuments, evaluateDocuments, documentMeasures, formatTrecRun, formatTrecQrels, type ChunkHit, type DocumentRanking } from './document-ranking.js';
