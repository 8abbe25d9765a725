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


test('compare in a terminal: the strategy section lists both pipelines, the paired deltas and the wins', async () => {
  const { formatComparison } = await import('../../src/cli/commands/compare.js');
  const base = withStrategy(makeReport({ seed: 'a' }), 'whole', (i) => (i % 2 ? 0.2 : 0.5));
  const cand = withStrategy(makeReport({ seed: 'b', runId: 'cand' }), 'windows', (i) => (i % 4 === 1 ? 0.9 : i % 4 === 3 ? 0.1 : 0.5));
  const text = formatComparison(compare(base, cand));
  assert.match(text, /strategies: whole \(baseline\) vs windows \(candidate\)/);
  assert.match(text, /\n\s+chunks\s+30\s+30\n/);
  assert.match(text, /\n\s+ndcg_cut_10\s+0\.350\s+0\.500\s+\+0\.1500\s+\[/);
  // q 1, 5, 9, ... rise from 0.2 to 0.9; q 3, 7, ... fall from 0.2 to 0.1; the even ones tie
  assert.match(text, /by ndcg_cut_10: windows wins 10 queries, whole wins 10, 20 tied/);
  assert.not.match(formatComparison(compare(makeReport({ seed: 'a' }), makeReport({ seed: 'b' }))), /strategies:/);
});

test.run();
