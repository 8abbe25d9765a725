/**
 * The quality pass on a hand-made corpus (l2, integer coordinates so distances are exact): tie-aware recall,
 * failures counted as results, timeouts, qrels measures, tag and stratum breakdowns. The index is a scripted
 * VectorIndex (returns what each test says, or fails), because the pass must be judged against known answers.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runQualityPass } from '../../../src/bench/run/quality-pass.js';
import type { QueryMatch, QueryRequest, VectorIndex } from '../../../src/backends/types.js';
import type { Corpus } from '../../../src/truth/corpus.js';
import type { GoldenQuery } from '../../../src/golden/types.js';
import type { TruthFileRow } from '../../../src/arrow/index.js';

// points on a line: a=1, b=2, c=0, d=5, e=9; a query at x=1 has b and c tied at squared distance 1
const POINTS: Record<string, [number, number]> = { a: [1, 0], b: [2, 0], c: [0, 0], d: [5, 0], e: [9, 0] };
const STRATA: Record<string, string> = { a: 'near', b: 'near', c: 'near', d: 'far', e: 'far' };
const ids = Object.keys(POINTS);
const corpus: Corpus = {
  ids,
  index: new Map(ids.map((id, i) => [id, i])),
  dim: 2,
  vectors: Float32Array.from(ids.flatMap((id) => POINTS[id]!)),
  metadata: ids.map(() => null),
  strata: ids.map((id) => STRATA[id]!),
  tags: ids.map(() => []),
  weights: new Float64Array(ids.length).fill(1),
  manifest: {},
};
const q = (id: string, x: number, tags: string[], relevant: Record<string, number> = {}): GoldenQuery => ({ id, text: null, embedding: Float32Array.of(x, 0), relevant, tags, filter: null, line: 1 });
const dist = (x: number, id: string) => (POINTS[id]![0] - x) ** 2;
/** exact truth by hand: sorted by distance, ties by id */
const truthOf = (query: GoldenQuery, k: number): TruthFileRow => {
  const x = query.embedding[0]!;
  const sorted = [...ids].sort((u, v) => dist(x, u) - dist(x, v) || u.localeCompare(v)).slice(0, k);
  return { queryId: query.id, ids: sorted, distances: sorted.map((id) => dist(x, id)) };
};

function scripted(answers: Record<string, string[] | Error | 'hang'>): VectorIndex {
  return {
    name: 'scripted', dimension: 2, metric: 'l2', limits: { records: 10 },
    async query(req: QueryRequest): Promise<QueryMatch[]> {
      const x = req.vector[0]!;
      const key = Object.keys(answers).find((k) => Number(k.split('@')[1]) === x)!;
      const a = answers[key]!;
      if (a instanceof Error) throw a;
      if (a === 'hang') return new Promise(() => {});
      return a.slice(0, req.topK).map((id) => ({ id, distance: dist(x, id) }));
    },
    upsert: async () => {}, fetch: async () => [], count: async () => ids.length,
    describe: async () => ({ name: 'scripted', dimension: 2, metric: 'l2', count: ids.length, provenance: undefined }),
    listIds: async () => ({ ids, cursor: undefined }),
  };
}

test('tie-aware recall, errors and timeouts counted, qrels measures, tag and stratum breakdowns', async () => {
  const queries = [
    q('q-tie', 1, ['tie'], { a: 2, b: 1 }), // at x=1: a (0), then b and c tie at 1
    q('q-miss', 8, ['miss']), // at x=8: e (1), d (9), b (36)...
    q('q-err', 3, ['bad']),
    q('q-hang', 4, ['bad']),
  ];
  const truth = new Map(queries.map((query) => [query.id, truthOf(query, 3)]));
  const index = scripted({ 'q-tie@1': ['a', 'c', 'd'], 'q-miss@8': ['e', 'a', 'c'], 'q-err@3': new Error('HTTP 500: boom'), 'q-hang@4': 'hang' });
  const { section, perQuery } = await runQualityPass({ index, queries, truth, corpus, metric: 'l2', cutoffs: [2, 3], tieTolerance: 1e-6, timeoutMs: 50 });

  assert.equal(perQuery.map((r) => [r.id, r.ok, r.error]), [
    ['q-tie', true, null],
    ['q-miss', true, null],
    ['q-err', false, 'HTTP 500: boom'],
    ['q-hang', false, 'timed out after 50 ms'],
  ]);
  assert.equal([section.queries, section.errored], [2, 2]);
  const [tie, miss] = perQuery;
  // truth@2 for x=1 is [a, b]; c is tied with b, so [a, c] is a perfect top-2
  assert.equal(tie!.recall, { '2': 1, '3': 2 / 3 }, 'c stands in for b at @2; d is not within the 3rd true distance');
  assert.equal(miss!.recall, { '2': 0.5, '3': 1 / 3 });
  assert.equal(section.recall, { '2': 0.75, '3': 0.5 });
  // qrels on q-tie only: a (grade 2) at rank 1, b (grade 1) never returned
  assert.is(section.relevanceQueries, 1);
  assert.is(section.relevance!.recip_rank, 1);
  assert.is(section.relevance!.recall_3, 0.5);
  // DCG@2 = 2/log2(2) (a at rank 1, c unjudged); the ideal ranks a then b: 2 + 1/log2(3)
  assert.is(tie!.ndcg['2'], 2 / (2 + 1 / Math.log2(3)));
  assert.equal(section.byTag.map((g) => [g.name, g.queries, g.recall['2']]), [['miss', 1, 0.5], ['tie', 1, 1]], 'errored queries are in no tag group');
  // strata, pooled over queries, identity-based (a tied stand-in does not count here):
  // @3 truth: q-tie a,b,c (near; returned a,c), q-miss e,d (far; returned e) and b (near; not returned)
  const near = section.byStratum.find((g) => g.name === 'near')!;
  const far = section.byStratum.find((g) => g.name === 'far')!;
  assert.equal([near.queries, near.recall['3']], [2, 2 / 4]);
  assert.equal([far.queries, far.recall['3']], [1, 1 / 2]);
  assert.equal(section.worst.map((w) => w.id), ['q-miss', 'q-tie']);
});

test('a stratum reached only at the larger cutoff still counts its queries', async () => {
  const queries = [q('q1', 1, [])];
  const truth = new Map([['q1', truthOf(queries[0]!, 4)]]); // a, b, c (near), d (far) at @4 only
  const index = scripted({ 'q1@1': ['a', 'b', 'c', 'd'] });
  const { section } = await runQualityPass({ index, queries, truth, corpus, metric: 'l2', cutoffs: [2, 4], tieTolerance: 1e-6, timeoutMs: 1000 });
  const far = section.byStratum.find((g) => g.name === 'far')!;
  assert.equal(far.recall, { '4': 1 });
  assert.is(far.queries, 1);
});

test.run();
