import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { choosePoint, parsePick, parseSettingSweep } from '../../../src/bench/sweep/index.js';
import { frontierPoint } from '../../helpers/frontier-fixture.js';
import { VecstageError } from '../../../src/errors.js';

const throwsUsage = (fn: () => unknown, re: RegExp) => {
  try {
    fn();
  } catch (e) {
    assert.instance(e, VecstageError);
    assert.is((e as VecstageError).code, 'USAGE');
    assert.match((e as Error).message, re);
    return;
  }
  assert.unreachable('expected a usage error');
};

test('parseSettingSweep: setting and ascending values; bad input names what is allowed', () => {
  assert.equal(parseSettingSweep('ef_search=64,16,32', '--sweep'), { key: 'ef_search', values: [16, 32, 64] });
  throwsUsage(() => parseSettingSweep('ef_search', '--sweep'), /invalid --sweep: "ef_search".*<setting>=<v1>,<v2>/);
  throwsUsage(() => parseSettingSweep('ef_search=16,x', '--sweep'), /invalid --sweep value: "x"/);
  throwsUsage(() => parseSettingSweep('ef_search=0', '--sweep'), /integers >= 1/);
  throwsUsage(() => parseSettingSweep('max_neighbors=8,8', '--settings-sweep'), /distinct values/);
});

test('parsePick: conditions joined by "and" or ","; ms suffix on latencies', () => {
  const p = parsePick('recall>=0.95 and p95<=20ms, recall@100 > 0.9');
  assert.equal(p.conditions.map((c) => [c.measure, c.at, c.op, c.value]), [['recall', undefined, '>=', 0.95], ['p95', undefined, '<=', 20], ['recall', 100, '>', 0.9]]);
  throwsUsage(() => parsePick('recall=>0.95'), /invalid --pick: "recall=>0.95" \(not a condition: "recall=>0.95"\); allowed: .*measures recall/);
  throwsUsage(() => parsePick('recall>=95'), /recall lies in \[0, 1\]/);
  throwsUsage(() => parsePick('qps@10>5'), /@k applies to recall and ndcg only/);
  throwsUsage(() => parsePick('recall>=0.9ms'), /"ms" applies to p50, p95, p99 only/);
  throwsUsage(() => parsePick('  '), /empty/);
});

const pt = (ef: number, recall: number, qps: number, p95: number) => frontierPoint(ef, recall, qps, p95);

test('choosePoint: the fastest point meeting every condition; none -> null with the reason', () => {
  const pts = [pt(16, 0.9, 900, 3), pt(32, 0.96, 700, 4), pt(64, 0.99, 800, 6), pt(128, 0.995, 300, 9)];
  assert.equal(choosePoint(pts, parsePick('recall>=0.95'), 10, 'ef_search').chosen, 2);
  assert.equal(choosePoint(pts, parsePick('recall>=0.95 and p95<5'), 10, 'ef_search').chosen, 1);
  const none = choosePoint(pts, parsePick('recall>=0.999'), 10, 'ef_search');
  assert.is(none.chosen, null);
  assert.match(none.reason, /no point meets recall>=0.999/);
  throwsUsage(() => choosePoint(pts, parsePick('recall@100>=0.9'), 10, 'ef_search'), /recall@100 was not measured/);
  throwsUsage(() => choosePoint(pts, parsePick('ndcg>=0.5'), 10, 'ef_search'), /ndcg needs golden queries with qrels/);
});

test.run();
