import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compare } from '../../src/report/compare/compare.js';
import { renderHtml } from '../../src/report/html/render-html.js';
import { renderMarkdown } from '../../src/report/markdown/render-markdown.js';
import type { DocumentSection, Report, StrategyInfo } from '../../src/report/types.js';
import { makeReport } from '../helpers/report-fixture.js';
import { validateReport } from './validate-report.js';

function withStrategy(r: Report, pipeline: string, ndcgOf: (q: number) => number): Report {
  const perQuery: DocumentSection['perQuery'] = {};
  r.perQuery.forEach((row, i) => (perQuery[row.id] = { ndcg_cut_10: ndcgOf(i), recip_rank: ndcgOf(i), recall_10: 1, map: ndcgOf(i) }));
  const mean = (k: string) => Object.values(perQuery).reduce((a, v) => a + v[k]!, 0) / r.perQuery.length;
  const strategy: StrategyInfo = { pipeline, chunker: 'fixed size=100 unit=chars', embedder: 'hashing:h-64', documents: 10, chunks: 30, build: { seconds: 1.5, embedCalls: 3, embedded: 30, cacheHits: 0, tokens: 0, vectorBytes: 7680, textBytes: 3000, meanChunkChars: 100 } };
  return {
    ...r,
    settings: { ...r.settings, cutoffs: [10] },
    strategy,
    documents: { field: 'doc_id', queries: r.perQuery.length, measures: { ndcg_cut_10: mean('ndcg_cut_10'), recip_rank: mean('recip_rank'), map: mean('map'), recall_10: 1 }, perQuery, chunksPerQuery: 10, documentsPerQuery: 4, unmappedChunks: 0, rankings: { [r.perQuery[0]!.id]: [['d1', -0.1]] }, qrels: { [r.perQuery[0]!.id]: { d1: 2 } } },
  };
}

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
