/**
 * Failures are results (DESIGN §5, STYLE habit 6): against a Pinecone stand-in that fails 5% of queries with HTTP
 * 500, `vecstage bench` completes, counts the errors in every pass (quality errored, warm-up, serial, each sweep
 * level, open loop) and exits 0 without a baseline. The stand-in's fault RNG is seeded and the quality pass,
 * warm-up and serial pass are sequential, so their error counts are fixed for a seed; the concurrent passes make
 * about 180 requests each (3 s at concurrency 4 and 16 at ~60 QPS; 180 scheduled at 60/s), so a pass without a
 * single 5% fault is rare (0.95^180 = 1e-4).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { startPineconeStandin, type PineconeStandin } from '../helpers/pinecone-standin/index.js';
import type { Report } from '../../src/report/types.js';
import { DEMO_GOLDEN, demoProject } from '../bench/run/demo-project.js';

const KEY_ENV = 'VECSTAGE_E2E_PINECONE_KEY';
const env = { [KEY_ENV]: 'e2e-key' };
let server: PineconeStandin;
let dir: string;

test.before(async () => {
  server = await startPineconeStandin({ apiKey: 'e2e-key' });
  // ip, not the demo's cosine: Pinecone (and its stand-in) refuse the demo's zero-vector edge case under cosine
  dir = await demoProject({ metric: 'ip', environments: { dev: { backend: { kind: 'pinecone', apiKeyEnv: KEY_ENV, controllerHostUrl: server.url }, index: 'demo' } } });
});

test.after(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a backend failing 5% of queries: the run completes, errors counted in every pass, exit 0', async () => {
  const load = await runCli(['load', 'sample', '--json'], { cwd: dir, env });
  assert.is(load.code, 0, load.stderr);
  const index = (JSON.parse(load.stdout) as { index: string }).index;
  server.knobs.set({ seed: 3, queryFailRate: 0.05, queryFailStatus: 500 });
  server.resetCounters();
  const r = await runCli(
    ['bench', '--queries', DEMO_GOLDEN, '--index', index, '--sample', 'sample', '--cutoffs', '10', '--concurrency', '4,16', '--duration', '3s', '--rate', '60', '--serial-requests', '200', '--warmup', '100', '--json'],
    { cwd: dir, env },
  );
  assert.is(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { ok: boolean; paths: { json: string } };
  assert.ok(out.ok);
  const report = JSON.parse(readFileSync(join(dir, out.paths.json), 'utf8')) as Report;
  assert.is(report.verdict.status, 'pass');
  assert.match(report.verdict.summary, /\(\d+ errored, counted\)/);

  const q = report.quality;
  assert.ok(q.errored >= 1, `quality errored ${q.errored}`);
  assert.is(q.queries + q.errored, report.fingerprint.queries.count);
  const failedRows = report.perQuery.filter((row) => !row.ok);
  assert.is(failedRows.length, q.errored);
  for (const row of failedRows) {
    assert.match(row.error!, /HTTP 500/);
    assert.equal([row.latencyMs, row.recall], [null, {}], 'an errored query has no latency and no recall');
  }

  const lat = report.latency;
  const passes: Array<[string, { requests: number; ok: number; errors: number }]> = [
    ['warm-up', lat.warmup],
    ['serial', lat.serial.counts],
    ...lat.sweep.levels.map((l): [string, typeof l.counts] => [`sweep c=${l.concurrency}`, l.counts]),
    ['open loop', lat.openLoop!.counts],
  ];
  let total = 0;
  for (const [name, c] of passes) {
    assert.ok(c.errors > 0, `${name}: ${JSON.stringify(c)}`);
    assert.ok(c.ok > 0, `${name} still measured`);
    total += c.errors;
  }
  // every injected fault is counted somewhere: quality pass + latency passes (nothing hidden in a latency)
  assert.is(q.errored + total, server.counters.injected.query, 'errors counted = faults injected');
});

test.run();
