/**
 * A realistic, deterministic report.json v1 generator for report/compare tests. Latency samples come from a
 * seeded log-normal with a heavier tail, run through the real latency harness summaries (describe/Tally), so
 * histograms, CDFs and bootstrap intervals are the ones the bench command would write. Per-query quality is a
 * function of the query id (not the seed): two runs of the same index differ in latency noise only.
 */
import { Tally, describe, seededRng } from '../../src/bench/latency/index.js';
import type { OpenLoopResult, Rng, SweepLevelResult } from '../../src/bench/latency/types.js';
import type { PerQueryRow, QualityGroup, Report } from '../../src/report/types.js';

export interface MakeReportOptions {
  /** seed of the latency noise; @default "base" */
  seed?: string;
  runId?: string;
  createdAt?: string;
  index?: string;
  /** multiplies every latency (1.3 = 30% slower); @default 1 */
  latencyScale?: number;
  /** recall points lost on the affected queries (every third query); @default 0 */
  recallDrop?: number;
  /** queries in the golden set; @default 40 */
  queries?: number;
  /** serial-pass samples; @default 400 */
  samples?: number;
  /** fraction of serial requests that error; @default 0 */
  errorRate?: number;
  /** replaces the text of query i */
  texts?: Record<number, string>;
}

const TAGS = ['multilingual', 'short-text', 'long-text', 'near-duplicate', 'rare-stratum'];
const STRATA = ['acme/en', 'acme/de', 'globex/en', 'initech/fr'];
const WORDS = ['invoice', 'refund', 'policy', 'shipping', 'warranty', 'Rückgabe', 'contrat', 'delay', 'account', 'export'];

export function makeReport(opts: MakeReportOptions = {}): Report {
  const seed = opts.seed ?? 'base';
  const scale = opts.latencyScale ?? 1;
  const rng = seededRng(`latency:${seed}`);
  const lat = (median: number): number => scale * logNormal(rng, median, 0.35) + (rng() < 0.02 ? scale * median * 3 * rng() : 0);

  const serialTally = new Tally();
  const n = opts.samples ?? 400;
  for (let i = 0; i < n; i++) {
    if (rng() < (opts.errorRate ?? 0)) serialTally.add({ kind: 'error', latencyMs: 1, retries: 0, message: 'backend: 503 Service Unavailable' });
    else serialTally.add({ kind: 'ok', latencyMs: lat(4), retries: i % 97 === 0 ? 1 : 0 });
  }
  const describeOpts = { bootstrap: { resamples: 200, seed }, bucketsPerDecade: 10, cdfPoints: 100 } as const;
  const serialSet = describe(serialTally, sumOk(serialTally) + n * 0.05, describeOpts);
  const warmup = { requests: 20, ok: 20, errors: 0, timeouts: 0, durationMs: 95 };

  const levels: SweepLevelResult[] = [1, 4, 16].map((c) => {
    const t = new Tally();
    // contention: the median grows with concurrency past the machine's cores
    const median = 4 * (1 + Math.max(0, c - 4) * 0.12);
    for (let i = 0; i < 300; i++) t.add({ kind: 'ok', latencyMs: lat(median), retries: 0 });
    const wall = sumOk(t) / c;
    return { concurrency: c, ...describe(t, wall, { ...describeOpts, bootstrap: false }) };
  });

  const openTally = new Tally();
  for (let i = 0; i < 600; i++) openTally.add({ kind: 'ok', latencyMs: lat(5), retries: 0 });
  const openSet = describe(openTally, 3000, { ...describeOpts, bootstrap: false });
  const sendLagTally = new Tally();
  for (let i = 0; i < 600; i++) sendLagTally.add({ kind: 'ok', latencyMs: 0.05 + rng() * 0.2, retries: 0 });
  const openLoop: OpenLoopResult = {
    kind: 'open-loop',
    arrival: 'poisson',
    targetRate: 200,
    sentRate: 199.4,
    achievedRate: openSet.qps,
    scheduled: 600,
    maxOutstanding: 64,
    sendLag: describe(sendLagTally, 3000, { ...describeOpts, bootstrap: false }).latency,
    warmup,
    ...openSet,
  };

  const perQuery = makeQueries(opts, rng);
  const ok = perQuery.filter((q) => q.ok);
  const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const group = (name: string, rows: PerQueryRow[]): QualityGroup => ({
    name,
    queries: rows.length,
    recall: { '10': mean(rows.map((r) => r.recall['10'] ?? 0)) },
    ndcg: { '10': mean(rows.map((r) => r.ndcg['10'] ?? 0)) },
  });
  const recalls = ok.map((q) => q.recall['10'] ?? 0).sort((a, b) => a - b);
  const q = (p: number): number => recalls[Math.min(recalls.length - 1, Math.floor(p * (recalls.length - 1)))] ?? 0;
  const index = opts.index ?? 'staging-v3';

  return {
    schemaVersion: 1,
    runId: opts.runId ?? `2026-11-20T10-00-00Z-${seed}`,
    createdAt: opts.createdAt ?? '2026-11-20T10:00:00.000Z',
    suite: 'bench/default.json',
    fingerprint: {
      env: 'staging',
      backend: { kind: 'chroma', version: '1.0.5', endpoint: 'http://127.0.0.1:8000' },
      index: {
        name: index,
        dimension: 384,
        metric: 'cosine',
        count: 15000,
        provenance: {
          model: 'text-embedding-3-small',
          dimension: 384,
          metric: 'cosine',
          sampleManifestHash: 'a3f1c2',
          source: 'production',
          toolkitVersion: '0.1.0',
          createdAt: '2026-11-19T08:00:00.000Z',
          rows: 15000,
        },
        live: false,
      },
      client: { vecstage: '0.1.0', node: 'v20.19.0', libraries: { chromadb: '3.5.0', tinybench: '6.2.5' } },
      machine: { platform: 'linux', arch: 'x64', cpus: 8, cpuModel: 'Test CPU @ 3.0GHz', memoryGb: 32, hostname: 'bench-1' },
      configHash: 'c0ffee12',
      queries: { path: 'fixtures/golden/default.jsonl', sha256: 'deadbeef', count: perQuery.length },
      truth: { path: '.vecstage/truth/default.arrow', sampleManifestHash: 'a3f1c2', k: 100 },
    },
    settings: {
      k: 10,
      cutoffs: [10],
      concurrency: [1, 4, 16],
      rate: 200,
      durationMs: 3000,
      warmupRequests: 20,
      timeoutMs: 2000,
      seed,
      tieTolerance: 1e-6,
    },
    latency: {
      warmup,
      serial: { kind: 'serial', timer: 'tinybench', warmup, ...serialSet, samplesMs: [...serialTally.okLatencies] },
      sweep: { kind: 'closed-loop', warmup, levels },
      openLoop,
    },
    quality: {
      queries: ok.length,
      errored: perQuery.length - ok.length,
      recall: { '10': mean(recalls) },
      recallDistribution: { '10': { mean: mean(recalls), p10: q(0.1), p50: q(0.5), p90: q(0.9) } },
      relevance: { recall_10: 0.71, P_10: 0.32, recip_rank: 0.78, ndcg_cut_10: mean(ok.map((r) => r.ndcg['10'] ?? 0)), success_10: 0.93 },
      relevanceQueries: ok.length,
      byTag: TAGS.map((t) => group(t, ok.filter((r) => r.tags.includes(t)))),
      byStratum: STRATA.map((s, i) => group(s, ok.filter((_, j) => j % STRATA.length === i))),
      worst: [...ok]
        .sort((a, b) => (a.recall['10'] ?? 0) - (b.recall['10'] ?? 0) || a.id.localeCompare(b.id))
        .slice(0, 5)
        .map((r) => ({ id: r.id, recall: r.recall['10'] ?? 0, ndcg: r.ndcg['10'] ?? null })),
    },
    perQuery,
    verdict: { status: 'pass', summary: 'run completed; no baseline', regressions: [] },
  };
}

