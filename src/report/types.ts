/**
 * report.json, schema version 1 (DESIGN §6). A JSON Schema for it ships as src/report/report.schema.json and
 * every report vecstage writes validates against it. Times are milliseconds; rates per second.
 */
import type { IndexProvenance } from '../backends/types.js';
import type { Metric } from '../config/types.js';
import type { Interval, LatencyStats, OpenLoopResult, PassResult, SweepResult, WarmupResult } from '../bench/latency/types.js';

export const REPORT_SCHEMA_VERSION = 1;

export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  runId: string;
  createdAt: string;
  /** suite file the run came from, if any */
  suite?: string;
  fingerprint: RunFingerprint;
  settings: RunSettings;
  latency: LatencySection;
  quality: QualitySection;
  perQuery: PerQueryRow[];
  verdict: Verdict;
  /** present when the run was compared against a baseline (bench --baseline) */
  baseline?: BaselineSection;
  /** document-level relevance, when the index holds chunks of documents (built by `vecstage build`) */
  documents?: DocumentSection;
  /** how the index was built, when a pipeline built it: what `compare` sets side by side */
  strategy?: StrategyInfo;
  /** bench --sweep: every point of the search-parameter sweep; the other sections are the primary point's */
  frontier?: FrontierSection;
  /** quality and serial latency by filter selectivity band, when any golden query has a filter */
  selectivity?: SelectivitySection;
}

/**
 * Filtered workloads (issue 12): each filtered golden query placed by its selectivity, the share of the rows its
 * filter passes (by the memory backend's filter definition), and quality and serial latency per band.
 */
export interface SelectivitySection {
  /** rows the selectivity is measured over */
  rows: number;
  /** the sample the ground truth came from, or the index's own records (bench without --sample) */
  source: 'sample' | 'index';
  /** results asked of the index per query */
  k: number;
  /** where band latencies come from: the serial pass; null when its latencies could not be matched to queries */
  latencyFrom: 'serial' | null;
  /** always the five bands in order: <=1%, 1-10%, 10-50%, >50%, unfiltered (an edge belongs to the lower band) */
  bands: SelectivityBand[];
  /** every filtered query */
  queries: Array<{ id: string; band: Exclude<SelectivityBandName, 'unfiltered'>; passing: number; selectivity: number; returned: number | null; short: boolean }>;
}

export type SelectivityBandName = '<=1%' | '1-10%' | '10-50%' | '>50%' | 'unfiltered';

export interface SelectivityBand {
  name: SelectivityBandName;
  /** queries scored (returned without error) and queries that errored */
  queries: number;
  errored: number;
  /** the band's smallest and largest selectivity; null for the unfiltered band or an empty one */
  selectivity: { min: number; max: number } | null;
  /** mean tie-aware recall@k vs the exact filtered truth, keyed by cutoff */
  recall: Record<string, number>;
  /** mean nDCG@k over the band's queries with qrels, keyed by cutoff */
  ndcg: Record<string, number>;
  ndcgQueries: number;
  /**
   * result lists shorter than min(k, rows passing the filter): the index returned fewer than it could. Never
   * padded; recall counts the missing results as misses.
   */
  shortLists: number;
  /** serial-pass latency of the band's queries (ok requests) */
  latency: { samples: number; p50: number; p95: number } | null;
}

/** bench --sweep: recall against QPS and p95 across the values of one search-time setting. */
export interface FrontierSection {
  /** the swept setting, e.g. ef_search */
  setting: string;
  /** how each point was isolated (the backend adapter's words) */
  method: string;
  /** the benched index's own value of the setting (untouched by the sweep); null when the backend does not say */
  indexValue: number | null;
  /** recall and nDCG on the frontier are at this cutoff */
  cutoff: number;
  /** the frontier's QPS is the closed-loop QPS at this many clients (the run's highest level) */
  concurrency: number;
  points: FrontierPoint[];
  /** --pick as given and the point it chose (the fastest that meets it); chosen null when none does */
  pick: { expression: string; chosen: number | null; reason: string } | null;
  /** index into points of the point the report's latency, quality and per-query sections come from */
  primary: number;
  /** caveats of this sweep (the adapter's, e.g. settings the backend raises to k) */
  notes: string[];
}

