import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  IN_POOL_UNJUDGED,
  NOT_JUDGED,
  averagePrecision,
  judgeRanking,
  ndcg,
  ndcgCut,
  precisionAt,
  rPrecision,
  rankRun,
  recallAt,
  reciprocalRank,
  successAt,
} from '../../../src/bench/quality/index.js';

const close = (actual: number, expected: number, msg?: string): void =>
  assert.ok(Math.abs(actual - expected) < 1e-12, `${msg ?? ''} ${actual} != ${expected}`);

// qrels: a=2, b=1, c=0, d=1 (e is unjudged, f judged -1); ranking: e a c b f (d never retrieved)
const judgments = new Map([
  ['a', 2],
  ['b', 1],
  ['c', 0],
  ['d', 1],
  ['f', -1],
]);
const r = judgeRanking(['e', 'a', 'c', 'b', 'f'], judgments);

test('judgeRanking: relevance per rank, counts per level, unjudged markers', () => {
  assert.equal(r.rels, [NOT_JUDGED, 2, 0, 1, IN_POOL_UNJUDGED]);
  assert.equal(r.relLevels, [1, 2, 1]);
  assert.is(r.numRel, 3);
  assert.is(r.numRet, 5);
  assert.is(r.numRelRet, 2);
  const l2 = judgeRanking(['e', 'a', 'c', 'b', 'f'], judgments, 2);
  assert.is(l2.numRel, 1);
  assert.is(l2.numRelRet, 1);
});

test('rankRun: score descending, ties by docno descending, the rank column plays no part', () => {
  const ranked = rankRun([
    { docno: 'b', score: 1 },
    { docno: 'c', score: 2 },
    { docno: 'a', score: 1 },
    { docno: 'd', score: 1 },
  ]);
  assert.equal(ranked, ['c', 'd', 'b', 'a']);
  assert.equal(rankRun([{ docno: 'x', score: 0 }, { docno: 'y', score: 1 }], 1), ['y']);
  // strcmp (code point) order: U+1F600 sorts after U+FF21 although its UTF-16 lead unit is smaller
  assert.equal(rankRun([{ docno: '\uFF21', score: 0 }, { docno: '\u{1F600}', score: 0 }]), ['\u{1F600}', '\uFF21']);
});

test('P_k counts missing ranks as non-relevant; recall_k divides by all relevant in the qrels', () => {
  close(precisionAt(r, 1), 0);
  close(precisionAt(r, 2), 1 / 2);
  close(precisionAt(r, 5), 2 / 5);
  close(precisionAt(r, 10), 2 / 10);
  close(recallAt(r, 2), 1 / 3);
  close(recallAt(r, 10), 2 / 3);
  close(recallAt(judgeRanking(['x'], new Map([['x', 0]])), 5), 0);
});

test('success_k, recip_rank, map, Rprec', () => {
  assert.is(successAt(r, 1), 0);
  assert.is(successAt(r, 2), 1);
  close(reciprocalRank(r), 1 / 2);
  close(reciprocalRank(judgeRanking(['c'], judgments)), 0);
  // relevant at ranks 2 and 4: (1/2 + 2/4) / 3
  close(averagePrecision(r), (1 / 2 + 2 / 4) / 3);
  // R = 3: one relevant in the top 3
  close(rPrecision(r), 1 / 3);
});

test('ndcg: linear gain, 1/log2(rank+1), ideal from every judged doc (retrieved or not)', () => {
  const dcg = 2 / Math.log2(3) + 1 / Math.log2(5);
  const ideal = 2 / Math.log2(2) + 1 / Math.log2(3) + 1 / Math.log2(4);
  close(ndcg(r), dcg / ideal);
  // cut at 2: dcg 2/log2(3); ideal 2 + 1/log2(3)
  close(ndcgCut(r, 2), 2 / Math.log2(3) / (2 + 1 / Math.log2(3)));
  close(ndcgCut(r, 1000), dcg / ideal);
  // gains override levels: level 2 gains 10, level 1 gains 1
  const gains = new Map([[2, 10]]);
  close(ndcg(r, gains), (10 / Math.log2(3) + 1 / Math.log2(5)) / (10 + 1 / Math.log2(3) + 1 / Math.log2(4)));
  // relevance level does not change ndcg
  close(ndcg(judgeRanking(['e', 'a', 'c', 'b', 'f'], judgments, 2)), dcg / ideal);
  assert.is(ndcg(judgeRanking(['c'], new Map([['c', 0]]))), 0);
  assert.is(ndcgCut(judgeRanking([], new Map([['c', 1]])), 10), 0);
});

test.run();
