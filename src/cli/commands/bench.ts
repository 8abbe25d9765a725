import { resolve } from 'node:path';
import { type CliCommand, listFlag, numberFlag, stringFlag, writeJson } from '../command.js';
import { resolveTarget, withBackend } from '../env-context.js';
import { invalid } from '../../errors.js';
import { configRelative, STATE_DIR } from '../../config/index.js';
import { openPointerStore } from '../../pointer/open.js';
import { runBench, type BenchOptions } from '../../bench/run/bench.js';
import { readSuite, type BenchSuite } from '../../bench/run/suite.js';
import { parseDuration } from '../../bench/run/duration.js';
import { finishReport, gateOptionsFrom } from '../../bench/run/finish.js';
import { GATE_FLAG_OPTIONS } from '../../report/compare/gate-options.js';
import { readReport } from '../../report/read-report.js';
import { version } from '../main.js';
import { parsePick, parseSettingSweep, runBenchSweep } from '../../bench/sweep/index.js';
import { formatFrontier } from '../../bench/sweep/format.js';

export const command: CliCommand = {
  name: 'bench',
  summary: 'benchmark an index: quality and latency',
  help: `usage: vecstage bench --queries <golden.jsonl> [--env E] [--index name-vN] [--sample <dir> | --truth <file>]
                      [--k 10] [--cutoffs 10,100] [--suite bench/<name>.json] [--concurrency 1,4,16]
                      [--rate 200|auto|off] [--duration 10s] [--serial-requests 1000] [--warmup 50]
                      [--timeout 10s] [--seed S] [--baseline <report.json>] [gate flags] [--out reports/]
                      [--pipeline <name>] [--doc-field doc_id] [--allow-sealed] [--json]
                      [--sweep ef_search=16,32,64,128,256 [--pick "recall>=0.95"]]

Runs the quality pass (every golden query once: tie-aware recall@k against exact ground truth over --sample, or
over the index's own contents when no sample is given; nDCG/MRR where queries carry qrels), then warm-up, a serial
pass timed with tinybench, a closed-loop concurrency sweep and an open-loop pass at --rate (default auto: half the
best closed-loop QPS), and writes reports/<run-id>/report.json, report.html and summary.md. The index defaults to
the env's live index. With --baseline the run is compared and the exit code is 1 on a regression.
An index built by \`vecstage build\` is benched at document level too: each chunk's document is read from the
metadata field --doc-field (default doc_id), a document ranks where its best chunk ranks, and the golden queries'
qrels are judged on documents (trec_eval conventions; doc-run.trec and doc-qrels.trec are written beside the report).
Golden queries with text and no embedding are embedded by the pipeline that built the index (or --pipeline), cached;
its chunk sample under .vecstage/builds/ is the default --sample.
--sweep runs the quality pass, warm-up, serial pass and closed-loop levels once per value of a search-time
setting (Chroma: ef_search, each point on a scratch copy of the index, which itself is never changed) and adds the
recall/QPS and recall/p95 frontier with its Pareto points; --pick chooses the fastest point meeting conditions
(recall, recall@k, ndcg, ndcg@k, qps, p50, p95, p99 with >= <= > <, joined by "and"), e.g. "recall>=0.95 and
p95<=20ms". The report's other sections are the picked point's (else the last value's). No open-loop pass.
The memory backend and Pinecone have no search-time settings: --sweep is refused there (exit 2).
Gate flags: --max-p95-regression 10% --max-p50-regression --max-p99-regression --max-qps-drop
            --max-recall-drop 0.01 --max-ndcg-drop --max-error-rate-increase`,
  options: {
    queries: { type: 'string' },
    index: { type: 'string' },
    sample: { type: 'string' },
    truth: { type: 'string' },
    k: { type: 'string' },
    cutoffs: { type: 'string' },
    suite: { type: 'string' },
    concurrency: { type: 'string' },
    rate: { type: 'string' },
    duration: { type: 'string' },
    'serial-requests': { type: 'string' },
    warmup: { type: 'string' },
    timeout: { type: 'string' },
    seed: { type: 'string' },
    baseline: { type: 'string' },
    out: { type: 'string' },
    'allow-sealed': { type: 'boolean' },
    pipeline: { type: 'string' },
    'doc-field': { type: 'string' },
    sweep: { type: 'string' },
    pick: { type: 'string' },
    ...GATE_FLAG_OPTIONS,
  },
  async run({ values }, ctx) {
    const suitePath = stringFlag(values, 'suite');
    const suite: BenchSuite = suitePath ? await readSuite(suitePath, ctx.cwd) : { name: '' };
    const target = await resolveTarget(suite.env && !values.env ? { ...values, env: suite.env } : values, ctx);
    const queries = stringFlag(values, 'queries') ?? suite.queries;
    if (!queries) throw invalid('--queries', null, 'a golden queries file (fixtures/golden/<name>.jsonl), or a --suite that names one', undefined, 'USAGE');
    const k = numberFlag(values, 'k', { integer: true, min: 1, max: 10000 });
    const cutoffs = (listFlag(values, 'cutoffs')?.map((c) => {
      const n = Number(c);
      if (!Number.isInteger(n) || n < 1) throw invalid('--cutoffs', c, 'integers >= 1, e.g. 10,100', undefined, 'USAGE');
      return n;
    }) ?? suite.cutoffs ?? (k ? [k] : [10])).sort((a, b) => a - b);
    const concurrency = listFlag(values, 'concurrency')?.map((c) => {
      const n = Number(c);
      if (!Number.isInteger(n) || n < 1 || n > 1024) throw invalid('--concurrency', c, 'integers 1..1024, e.g. 1,4,16', undefined, 'USAGE');
      return n;
    }) ?? suite.concurrency ?? [1, 4, 16];
    const rateRaw = stringFlag(values, 'rate');
    let rate: number | 'auto' | null = suite.rate === undefined ? 'auto' : suite.rate;
    if (rateRaw !== undefined) {
      if (rateRaw === 'auto') rate = 'auto';
      else if (rateRaw === 'off') rate = null;
      else rate = numberFlag(values, 'rate', { min: 0.1 })!;
    }
    // a typo in a gate must fail now, not after minutes of latency passes
    gateOptionsFrom(values, suite.gates);
    const baseline = stringFlag(values, 'baseline');
    if (baseline) await readReport(resolve(ctx.cwd, baseline), baseline);
    const durationRaw = stringFlag(values, 'duration');
    const timeoutRaw = stringFlag(values, 'timeout');
    const outRoot = resolve(ctx.cwd, stringFlag(values, 'out') ?? configRelative(target.config, 'reports'));
    const log = (line: string) => ctx.stderr.write(`bench: ${line}\n`);
    const sweepRaw = stringFlag(values, 'sweep');
    const sweep = sweepRaw === undefined ? undefined : parseSettingSweep(sweepRaw, '--sweep');
    const pickRaw = stringFlag(values, 'pick');
    if (pickRaw !== undefined && !sweep) throw invalid('--pick', pickRaw, 'only with --sweep (it chooses among the sweep points)', undefined, 'USAGE');
    const pick = pickRaw === undefined ? undefined : parsePick(pickRaw);
    const report = await withBackend(target, ctx, async (backend) => {
      const bench: BenchOptions = {
        target,
        backend,
        pointer: await openPointerStore(target, backend),
        index: stringFlag(values, 'index'),
        queries,
        sample: stringFlag(values, 'sample') ?? suite.sample,
        truth: stringFlag(values, 'truth') ?? suite.truth,
        cutoffs,
        concurrency,
        rate,
        durationMs: durationRaw ? parseDuration(durationRaw, '--duration') : (suite.durationMs ?? 10_000),
        serialRequests: numberFlag(values, 'serial-requests', { integer: true, min: 10 }) ?? suite.serialRequests ?? 1000,
        warmupRequests: numberFlag(values, 'warmup', { integer: true, min: 0 }) ?? suite.warmupRequests ?? 50,
        timeoutMs: timeoutRaw ? parseDuration(timeoutRaw, '--timeout') : (suite.timeoutMs ?? 10_000),
        seed: stringFlag(values, 'seed') ?? 'vecstage',
        tieTolerance: 1e-6,
        allowSealed: values['allow-sealed'] === true,
        processEnv: ctx.env,
        cwd: ctx.cwd,
        cacheDir: configRelative(target.config, `${STATE_DIR}/cache`),
        suite: suitePath,
        pipeline: stringFlag(values, 'pipeline'),
        docField: stringFlag(values, 'doc-field'),
        toolkitVersion: version(),
        log,
      };
      return sweep ? runBenchSweep({ bench, sweep, pick }) : runBench(bench);
    });
    const done = await finishReport(report, { outRoot, baseline, gateFlags: values, suiteGates: suite.gates, cwd: ctx.cwd });
    if (values.json) writeJson(ctx, { ok: done.report.verdict.status !== 'error', verdict: done.report.verdict, runId: done.report.runId, paths: done.paths });
    else {
      ctx.stdout.write(`${done.summaryLine}\n`);
      if (done.report.frontier) ctx.stdout.write(formatFrontier(done.report.frontier));
      for (const p of Object.values(done.paths)) ctx.stdout.write(`  ${p}\n`);
    }
    return done.exitCode;
  },
};
