/**
 * The frontier of a sweep report: schema (ajv and the shipped checker), compare's QPS at equal recall on
 * hand-made frontiers, and the HTML/Markdown sections. Reports come from the realistic fixture generator with a
 * hand-made frontier section.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compare } from '../../src/report/compare/compare.js';
import { frontierComparison } from '../../src/report/compare/frontier.js';
import { renderHtml } from '../../src/report/html/render-html.js';
import { renderMarkdown } from '../../src/report/markdown/render-markdown.js';
import type { FrontierPoint, Report } from '../../src/report/types.js';
import { checkReport } from '../../src/report/validate/check-report.js';
import { makeReport } from '../helpers/report-fixture.js';
import { frontierPoint, withFrontier } from '../helpers/frontier-fixture.js';
import { validateReport } from './validate-report.js';

const point = (ef: number, recall: number, qps: number) => frontierPoint(ef, recall, qps, 10 / qps, recall * 0.8);
const sweepReport = (seed: string, pts: FrontierPoint[], chosen: number | null = null): Report =>
  withFrontier(makeReport({ seed, runId: `run-${seed}` }), pts, chosen, ['ef_search=16 is below k=100 <script>']);

const BASE = [point(16, 0.7, 1000), point(32, 0.8, 500), point(64, 0.9, 600), point(128, 0.99, 150)];
const CAND = [point(16, 0.8, 1200), point(64, 0.95, 700), point(256, 0.97, 100)];

test('a sweep report and a comparison of two sweeps validate against the schema (ajv and the shipped checker)', () => {
  const base = sweepReport('a', BASE, 2);
  const cand = sweepReport('b', CAND);
  assert.equal(validateReport(base), []);
  checkReport(base, 'base');
  const comparison = compare(base, cand);
  assert.ok(comparison.frontier, 'two sweeps: frontiers compared');
  const withBase = { ...cand, baseline: { path: 'a/report.json', comparison } };
  assert.equal(validateReport(JSON.parse(JSON.stringify(withBase))), []);
  checkReport(JSON.parse(JSON.stringify(withBase)), 'cand');
  // the checker refuses a frontier point missing a field
  const broken = JSON.parse(JSON.stringify(base)) as { frontier: { points: Array<Record<string, unknown>> } };
  delete broken.frontier.points[0]!.pareto;
  assert.throws(() => checkReport(broken as unknown as Report, 'broken'), /frontier\.points\[0\].*pareto|pareto/);
  assert.ok(validateReport(broken).length > 0);
});

test('compare: QPS at equal recall, interpolated between each Pareto frontier, over the shared recall range', () => {
  const f = frontierComparison(sweepReport('a', BASE), sweepReport('b', CAND))!;
  assert.equal(f.overlap, { lo: 0.8, hi: 0.97 });
  // baseline frontier (0.7,1000) (0.9,600) (0.99,150): the dominated (0.8,500) plays no part
  const at = (r: number) => f.levels.find((l) => Math.abs(l.recall - r) < 1e-12)!;
  assert.equal(f.levels.map((l) => l.recall), [0.8, 0.9, 0.95, 0.97]);
  assert.ok(Math.abs(at(0.8).baseline - 800) < 1e-9, `baseline at 0.8: ${at(0.8).baseline}`);
  assert.ok(Math.abs(at(0.8).candidate - 1200) < 1e-9);
  assert.ok(Math.abs(at(0.9).candidate - (1200 - 500 * (0.1 / 0.15))) < 1e-9);
  assert.ok(Math.abs(at(0.95).baseline - (600 - 450 * (0.05 / 0.09))) < 1e-9);
  assert.ok(Math.abs(at(0.97).candidate - 100) < 1e-9);
  const ratios = f.levels.map((l) => l.candidate / l.baseline);
  const geo = Math.exp(ratios.reduce((a, x) => a + Math.log(x), 0) / ratios.length);
  assert.ok(Math.abs(f.meanRatio! - geo) < 1e-12);
  assert.match(f.note, /at equal recall \(geometric mean over 4 levels\)/);
});

test('compare: frontiers that do not overlap say so; a single run is a one-point frontier; two single runs have none', () => {
  const apart = frontierComparison(sweepReport('a', [point(16, 0.5, 900), point(32, 0.6, 800)]), sweepReport('b', CAND))!;
  assert.is(apart.overlap, null);
  assert.equal(apart.levels, []);
  assert.match(apart.note, /do not overlap in recall@10 \(baseline 0\.5000–0\.6000, candidate 0\.8000–0\.9700\)/);
  const single = makeReport({ seed: 's' });
  const one = frontierComparison(single, sweepReport('b', CAND))!;
  assert.is(one.baseline, 'single point');
  const r = single.quality.recall['10']!;
  if (r >= 0.8 && r <= 0.97) assert.is(one.levels.length, 1);
  else assert.is(one.overlap, null);
  assert.is(frontierComparison(single, makeReport({ seed: 't' })), undefined);
  assert.is(compare(single, makeReport({ seed: 't' })).frontier, undefined);
});

test('HTML: the frontier section lists every point, marks Pareto points and the pick, escapes notes, adds two charts', () => {
  const report = sweepReport('a', BASE, 2);
  const page = renderHtml(report, { baseline: sweepReport('b', CAND) });
  const section = page.slice(page.indexOf('<section id="frontier">'), page.indexOf('</section>', page.indexOf('<section id="frontier">')));
  assert.ok(section.length > 0, 'frontier section present');
  assert.is((section.match(/<tr data-pareto-qps=/g) ?? []).length, 4);
  assert.is((section.match(/data-pareto-qps="true"/g) ?? []).length, 3, 'ef 16, 64, 128 are QPS-optimal');
  assert.match(section, /<tr data-pareto-qps="true" data-pareto-p95="true" class="picked"><td class="num">64<\/td>/);
  assert.match(section, /settings <code>ef_search=64<\/code>/);
  assert.match(section, /below k=100 &#60;script&#62;/);
  assert.not.match(section, /<script>/);
  assert.match(section, /id="frontier-compare"/);
  const data = JSON.parse(page.slice(page.indexOf('id="vecstage-data">') + 19, page.indexOf('</script>', page.indexOf('id="vecstage-data">'))).replace(/\\u003c/g, '<')) as { charts: Array<{ id: string; data: { datasets: Array<{ label: string; data: Array<{ x: number; y: number }> }> } }> };
  const qps = data.charts.find((c) => c.id === 'chart-frontier-qps')!;
  assert.ok(qps && data.charts.some((c) => c.id === 'chart-frontier-p95'));
  assert.equal(qps.data.datasets.map((d) => d.label), ['Pareto-optimal', 'dominated', 'picked (ef_search=64)']);
  assert.equal(qps.data.datasets[0]!.data.map((p) => [p.x, p.y]), [[0.7, 1000], [0.9, 600], [0.99, 150]]);
  assert.equal(qps.data.datasets[1]!.data.map((p) => [p.x, p.y]), [[0.8, 500]]);
  // a run without a sweep has no frontier section
  assert.not.match(renderHtml(makeReport({ seed: 'x' })), /id="frontier"/);
});

test('Markdown: the frontier table and, against a baseline, QPS at equal recall', () => {
  const cand = sweepReport('b', CAND, 1);
  const base = sweepReport('a', BASE);
  const text = renderMarkdown({ ...cand, baseline: { path: 'a/report.json', comparison: compare(base, cand) } });
  assert.match(text, /### Frontier over `ef\\_search` \(recall@10; QPS at 16 clients/);
  assert.match(text, /\| 64 \| 0\.95 \| 0\.76 \| 700 \|.*\| QPS, p95 \| \*\*picked\*\*, this report \|/);
  assert.match(text, /QPS at equal recall@10 vs the baseline/);
  assert.not.match(renderMarkdown(makeReport({ seed: 'x' })), /Frontier/);
});

test.run();