export interface FrontierPoint {
  /** the setting's value at this point, e.g. { ef_search: 64 } */
  settings: Record<string, number>;
  /** tie-aware recall vs exact ground truth, keyed by cutoff */
  recall: Record<string, number>;
  /** nDCG@k where qrels exist (trec_eval ndcg_cut_k), keyed by cutoff; empty without qrels */
  ndcg: Record<string, number>;
  queries: number;
  errored: number;
  /** serial pass (one client) */
  serial: LatencyStats | null;
  /** closed-loop QPS at `FrontierSection.concurrency` */
  qps: number;
  levels: Array<{ concurrency: number; qps: number; p95: number | null }>;
  /** errors + timeouts per request over the point's passes */
  errorRate: number;
  /** seconds it took to make the point's index variant (a scratch copy on Chroma) */
  variantSeconds: number;
  /** not dominated on (recall up, QPS up) and on (recall up, p95 down) */
  pareto: { qps: boolean; p95: boolean };
}

/** Frontiers side by side: QPS at equal recall, linearly interpolated between each run's Pareto points. */
export interface FrontierComparison {
  cutoff: number;
  /** what each side is: "ef_search sweep, 5 points" or "single point" */
  baseline: string;
  candidate: string;
  /** the recall range both frontiers cover; null when they do not overlap */
  overlap: Interval | null;
  levels: Array<{ recall: number; baseline: number; candidate: number; ratio: number }>;
  /** geometric mean of candidate/baseline QPS over the levels; null without levels */
  meanRatio: number | null;
  note: string;
}

/**
 * Document-level task relevance over a chunk index (trec_eval conventions): each query's documents ranked by their
 * best chunk. `rankings` and `qrels` are the TREC run and qrels the measures come from; `vecstage report` writes
 * them as doc-run.trec and doc-qrels.trec beside report.json so `vecstage metrics` can reproduce every number.
 */
export interface DocumentSection {
  /** the chunk metadata field naming the document (bench --doc-field) */
  field: string;
  /** queries averaged over (with document qrels and at least one returned document) */
  queries: number;
  /** trec_eval names: num_q, num_ret, num_rel, num_rel_ret, map, recip_rank, P_k, recall_k, ndcg_cut_k, success_k */
  measures: Record<string, number>;
  perQuery: Record<string, Record<string, number>>;
  chunksPerQuery: number;
  documentsPerQuery: number;
  /** returned chunks whose document could not be told (no such metadata field) */
  unmappedChunks: number;
  /** qid -> [docno, score] best first, score = -distance of the document's best chunk */
  rankings: Record<string, Array<[string, number]>>;
  qrels: Record<string, Record<string, number>>;
}

/** The build behind an index: its pipeline (from the index provenance) and cost (from the build record). */
export interface StrategyInfo {
  pipeline: string;
  chunker: string | null;
  embedder: string | null;
  documents: number | null;
  chunks: number;
  /** from `<builds>/<env>/<index>/build.json` when this machine built it */
  build: {
    seconds: number | null;
    embedCalls: number | null;
    embedded: number | null;
    cacheHits: number | null;
    tokens: number | null;
    vectorBytes: number | null;
    textBytes: number | null;
    meanChunkChars: number | null;
  } | null;
}

export interface RunFingerprint {
  env: string;
  backend: { kind: 'memory' | 'chroma' | 'pinecone'; version: string; /** never contains credentials */ endpoint: string };
  index: { name: string; dimension: number; metric: Metric; count: number; provenance: IndexProvenance | null; live: boolean };
  client: { vecstage: string; node: string; libraries: Record<string, string> };
  machine: { platform: string; arch: string; cpus: number; cpuModel: string; memoryGb: number; hostname: string };
  configHash: string;
  queries: { path: string; sha256: string; count: number };
  /** the ground truth the quality pass was scored against */
  truth: { path: string | null; sampleManifestHash: string | null; k: number } | null;
}

export interface RunSettings {
  k: number;
  /** cutoffs that recall/nDCG are reported at, e.g. [10, 100] */
  cutoffs: number[];
  concurrency: number[];
  /** open-loop target rate (requests/s); null when the pass was skipped */
  rate: number | null;
  durationMs: number;
  warmupRequests: number;
  timeoutMs: number;
  seed: string;
  /** distances within this of the k-th true distance count as hits (tie-aware recall) */
  tieTolerance: number;
}

export interface LatencySection {
  warmup: WarmupResult;
  serial: PassResult & { samplesMs: number[] };
  sweep: SweepResult;
  openLoop: OpenLoopResult | null;
  /** open-loop passes at several target rates, ascending, when the run swept rates (openLoop is then one of them) */
  openLoopRates?: OpenLoopResult[];
}