function makeQueries(opts: MakeReportOptions, rng: Rng): PerQueryRow[] {
  const count = opts.queries ?? 40;
  const rows: PerQueryRow[] = [];
  for (let i = 0; i < count; i++) {
    const id = `q-${String(i + 1).padStart(3, '0')}`;
    // quality is a function of the query, not of the seed
    const hard = i % 7 === 3 ? 0.4 : i % 5 === 2 ? 0.2 : 0;
    const drop = i % 3 === 0 ? (opts.recallDrop ?? 0) : 0;
    const recall = Math.max(0, Math.round((1 - hard - drop) * 10) / 10);
    const ndcg = Math.max(0, Math.min(1, 0.95 - hard * 0.9 - drop - (i % 4) * 0.03));
    const tags = TAGS.filter((_, t) => (i + t) % 4 === 0);
    const failed = i === count - 1;
    rows.push({
      id,
      text: opts.texts?.[i] ?? `${WORDS[i % WORDS.length]} ${WORDS[(i * 3 + 1) % WORDS.length]} question ${i + 1}`,
      tags,
      ok: !failed,
      error: failed ? 'timeout after 2000 ms' : null,
      latencyMs: failed ? null : (opts.latencyScale ?? 1) * logNormal(rng, 4, 0.3),
      recall: failed ? {} : { '10': recall },
      ndcg: failed ? {} : { '10': ndcg },
      recipRank: failed ? null : 1 / (1 + (i % 3)),
      returned: failed ? [] : Array.from({ length: 3 }, (_, r) => ({ id: `doc-${(i * 7 + r) % 500}`, distance: 0.1 + r * 0.05 })),
      expected: failed ? [] : Array.from({ length: 3 }, (_, r) => `doc-${(i * 7 + r) % 500}`),
    });
  }
  return rows;
}

function logNormal(rng: Rng, median: number, sigma: number): number {
  // Box-Muller; 1 - u keeps the log finite
  const u = 1 - rng();
  const v = rng();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return median * Math.exp(sigma * z);
}

function sumOk(t: Tally): number {
  return t.okLatencies.reduce((a, b) => a + b, 0);
}
