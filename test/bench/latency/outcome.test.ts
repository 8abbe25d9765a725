import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { sleep } from '../../../src/bench/latency/clock.js';
import { QueryTimeoutError, retriesOf, runQuery } from '../../../src/bench/latency/outcome.js';
import { VirtualClock } from '../../../src/bench/latency/virtual-clock.js';

test('ok: latency from the send time; retries read from the result', async () => {
  const clock = new VirtualClock(1000);
  const out = await clock.run(
    runQuery(
      async () => {
        await sleep(clock, 7.5);
        return { retries: 2 };
      },
      0,
      clock,
      100,
    ),
  );
  assert.equal(out, { kind: 'ok', latencyMs: 7.5, retries: 2 });
  assert.is(clock.pendingTimers, 0, 'the timeout timer is cleared');
});

test('error: a rejection or a synchronous throw is an error with its message and retries', async () => {
  const clock = new VirtualClock();
  const rejected = await clock.run(
    runQuery(
      async () => {
        await sleep(clock, 3);
        throw Object.assign(new Error('HTTP 503'), { retries: 3 });
      },
      0,
      clock,
      100,
    ),
  );
  assert.equal(rejected, { kind: 'error', latencyMs: 3, retries: 3, message: 'HTTP 503' });
  const thrown = await clock.run(
    runQuery(
      () => {
        throw new Error('sync');
      },
      0,
      clock,
      100,
    ),
  );
  assert.is(thrown.kind, 'error');
  assert.is(thrown.message, 'sync');
});

test('timeout: the signal aborts, and a completion after the deadline is not counted as ok', async () => {
  const clock = new VirtualClock();
  let aborted: unknown;
  let lateCompletion = false;
  const out = await clock.run(
    runQuery(
      async (_i, signal) => {
        signal.addEventListener('abort', () => (aborted = signal.reason));
        await sleep(clock, 50);
        lateCompletion = true;
        return 'late answer';
      },
      0,
      clock,
      20,
    ),
  );
  assert.equal(out, { kind: 'timeout', latencyMs: 20, retries: 0 });
  assert.instance(aborted, QueryTimeoutError);
  await clock.run(sleep(clock, 100));
  assert.ok(lateCompletion, 'the late completion happened, and was ignored');
});

test('latency is measured from a given reference start (the open loop passes the intended start)', async () => {
  const clock = new VirtualClock(500);
  const out = await clock.run(runQuery(() => sleep(clock, 2), 0, clock, Infinity, 450));
  assert.is(out.latencyMs, 52);
});

test('retriesOf: only a finite positive numeric retries field counts', () => {
  assert.is(retriesOf({ retries: 2 }), 2);
  assert.is(retriesOf({ retries: '2' }), 0);
  assert.is(retriesOf({ retries: -1 }), 0);
  assert.is(retriesOf({ retries: Number.NaN }), 0);
  assert.is(retriesOf(null), 0);
  assert.is(retriesOf(3), 0);
});

test.run();
