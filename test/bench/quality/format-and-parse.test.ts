import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatFixed, formatTrecEval, parseMeasures, TREC_CUTOFFS } from '../../../src/bench/quality/index.js';

test('formatFixed rounds exact ties to even like printf (toFixed rounds them up)', () => {
  assert.is(formatFixed(0.03125, 4), '0.0312');
  assert.is((0.03125).toFixed(4), '0.0313');
  assert.is(formatFixed(0.09375, 4), '0.0938');
  assert.is(formatFixed(1 / 3, 4), '0.3333');
  assert.is(formatFixed(2 / 3, 4), '0.6667');
  // values Python's '%.4f' % x (C printf) gives: the nearest double decides, not the decimal literal
  assert.is(formatFixed(0.99995, 4), '1.0000');
  assert.is(formatFixed(0.00015, 4), '0.0001');
  assert.is(formatFixed(0.12345, 4), '0.1235');
  assert.is(formatFixed(9.99996, 4), '10.0000');
  assert.is(formatFixed(-412.66666, 4), '-412.6667');
  assert.is(formatFixed(-0.00001, 4), '-0.0000');
  assert.is(formatFixed(0.5, 0), '0');
  assert.is(formatFixed(1.5, 0), '2');
  assert.is(formatFixed(0.194230769231, 12), '0.194230769231');
});

test('parseMeasures: trec_eval syntax, name_k, lists; print order; --k replaces default cutoffs', () => {
  assert.equal(parseMeasures(['P.5,7,3', 'map']), [{ name: 'map' }, { name: 'P', cutoffs: [3, 5, 7] }]);
  assert.equal(parseMeasures(['ndcg_cut_10,recip_rank,P_5,P_20']), [
    { name: 'recip_rank' },
    { name: 'P', cutoffs: [5, 20] },
    { name: 'ndcg_cut', cutoffs: [10] },
  ]);
  assert.equal(parseMeasures(['recall,success'], [10, 1]), [
    { name: 'recall', cutoffs: [1, 10] },
    { name: 'success', cutoffs: [1, 10] },
  ]);
  assert.equal(parseMeasures(['P']), [{ name: 'P', cutoffs: [...TREC_CUTOFFS] }]);
  assert.equal(parseMeasures(['success']), [{ name: 'success', cutoffs: [1, 5, 10] }]);
  assert.equal(parseMeasures(['ndcg.1=3,2=9']), [{ name: 'ndcg', gains: new Map([[1, 3], [2, 9]]) }]);
  assert.is(parseMeasures(['all_trec']).length, 13);
});

test('parseMeasures errors say what is allowed', () => {
  assert.throws(() => parseMeasures(['bpref']), /invalid measure: "bpref" \(-m\); allowed: runid, num_q/);
  assert.throws(() => parseMeasures(['P.5,5']), /invalid cutoff: 5 \(-m P\); allowed: distinct cutoffs/);
  assert.throws(() => parseMeasures(['P.0']), /invalid cutoff: 0/);
  assert.throws(() => parseMeasures(['P.2.5']), /invalid cutoff for P: "2.5"/);
  assert.throws(() => parseMeasures(['map.5']), /invalid parameter for map: "5" \(-m\); allowed: none/);
  assert.throws(() => parseMeasures(['5']), /invalid measure: "5"/);
});

test('formatTrecEval: per-query lines, then runid and all; counts as integers', () => {
  const text = formatTrecEval(
    { runId: 'r1', numQ: 1, showRunId: true, queries: [{ qid: 'q', values: { num_ret: 3, map: 0.5 } }], all: { num_q: 1, num_ret: 3, map: 0.5 } },
    { perQuery: true, precision: 2 },
  );
  assert.is(text, 'num_ret               \tq\t3\nmap                   \tq\t  0.50\nrunid                 \tall\tr1\nnum_q                 \tall\t1\nnum_ret               \tall\t3\nmap                   \tall\t  0.50\n');
});

test.run();
