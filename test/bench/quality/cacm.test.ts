import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluateRun } from '../../../src/bench/quality/evaluate-run.js';
import { formatFixed, formatTrecEval } from '../../../src/bench/quality/format-trec.js';
import { parseMeasures } from '../../../src/bench/quality/parse-measures.js';
import { parseQrels, parseRun } from '../../../src/bench/trec/index.js';
import { SHARED_DATA, haveSharedData, parseTrecOutput, skipMessage } from './reference-data.js';

const DIR = `${SHARED_DATA}cacm/`;
const present = haveSharedData('cacm');
const MEASURES = parseMeasures(['num_q,num_ret,num_rel,num_rel_ret,map,Rprec,recip_rank,P,recall,ndcg,ndcg_cut,success']);

function load() {
  return {
    qrels: parseQrels(readFileSync(`${DIR}qrels.cacm.txt`, 'utf8'), 'qrels.cacm.txt'),
    run: parseRun(readFileSync(`${DIR}cacm-bm25.top30.run`, 'utf8'), 'cacm-bm25.top30.run'),
  };
}

test('CACM BM25 top-30: the published reference numbers (zero-padded docno quirk included)', () => {
  if (!present) return void console.log(skipMessage('cacm'));
  const { qrels, run } = load();
  const r = evaluateRun(qrels, run, { measures: MEASURES });
  assert.is(r.numQ, 52);
  assert.is(r.all.num_rel_ret, 303);
  assert.is(formatFixed(r.all.P_30 ?? NaN, 4), '0.1942');
  assert.is(formatFixed(r.all.map ?? NaN, 4), '0.2744');
  assert.is(formatFixed(r.all.recip_rank ?? NaN, 4), '0.7048');
  assert.is(formatFixed(r.all.ndcg_cut_10 ?? NaN, 4), '0.4543');
});

test('CACM: every per-query and all value within 1e-9 of trec_eval -q at 12 decimals', () => {
  if (!present) return void console.log(skipMessage('cacm'));
  const { qrels, run } = load();
  const mine = parseTrecOutput(formatTrecEval(evaluateRun(qrels, run, { measures: MEASURES }), { perQuery: true, precision: 12 }));
  const expected = parseTrecOutput(readFileSync(`${DIR}trec_eval.all_trec.q.hp12.out`, 'utf8'));
  for (const [key, value] of mine) {
    const want = expected.get(key);
    assert.ok(want !== undefined, `${key} missing from the reference`);
    assert.ok(Math.abs(Number(value) - Number(want)) <= 1e-9, `${key} = ${value}, expected ${want}`);
  }
  assert.is(mine.size, 52 * 37 + 38); // 37 measures a query; all adds num_q
});

test('CACM -c: averaged over all 52 qrels queries (all are in the run), same as the reference', () => {
  if (!present) return void console.log(skipMessage('cacm'));
  const { qrels, run } = load();
  const mine = parseTrecOutput(formatTrecEval(evaluateRun(qrels, run, { measures: MEASURES, allQueries: true })));
  const expected = parseTrecOutput(readFileSync(`${DIR}trec_eval.all_trec.c.out`, 'utf8'));
  for (const [key, value] of mine) assert.is(value, expected.get(key), key);
});

test.run();
