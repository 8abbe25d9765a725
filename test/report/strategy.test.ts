import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compare } from '../../src/report/compare/compare.js';
import { renderHtml } from '../../src/report/html/render-html.js';
import { renderMarkdown } from '../../src/report/markdown/render-markdown.js';
import { makeReport } from '../helpers/report-fixture.js';
import { withStrategy } from '../helpers/document-report-fixture.js';
import { validateReport } from './validate-report.js';

test('strategies: paired per-query deltas with intervals, and the queries each wins', () => {
  const base = withStrategy(makeReport({ seed: 'a' }), 'whole', (i) => (i % 2 ? 0.2 : 0.5));
  const cand = withStrategy(makeReport({ seed: 'b', runId: 'cand' }), 'windows', (i) => (i % 2 ? 0.9 : 0.5));
  const c = compare(base, cand);
  const s = c.strategy!;
  assert.is(s.baseline!.pipeline, 'whole');
  assert.is(s.candidate!.pipeline, 'windows');
  const ndcg = s.measures.find((m) => m.name === 'ndcg_cut_10')!;
  assert.ok(Math.abs(ndcg.delta - 0.35) < 1e-12, String(ndcg.delta));
  assert.ok(ndcg.ci.lo > 0, 'the interval excludes zero');
  assert.is(s.wins!.measure, 'ndcg_cut_10');
  assert.is(s.wins!.candidate.length, 20);
  assert.is(s.wins!.baseline.length, 0);
  assert.is(s.wins!.ties, 20);
  const shown = { ...cand, baseline: { path: 'b.json', comparison: c } };
  assert.equal(validateReport(shown), []);
  const html = renderHtml(shown);
  assert.match(html, /Strategies compared/);
  assert.match(html, /Document-level relevance/);
  assert.match(renderMarkdown(shown), /### Strategies: whole → windows/);
});

test('no strategy section between two vector runs', () => {
  assert.is(compare(makeReport({ seed: 'a' }), makeReport({ seed: 'b' })).strategy, undefined);
});

test.run();
