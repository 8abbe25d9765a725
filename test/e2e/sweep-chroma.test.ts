/**
 * bench --sweep and load --settings-sweep against embedded Chroma on the demo's data, through the CLI:
 *  - a sweep over ef_search on an index built with a small graph (max_neighbors 4, ef_construction 8, where
 *    ef_search matters): every point in report.json (schema-valid), recall at the largest ef >= recall at the
 *    smallest (asserted loosely: each point is a separate scratch build, see src/backends/chroma/search-variant.ts),
 *    the benched index's own ef_search unchanged and no scratch copy left behind;
 *  - refusals: the memory backend (exit 2, one line), a setting Chroma cannot vary at search time, --pick alone;
 *  - a settings sweep makes one version per value with settings, build time and size in its provenance, and is
 *    refused in a sealed env even with both opt-ins.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { startChroma, type ChromaTestServer } from '../helpers/chroma.js';
import { checkReport } from '../../src/report/validate/check-report.js';
import type { Report } from '../../src/report/types.js';
import type { IndexInfo } from '../../src/backends/types.js';
import { validateReport } from '../report/validate-report.js';
import { DEMO_GOLDEN, demoProject } from '../bench/run/demo-project.js';

let chroma: ChromaTestServer;
let dir: string;
let small: string;

const cli = (args: string[], env?: NodeJS.ProcessEnv) => runCli(args, { cwd: dir, ...(env ? { env } : {}) });
const quick = ['--queries', DEMO_GOLDEN, '--sample', 'sample', '--cutoffs', '10', '--concurrency', '1,2', '--duration', '500ms', '--serial-requests', '50', '--warmup', '5', '--json'];
const indexes = async (env = 'dev'): Promise<IndexInfo[]> => {
  const r = await cli(['indexes', '--env', env, '--all', '--json']);
  assert.is(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as { indexes: IndexInfo[] }).indexes;
};

test.before(async () => {
  chroma = await startChroma();
  const backend = { kind: 'chroma', url: chroma.url };
  dir = await demoProject({
    environments: {
      dev: { backend, index: 'demo' },
      mem: { backend: { kind: 'memory' }, index: 'demo' },
      prod: { backend, index: 'prod', sealed: true },
    },
  });
  const r = await cli(['load', 'sample', '--json', '--settings', JSON.stringify({ max_neighbors: 4, ef_construction: 8 })]);
  assert.is(r.code, 0, r.stderr);
  small = (JSON.parse(r.stdout) as { index: string }).index;
});

test.after(async () => {
  await chroma?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('bench --sweep ef_search: every point measured, recall at the largest ef >= at the smallest, index untouched', async () => {
  const r = await cli(['bench', '--index', small, '--sweep', 'ef_search=4,256', '--pick', 'recall>=0.5', ...quick]);
  assert.is(r.code, 0, r.stderr);
  const path = (JSON.parse(r.stdout) as { paths: { json: string } }).paths.json;
  const report = JSON.parse(readFileSync(join(dir, path), 'utf8')) as Report;
  assert.equal(validateReport(report), []);
  checkReport(report, path);
  const f = report.frontier!;
  assert.is(f.setting, 'ef_search');
  assert.equal(f.points.map((p) => p.settings.ef_search), [4, 256]);
  const lo = f.points[0]!;
  for (const p of f.points) {
    assert.is(p.queries, report.fingerprint.queries.count);
    assert.ok(p.qps > 0 && p.serial && p.serial.p95 > 0 && p.levels.length === 2, JSON.stringify(p.levels));
    assert.ok(p.variantSeconds > 0);
  }
  const rLo = lo.recall['10']!;
  const rHi = f.points[1]!.recall['10']!;
  assert.ok(rHi >= rLo, `recall@10 at ef_search=256 (${rHi}) >= at ef_search=4 (${rLo})`);
  assert.ok(rLo < 1, `the small graph misses neighbours at ef_search=4 (recall ${rLo}), so the sweep measures something`);
  assert.ok(f.points.some((p) => p.pareto.qps) && f.points.some((p) => p.pareto.p95));
  // the pick chose a point meeting it, and the report's main sections are that point's
  assert.ok(f.pick && f.pick.chosen !== null, f.pick?.reason);
  const chosen = f.points[f.pick!.chosen!]!;
  assert.ok(chosen.recall['10']! >= 0.5);
  assert.is(f.primary, f.pick!.chosen);
  assert.equal(report.quality.recall, chosen.recall);
  assert.is(report.latency.openLoop, null, 'a sweep runs no open-loop pass');
  assert.is(report.fingerprint.index.name, small);
  // the benched index keeps its own ef_search (Chroma's default), and no scratch copy is left
  assert.is(f.indexValue, 100);
  assert.equal((await indexes()).map((i) => i.name).filter((n) => n.includes('.sweep-')), []);
  // the run's HTML has the frontier section and its two charts
  const html = readFileSync(join(dir, path.replace(/report\.json$/, 'report.html')), 'utf8');
  assert.match(html, /<section id="frontier">/);
  assert.match(html, /"id":"chart-frontier-qps"/);
});

test('bench --sweep is refused on the memory backend (exit 2, one line) and for a setting Chroma cannot vary', async () => {
  const mem = await cli(['bench', '--env', 'mem', '--sweep', 'ef_search=16,32', ...quick]);
  assert.is(mem.code, 2, mem.stderr);
  assert.is(mem.stderr.trim().split('\n').length, 1, mem.stderr);
  assert.match(mem.stderr, /--sweep refused on environment "mem": the memory backend searches exactly: it has no search-time settings/);
  const key = await cli(['bench', '--index', small, '--sweep', 'max_neighbors=4,8', ...quick]);
  assert.is(key.code, 2, key.stderr);
  assert.match(key.stderr, /invalid --sweep setting: "max_neighbors" \(chroma\); allowed: ef_search/);
  const pick = await cli(['bench', '--index', small, '--pick', 'recall>=0.9', ...quick]);
  assert.is(pick.code, 2);
  assert.match(pick.stderr, /invalid --pick: "recall>=0\.9".*only with --sweep/);
  const grammar = await cli(['bench', '--index', small, '--sweep', 'ef_search=8', '--pick', 'recall=0.9', ...quick]);
  assert.is(grammar.code, 2);
  assert.match(grammar.stderr, /invalid --pick: "recall=0\.9" \(not a condition/);
});

test('load --settings-sweep: one version per value, settings, build time and size in the provenance', async () => {
  const before = new Set((await indexes()).map((i) => i.name));
  const r = await cli(['load', 'sample', '--settings-sweep', 'max_neighbors=8,16,32', '--settings', '{"ef_construction":64}', '--json']);
  assert.is(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { versions: Array<{ index: string; count: number }> };
  assert.is(out.versions.length, 3);
  const after = await indexes();
  const made = after.filter((i) => !before.has(i.name));
  assert.equal(made.map((i) => i.name).sort(), out.versions.map((v) => v.index).sort());
  const byM = made.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  assert.equal(byM.map((i) => i.provenance?.settings), ['ef_construction=64 max_neighbors=8', 'ef_construction=64 max_neighbors=16', 'ef_construction=64 max_neighbors=32']);
  for (const i of byM) {
    assert.is(i.count, i.provenance!.rows);
    assert.ok(i.provenance!.buildSeconds! > 0, `${i.name} build time`);
    assert.ok(i.provenance!.sampleManifestHash, 'the load provenance is kept');
  }
  const sizes = byM.map((i) => i.provenance!.sizeBytes!);
  assert.ok(sizes[0]! < sizes[1]! && sizes[1]! < sizes[2]!, `more links, more bytes: ${sizes.join(', ')}`);
  const table = await cli(['indexes']);
  assert.match(table.stdout, /max_neighbors=16/);
});

test('load --settings-sweep is refused in a sealed env even with both opt-ins; bad values and flags are usage errors', async () => {
  const sealed = await cli(['load', 'sample', '--env', 'prod', '--settings-sweep', 'max_neighbors=8,16', '--allow-sealed'], { VECSTAGE_ALLOW_SEALED: '1' });
  assert.is(sealed.code, 3, sealed.stderr);
  assert.match(sealed.stderr, /refused: load --settings-sweep on sealed environment "prod"/);
  assert.equal((await indexes('prod')).filter((i) => i.name.startsWith('prod-')), []);
  const mem = await cli(['load', 'sample', '--env', 'mem', '--settings-sweep', 'max_neighbors=8,16']);
  assert.is(mem.code, 2);
  assert.match(mem.stderr, /the memory backend searches exactly: it has no build settings/);
  const both = await cli(['load', 'sample', '--settings-sweep', 'max_neighbors=8', '--settings', '{"max_neighbors":4}']);
  assert.is(both.code, 2);
  assert.match(both.stderr, /settings without max_neighbors/);
  const bad = await cli(['load', 'sample', '--settings-sweep', 'max_neighbors=8,eight']);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /invalid --settings-sweep value: "eight"/);
});

test.run();
