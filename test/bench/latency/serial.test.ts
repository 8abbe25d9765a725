import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { sleep } from '../../../src/bench/latency/clock.js';
import { runSerial } from '../../../src/bench/latency/serial.js';
import { VirtualClock } from '../../../src/bench/latency/virtual-clock.js';

test('serial pass: errors and timeouts are counted apart and never enter the latency', async () => {
  const clock = new VirtualClock();
  let calls = 0;
  const seen: number[] = [];
  const query = async (i: number) => {
    const n = ++calls;
    seen.push(i);
    if (n === 50) {
      await sleep(clock, 1000); // times out at 100
      return 'late';
    }
    await sleep(clock, n % 20 === 0 ? 1 : 2);
    if (n % 20 === 0) throw new Error('boom every 20th');
    return n % 7 === 0 ? { retries: 1 } : undefined;
  };
  const r = await clock.run(
    runSerial(query, { queryCount: 8, clock, iterations: 100, timeoutMs: 100, warmup: { requests: 5 }, bootstrap: { resamples: 100 } }),
  );
  // warm-up: calls 1..5, all ok, 2 ms each
  assert.equal(r.warmup, { requests: 5, ok: 5, errors: 0, timeouts: 0, durationMs: 10 });
  // measured: calls 6..105; errors at 20, 40, 60, 80, 100; timeout at 50
  assert.is(r.counts.requests, 100);
  assert.is(r.counts.errors, 5);
  assert.is(r.counts.timeouts, 1);
  assert.is(r.counts.ok, 94);
  assert.equal(r.counts.errorMessages, { 'boom every 20th': 5 });
  // retries: reported by the ok calls divisible by 7 (counted apart; their latency is an ordinary ok latency)
  const retried = Array.from({ length: 100 }, (_, k) => k + 6).filter((n) => n % 7 === 0 && n % 20 !== 0 && n !== 50);
  assert.is(r.counts.retries, retried.length);
  assert.is(r.counts.retriedRequests, retried.length);
  // every ok request took exactly 2 ms: the 1 ms errors and the 100 ms timeout are not in the distribution
  assert.ok(r.latency);
  assert.is(r.latency.count, 94);
  assert.is(r.latency.min, 2);
  assert.is(r.latency.max, 2);
  assert.is(r.latency.p999, 2);
  assert.equal(r.latency.ci?.intervals.p99, { lo: 2, hi: 2 });
  // wall: 94 * 2 + 5 * 1 + 100 (timeout)
  assert.is(r.wallMs, 293);
  assert.is(r.qps, (94 * 1000) / 293);
  assert.is(r.timer, 'tinybench');
  // query indexes cycle through the golden set
  assert.equal(seen.slice(0, 10), [0, 1, 2, 3, 4, 0, 1, 2, 3, 4]);
  assert.equal(seen.slice(5, 14), [0, 1, 2, 3, 4, 5, 6, 7, 0]);
  assert.is(r.histogram.length, 1);
  assert.is(r.histogram[0]!.count, 94);
  assert.ok(r.histogram[0]!.lo <= 2 && 2 < r.histogram[0]!.hi);
  assert.equal(r.cdf, [{ value: 2, p: 1 }]);
});

test('serial pass: the result is plain JSON', async () => {
  const clock = new VirtualClock();
  const r = await clock.run(runSerial(() => sleep(clock, 1), { queryCount: 1, clock, iterations: 20, warmup: false }));
  assert.equal(JSON.parse(JSON.stringify(r)), r);
  assert.is(r.warmup.requests, 0);
  assert.is(r.counts.ok, 20);
});

test('serial pass: a time budget runs at least that long', async () => {
  const clock = new VirtualClock();
  const r = await clock.run(runSerial(() => sleep(clock, 4), { queryCount: 3, clock, iterations: 1, durationMs: 400, warmup: false }));
  assert.is(r.counts.requests, 100);
});

test('serial pass: options are validated with the allowed values', async () => {
  try {
    await runSerial(async () => undefined, { queryCount: 0 });
    assert.unreachable();
  } catch (err) {
    assert.match(String(err), /invalid queryCount: 0 \(serial pass\); allowed: an integer >= 1/);
  }
  try {
    await runSerial(async () => undefined, { queryCount: 1, iterations: 2.5 });
    assert.unreachable();
  } catch (err) {
    assert.match(String(err), /invalid iterations: 2.5 \(serial pass\); allowed: an integer >= 1/);
  }
});

test.run();
