import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluateRun, type TrecEvalOptions } from '../../../src/bench/quality/evaluate-run.js';
import { formatTrecEval } from '../../../src/bench/quality/format-trec.js';
import { parseMeasures } from '../../../src/bench/quality/parse-measures.js';
import { parseQrels, parseRun } from '../../../src/bench/trec/index.js';
import { SHARED_DATA, haveSharedData, parseTrecOutput, skipMessage } from './reference-data.js';

const DIR = `${SHARED_DATA}trec_eval/`;
const present = haveSharedData('trec_eval');

function read(name: string): string {
  return readFileSync(`${DIR}${name}`, 'utf8');
}

/** Runs vecstage on a qrels/run pair and returns its output lines keyed like the expected file. */
function ours(qrelsFile: string, runFile: string, options: TrecEvalOptions, precision: number): Map<string, string> {
  const result = evaluateRun(parseQrels(read(qrelsFile), qrelsFile), parseRun(read(runFile), runFile), options);
  return parseTrecOutput(formatTrecEval(result, { perQuery: true, precision }));
}

/**
 * Every line vecstage prints must appear in trec_eval's expected output with the same text (4 decimals) or within
 * 1e-6 (hp12), and every expected line of a measure vecstage computes must be printed.
 */
function compare(label: string, mine: Map<string, string>, expectedFile: string, tolerance: number | 'text'): number {
  const expected = parseTrecOutput(read(expectedFile));
  const measured = new Set([...mine.keys()].map((k) => k.split(' ')[0]));
  for (const [key, value] of mine) {
    const want = expected.get(key);
    assert.ok(want !== undefined, `${label}: ${key} is not in ${expectedFile}`);
    if (tolerance === 'text') assert.is(value, want, `${label}: ${key}`);
    else assert.ok(Math.abs(Number(value) - Number(want)) <= tolerance, `${label}: ${key} = ${value}, expected ${want}`);
  }
  for (const key of expected.keys()) {
    if (measured.has(key.split(' ')[0])) assert.ok(mine.has(key), `${label}: ${key} expected but not printed`);
  }
  return mine.size;
}

const MEASURES = 'num_q,num_ret,num_rel,num_rel_ret,map,Rprec,recip_rank,P,recall,ndcg,ndcg_cut,success';

// quicktest_commands.txt: the trec_eval command behind each expected file.
const CASES: Array<{ file: string; qrels: string; run: string; options: TrecEvalOptions }> = [
  // trec_eval -m all_trec -q qrels.test results.test
  { file: 'out.test.aq', qrels: 'qrels.test', run: 'results.test', options: {} },
  // trec_eval -m all_trec -q -c qrels.test results.trunc
  { file: 'out.test.aqc', qrels: 'qrels.test', run: 'results.trunc', options: { allQueries: true } },
  // trec_eval -m all_trec -mrelstring.20 -q -l2 qrels.rel_level results.test (graded qrels)
  { file: 'out.test.aql', qrels: 'qrels.rel_level', run: 'results.test', options: { relevanceLevel: 2 } },
];

for (const c of CASES) {
  test(`${c.file}: every measure per query and all, to 4 decimals as printed`, () => {
    if (!present) return void console.log(skipMessage('trec_eval'));
    const n = compare(c.file, ours(c.qrels, c.run, { ...c.options, measures: parseMeasures([MEASURES]) }, 4), c.file, 'text');
    assert.ok(n > 100, `compared ${n} lines`);
  });
  test(`hp12/${c.file}.hp12: every measure per query and all, within 1e-6`, () => {
    if (!present) return void console.log(skipMessage('trec_eval'));
    compare(`${c.file}.hp12`, ours(c.qrels, c.run, { ...c.options, measures: parseMeasures([MEASURES]) }, 12), `hp12/${c.file}.hp12`, 1e-6);
  });
}

test('hp12/out.test.aqcM.hp12: -c -M100 (top 100 per query only), within 1e-6', () => {
  if (!present) return void console.log(skipMessage('trec_eval'));
  const mine = ours('qrels.test', 'results.trunc', { allQueries: true, maxDocsPerQuery: 100, measures: parseMeasures([MEASURES]) }, 12);
  compare('aqcM', mine, 'hp12/out.test.aqcM.hp12', 1e-6);
});

test('out.test / out.test.a: the summary lines of the default and all_trec runs', () => {
  if (!present) return void console.log(skipMessage('trec_eval'));
  const result = evaluateRun(parseQrels(read('qrels.test'), 'qrels.test'), parseRun(read('results.test'), 'results.test'), {
    measures: parseMeasures(['runid,num_q,num_ret,num_rel,num_rel_ret,map,Rprec,recip_rank,P']),
  });
  const text = formatTrecEval(result);
  const expected = read('out.test').split('\n');
  for (const line of text.trimEnd().split('\n')) assert.ok(expected.includes(line), `not in out.test: ${JSON.stringify(line)}`);
  const all = parseTrecOutput(formatTrecEval(evaluateRun(parseQrels(read('qrels.test'), 'q'), parseRun(read('results.test'), 'r'))));
  compare('out.test.a', all, 'out.test.a', 'text');
});

test('out.test.meas_params: parameterised cutoffs P.5,7,3 recall.20,2000 ndcg_cut.10,20,23 success.2,5,20 and ndcg gains', () => {
  if (!present) return void console.log(skipMessage('trec_eval'));
  // trec_eval reads the cutoff 23.4 with atol, i.e. 23; vecstage takes integer cutoffs only, so the test asks for 23.
  const measures = parseMeasures(['P.5,7,3', 'recall.20,2000', 'ndcg.1=3,2=9,4=4.5', 'ndcg_cut.10,20,23', 'success.2,5,20']);
  const mine = ours('qrels.test', 'results.test', { measures }, 4);
  compare('meas_params', mine, 'out.test.meas_params', 'text');
  compare('meas_params.hp12', ours('qrels.test', 'results.test', { measures }, 12), 'hp12/out.test.meas_params.hp12', 1e-6);
  assert.is(mine.get('ndcg_cut_23 302'), '0.7964');
  assert.is(mine.get('P_7 all'), '0.3333');
});

test.run();
