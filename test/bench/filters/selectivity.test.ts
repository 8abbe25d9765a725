/**
 * Selectivity bands: band edges (exactly 1%, 10%, 50% belong to the band below), selectivity against an
 * independent count on a real Arrow sample, the section's numbers on hand-made queries (short lists, errors,
 * nDCG only where judged, serial latencies per band as exact R-7 quantiles), and serial latencies handed back
 * to their queries by the call recorder.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { bandOf, recordCalls, selectivityOf, selectivitySection } from '../../../src/bench/filters/index.js';
import { runSerial } from '../../../src/bench/latency/index.js';
import { loadCorpus } from '../../../src/truth/corpus.js';
import type { GoldenQuery } from '../../../src/golden/types.js';
import type { PerQueryRow } from '../../../src/report/types.js';
import { arrowMetadata, filterSampleProject } from '../../helpers/filter-sample.js';

test('band edges: exactly 1%, 10% and 50% belong to the band below', () => {
  assert.is(bandOf(0, 1000), '<=1%');
  assert.is(bandOf(10, 1000), '<=1%');
  assert.is(bandOf(1, 100), '<=1%');
  assert.is(bandOf(11, 1000), '1-10%');
  assert.is(bandOf(100, 1000), '1-10%');
  assert.is(bandOf(3, 30), '1-10%');
  assert.is(bandOf(101, 1000), '10-50%');
  assert.is(bandOf(500, 1000), '10-50%');
  assert.is(bandOf(1, 2), '10-50%');
  assert.is(bandOf(501, 1000), '>50%');
  assert.is(bandOf(1000, 1000), '>50%');
  // 0.07 * 100 is 7.000000000000001 in floating point: counts keep the edge exact
  assert.is(bandOf(7, 700), '<=1%');
});

test('selectivity on a real sample equals an independent count over sample.arrow', async () => {
  const dir = await filterSampleProject();
  try {
    const corpus = await loadCorpus(join(dir, 'sample'));
    const raw = arrowMetadata(join(dir, 'sample'));
    assert.is(raw.length, corpus.ids.length);
    const missingTenant = raw.filter((m) => !m || !('tenant' in m)).length;
    assert.ok(missingTenant > 0, 'the generator injects rows without a tenant');
    const cases: Array<[Record<string, unknown>, (m: Record<string, unknown> | null) => boolean]> = [
      [{ tenant: 'acme' }, (m) => m?.tenant === 'acme'],
      [{ lang: { $in: ['de', 'fr'] } }, (m) => m?.lang === 'de' || m?.lang === 'fr'],
      // a row without the field passes $ne (src/backends/filter.ts)
      [{ tenant: { $ne: 'acme' } }, (m) => m?.tenant !== 'acme'],
      [{ tenant: 'acme', lang: 'en' }, (m) => m?.tenant === 'acme' && m?.lang === 'en'],
      [{ $or: [{ doc_type: 'faq' }, { lang: 'ja' }] }, (m) => m?.doc_type === 'faq' || m?.lang === 'ja'],
    ];
    for (const [filter, oracle] of cases) {
      const expected = raw.filter(oracle).length;
      const s = selectivityOf(filter, corpus.metadata);
      assert.ok(expected > 0, JSON.stringify(filter));
      assert.is(s.passing, expected, JSON.stringify(filter));
      assert.is(s.total, raw.length);
      assert.is(s.selectivity, expected / raw.length);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// 1000 rows: g = a x10, b x1, c x90, d x400, e x499
const metadata = [...Array(10).fill('a'), 'b', ...Array(90).fill('c'), ...Array(400).fill('d'), ...Array(499).fill('e')].map((g) => ({ g }));
const gq = (id: string, filter: Record<string, unknown> | null, relevant: Record<string, number> = {}): GoldenQuery => ({ id, text: null, embedding: new Float32Array(2), relevant, tags: [], filter, line: 1 });
const row = (id: string, recall: number, ndcg?: number, ok = true): PerQueryRow => ({
  id,
  text: null,
  tags: [],
  ok,
  error: ok ? null : 'boom',
  latencyMs: ok ? 1 : null,
  recall: ok ? { '10': recall } : {},
  ndcg: ndcg === undefined ? {} : { '10': ndcg },
  recipRank: null,
  returned: [],
  expected: [],
});

test('the section: bands at the edges, short lists, errors, nDCG where judged, serial p50/p95 per band', () => {
  const queries = [
    gq('q-1pct', { g: 'a' }), // 10/1000 = 1%
    gq('q-tiny', { g: 'b' }), // 1 row
    gq('q-10pct', { g: { $in: ['a', 'c'] } }), // 100 = 10%
    gq('q-above10', { g: { $in: ['a', 'b', 'c'] } }), // 101
    gq('q-50pct', { g: { $in: ['a', 'c', 'd'] } }, { x: 1 }), // 500 = 50%
    gq('q-above50', { g: { $ne: 'e' } }), // 501
    gq('q-err', { g: 'd' }), // 400, errors
    gq('q-plain', null, { y: 2 }),
  ];
  const perQuery = [row('q-1pct', 0.5), row('q-tiny', 1), row('q-10pct', 1), row('q-above10', 0.9), row('q-50pct', 0.8, 0.6), row('q-above50', 1), row('q-err', 0, undefined, false), row('q-plain', 0.7, 0.4)];
  // k = 10: q-1pct returned 5 of the 10 its filter allows (short); q-tiny returned the only row there is (not short)
  const returned = new Map([['q-1pct', 5], ['q-tiny', 1], ['q-10pct', 10], ['q-above10', 10], ['q-50pct', 10], ['q-above50', 10], ['q-plain', 9]]);
  const serial = [[1, 2, 3, 4], [5], [10], [20], [30, 40], [50], [], [7, 8, 9]];
  const s = selectivitySection({ queries, metadata, source: 'sample', perQuery, returned, serialLatencies: serial, k: 10, cutoffs: [10] })!;
  assert.ok(s);
  assert.equal(s.bands.map((b) => b.name), ['<=1%', '1-10%', '10-50%', '>50%', 'unfiltered']);
  const band = (name: string) => s.bands.find((b) => b.name === name)!;
  const byId = new Map(s.queries.map((q) => [q.id, q]));
  assert.equal(
    ['q-1pct', 'q-tiny', 'q-10pct', 'q-above10', 'q-50pct', 'q-above50', 'q-err'].map((id) => byId.get(id)!.band),
    ['<=1%', '<=1%', '1-10%', '10-50%', '10-50%', '>50%', '10-50%'],
  );
  assert.is(byId.get('q-1pct')!.selectivity, 0.01);
  assert.is(byId.get('q-above50')!.passing, 501);
  assert.is(byId.has('q-plain'), false, 'unfiltered queries are not listed');

  const low = band('<=1%');
  assert.is(low.queries, 2);
  assert.is(low.shortLists, 1, 'q-1pct is short, q-tiny is not');
  assert.ok(byId.get('q-1pct')!.short && !byId.get('q-tiny')!.short);
  assert.is(low.recall['10'], 0.75);
  assert.equal(low.selectivity, { min: 0.001, max: 0.01 });
  // R-7 over [1, 2, 3, 4, 5]: p50 3, p95 4.8
  assert.equal(low.latency, { samples: 5, p50: 3, p95: 4.8 });

  const mid = band('10-50%');
  assert.is(mid.queries, 2);
  assert.is(mid.errored, 1);
  assert.is(byId.get('q-err')!.returned, null);
  assert.ok(Math.abs(mid.recall['10']! - 0.85) < 1e-12);
  assert.equal(mid.ndcg, { '10': 0.6 });
  assert.is(mid.ndcgQueries, 1);
  assert.is(band('1-10%').shortLists, 0);
  assert.equal(band('>50%').latency, { samples: 1, p50: 50, p95: 50 });

  const plain = band('unfiltered');
  assert.is(plain.queries, 1);
  assert.is(plain.selectivity, null);
  assert.is(plain.shortLists, 1, '9 of k = 10 over a 1000-row corpus is short');
  assert.equal(plain.ndcg, { '10': 0.4 });
  assert.equal(plain.latency, { samples: 3, p50: 8, p95: 8.9 });
  assert.is(s.latencyFrom, 'serial');

  // without matched latencies the bands say so rather than show numbers
  const noLat = selectivitySection({ queries, metadata, source: 'index', perQuery, returned, serialLatencies: undefined, k: 10, cutoffs: [10] })!;
  assert.is(noLat.latencyFrom, null);
  assert.ok(noLat.bands.every((b) => b.latency === null));
});

test('no filtered query: no section', () => {
  assert.is(selectivitySection({ queries: [gq('a', null)], metadata, source: 'sample', perQuery: [row('a', 1)], returned: new Map([['a', 10]]), serialLatencies: [[1]], k: 10, cutoffs: [10] }), undefined);
});

test('recordCalls hands each serial latency back to its query; errors and timeouts hold none', async () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const rec = recordCalls(async (i) => {
    if (i === 1) throw new Error('no');
    if (i === 2) await sleep(120); // past the 40 ms timeout: its late answer must not count
    if (i === 3) await sleep(15);
    return [];
  });
  const pass = await runSerial(rec.fn, { queryCount: 4, timeoutMs: 40, warmup: false, iterations: 8 });
  assert.is(pass.counts.ok, 4);
  assert.is(pass.counts.errors, 2);
  assert.is(pass.counts.timeouts, 2);
  const by = rec.byQuery(pass.samplesMs, 4)!;
  assert.ok(by, 'matched');
  assert.equal(by.map((l) => l.length), [2, 0, 0, 2]);
  assert.ok(Math.max(...by[0]!) < 10 && Math.min(...by[3]!) >= 14, JSON.stringify(by));
  // a latency list that does not match the calls is refused, not guessed
  assert.is(rec.byQuery(pass.samplesMs.slice(1), 4), undefined);
});

test.run();