/** A distribution of a per-query value over queries (R-7 quantiles). */
export interface Distribution {
  mean: number;
  p10: number;
  p50: number;
  p90: number;
}

export interface QualityGroup {
  /** tag or stratum name */
  name: string;
  queries: number;
  /** recall@k vs exact ground truth (tie-aware), keyed by cutoff ("10", "100") */
  recall: Record<string, number>;
  /** task relevance nDCG@k where qrels exist, keyed by cutoff */
  ndcg: Record<string, number>;
  /** weighted by the sample's inclusion weights (production proportions), when asked */
  weightedRecall?: Record<string, number>;
}

export interface QualitySection {
  /** queries scored (those that returned without error) and queries that errored */
  queries: number;
  errored: number;
  /** index fidelity: mean tie-aware recall@k vs exact ground truth, keyed by cutoff */
  recall: Record<string, number>;
  recallDistribution: Record<string, Distribution>;
  /** task relevance (trec_eval conventions) over queries with qrels; keys like recall_10, P_10, recip_rank, ndcg_cut_10, success_10 */
  relevance: Record<string, number> | null;
  relevanceQueries: number;
  byTag: QualityGroup[];
  byStratum: QualityGroup[];
  /** the worst queries by recall at the first cutoff */
  worst: Array<{ id: string; recall: number; ndcg: number | null }>;
}

export interface PerQueryRow {
  id: string;
  text: string | null;
  tags: string[];
  ok: boolean;
  error: string | null;
  latencyMs: number | null;
  /** tie-aware recall vs exact ground truth, keyed by cutoff */
  recall: Record<string, number>;
  /** nDCG@k vs qrels, keyed by cutoff; empty without qrels */
  ndcg: Record<string, number>;
  recipRank: number | null;
  /** first 10 returned ids and their distances */
  returned: Array<{ id: string; distance: number }>;
  /** first 10 exact ground-truth ids */
  expected: string[];
}

export type GateMetric = 'latency_p50' | 'latency_p95' | 'latency_p99' | 'qps' | 'recall' | 'ndcg' | 'error_rate';

export interface GateResult {
  name: string;
  metric: GateMetric;
  /** "lower" when lower is better (latency, error rate), "higher" otherwise */
  better: 'lower' | 'higher';
  baseline: number;
  candidate: number;
  delta: number;
  /** delta / baseline, when baseline != 0 */
  relative: number | null;
  /** confidence interval of delta (bootstrap for latency/qps, paired per-query for quality) */
  ci: Interval | null;
  /** allowed worsening: relative (0.10 = 10%) for latency/qps, absolute for quality */
  threshold: number;
  thresholdKind: 'relative' | 'absolute';
  /** worse than the threshold AND the CI excludes zero */
  regression: boolean;
  note: string;
}

export interface Comparison {
  baseline: { runId: string; index: string; createdAt: string };
  candidate: { runId: string; index: string; createdAt: string };
  gates: GateResult[];
  status: 'pass' | 'regression';
  /** gates that could not be evaluated (e.g. nDCG without qrels in either run), with the reason */
  skipped?: Array<{ name: string; metric: GateMetric; reason: string }>;
  /** confidence level of every interval in `gates` */
  confidence?: number;
  /** differences between the runs that weaken the comparison (query set, k, metric, machine, backend) */
  warnings?: string[];
  /** present when either run's index was built by a pipeline: the strategies side by side */
  strategy?: StrategyComparison;
  /** present when either run is a sweep (bench --sweep): QPS at equal recall */
  frontier?: FrontierComparison;
}

export interface StrategyComparison {
  baseline: StrategyInfo | null;
  candidate: StrategyInfo | null;
  /** paired per-query deltas (candidate - baseline) of document-level measures, over queries judged in both */
  measures: Array<{ name: string; baseline: number; candidate: number; delta: number; ci: Interval; permutationP: number; n: number }>;
  /** per query, by the first measure: which run ranked it better (ids), and how many tied */
  wins: { measure: string; candidate: string[]; baseline: string[]; ties: number } | null;
}

export interface BaselineSection {
  path: string;
  comparison: Comparison;
}

export interface Verdict {
  /** pass: no gate regressed (or no baseline and the run completed); regression: a gate regressed; error: the run could not measure */
  status: 'pass' | 'regression' | 'error';
  summary: string;
  regressions: string[];
}
