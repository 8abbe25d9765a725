import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { sleep } from '../../../src/bench/latency/clock.js';
import { Deadlines } from '../../../src/bench/latency/deadlines.js';
import { runQuery } from '../../../src/bench/latency/outcome.js';
import { VirtualClock } from '../../../src/bench/latency/virtual-clock.js';

test('Deadlines: one timer, fired in order, settled requests skipped, close clears it', async () => {
  const clock = new VirtualClock();
  const d = new Deadlines(clock, 20);
  const fired: string[] = [];
  const a = d.add(() => fired.push(`a@${clock.now()}`));
  clock.block(5);
  const b = d.add(() => fired.push(`b@${clock.now()}`));
  clock.block(5);
  d.add(() => fired.push(`c@${clock.now()}`));
  assert.is(clock.pendingTimers, 1);
  d.settle(b);
  await clock.run(sleep(clock, 100));
  assert.equal(fired, ['a@20', 'c@30']);
  assert.ok(a.done);
  d.add(() => fired.push('late'));
  assert.is(clock.pendingTimers, 1);
  d.close();
  assert.is(clock.pendingTimers, 0);
});

test('runQuery with shared deadlines: timeouts and oks classified as with a timer per request', async () => {
  const clock = new VirtualClock();
  const d = new Deadlines(clock, 10);
  const outs = await clock.run(Promise.all([3, 30, 5, 12].map((ms, i) => runQuery(() => sleep(clock, ms), i, clock, 10, undefined, d))));
  d.close();
  assert.equal(
    outs.map((o) => [o.kind, o.latencyMs]),
    [
      ['ok', 3],
      ['timeout', 10],
      ['ok', 5],
      ['timeout', 10],
    ],
  );
});

test('signals: an aborted signal is never handed out again; one with a listener left on it is not reused', async () => {
  const clock = new VirtualClock();
  const seen: AbortSignal[] = [];
  let timedOut: AbortSignal | undefined;
  await clock.run(
    runQuery(
      async (_i, signal) => {
        timedOut = signal;
        await sleep(clock, 50);
      },
      0,
      clock,
      10,
    ),
  );
  assert.ok(timedOut?.aborted);
  const leaky: { signal: AbortSignal; at: number }[] = [];
  for (let k = 0; k < 40; k++) {
    await clock.run(
      runQuery(
        async (_i, signal) => {
          assert.not.ok(signal.aborted, 'a fresh request gets a signal that is not aborted');
          seen.push(signal);
          if (k % 10 === 0) {
            signal.addEventListener('abort', () => undefined);
            leaky.push({ signal, at: seen.length - 1 });
          }
        },
        k,
        clock,
        10,
      ),
    );
  }
  assert.not.ok(seen.includes(timedOut!));
  assert.ok(new Set(seen).size < seen.length, 'clean signals are reused');
  for (const { signal, at } of leaky) assert.is(seen.lastIndexOf(signal), at, 'a signal left with a listener is not used again');
});

test.run();
