import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { arrivalOffsets } from '../../../src/bench/latency/arrivals.js';
import { realClock, sleep } from '../../../src/bench/latency/clock.js';
import { runOpenLoop } from '../../../src/bench/latency/open-loop.js';
import { seededRng } from '../../../src/bench/latency/rng.js';
import { runSerial } from '../../../src/bench/latency/serial.js';
import { VirtualClock } from '../../../src/bench/latency/virtual-clock.js';
import { fifoService } from './fakes.js';

const NO_CI = { warmup: false, bootstrap: false } as const;

test('arrivalOffsets: constant spacing, bounded by a count or a duration', () => {
  const rng = seededRng(1);
  assert.equal(arrivalOffsets('constant', 100, { requests: 5, durationMs: Infinity }, rng), [0, 10, 20, 30, 40]);
  assert.equal(arrivalOffsets('constant', 100, { requests: Infinity, durationMs: 35 }, rng), [0, 10, 20, 30]);
  assert.throws(() => arrivalOffsets('constant', 0, { requests: 5, durationMs: Infinity }, rng), /invalid rate: 0.*allowed: /);
});

test('arrivalOffsets: Poisson arrivals are seeded, increasing, with mean gap 1000 / rate', () => {
  const a = arrivalOffsets('poisson', 200, { requests: 20_000, durationMs: Infinity }, seededRng('p'));
  const b = arrivalOffsets('poisson', 200, { requests: 20_000, durationMs: Infinity }, seededRng('p'));
  assert.equal(a, b);
  assert.is(a[0], 0);
  for (let i = 1; i < a.length; i++) assert.ok(a[i]! >= a[i - 1]!);
  const meanGap = a[a.length - 1]! / (a.length - 1);
  assert.ok(Math.abs(meanGap - 5) < 0.15, `mean gap ${meanGap}`);
});

// A single-server service that stalls 200 ms once. At 100 req/s (one every 10 ms) request 10 is sent at
// t=100 and holds the server until 300; requests 11..29 (intended at 110..290) queue behind it, then drain at
// 1 ms each: request j finishes at 300 + (j - 10), so its latency from its intended start 10 j is 290 - 9 j.
test('open loop: a 200 ms stall shows up in every request intended during it (no coordinated omission)', async () => {
  const clock = new VirtualClock();
  const r = await clock.run(runOpenLoop(fifoService(clock, 1, { at: 10, ms: 200 }), { queryCount: 5, clock, rate: 100, requests: 60, ...NO_CI }));
  assert.is(r.counts.ok, 60);
  assert.is(r.counts.dropped, 0);
  assert.ok(r.latency);
  assert.is(r.latency.max, 200);
  // latencies above 100 ms: request 10 (200) and 11..21 (191, 182, ..., 101)
  const above100 = r.cdf.filter((p) => p.value > 100).length;
  assert.is(above100, 12);
  // 20 of 60 requests (33%) waited behind the stall, so p90 is far above the 1 ms service time
  assert.ok(r.latency.p90 > 100, `p90 ${r.latency.p90}`);
  // the runner itself was never late: every request was sent at its intended time
  assert.is(r.sendLag?.max, 0);

  // the same service measured closed-loop (serial) sees the stall once: one 200 ms sample among 60, p90 1 ms,
  // which is the coordinated-omission error the open loop avoids
  const clock2 = new VirtualClock();
  const s = await clock2.run(runSerial(fifoService(clock2, 1, { at: 10, ms: 200 }), { queryCount: 5, clock: clock2, iterations: 60, ...NO_CI }));
  assert.is(s.latency?.max, 200);
  assert.is(s.latency?.p90, 1);
});

test('open loop: a stalled client (blocked event loop) still charges the wait to the requests it delayed', async () => {
  const clock = new VirtualClock();
  let n = 0;
  const query = async () => {
    if (n++ === 10) clock.block(200); // synchronous stall inside the client, like a long GC pause
    await sleep(clock, 1);
  };
  const r = await clock.run(runOpenLoop(query, { queryCount: 5, clock, rate: 100, requests: 40, ...NO_CI }));
  assert.is(r.counts.ok, 40);
  // requests 11..30 (intended 110..300) were sent at 300, after the stall: lag 300 - 10 j, latency lag + 1
  assert.is(r.sendLag?.max, 190);
  assert.is(r.latency?.max, 201);
  assert.is(r.cdf.filter((p) => p.value > 100).length, 11); // request 10 (201) and 11..20 (191 .. 101)
});

test('open loop: requests beyond the outstanding cap are counted as dropped, never timed', async () => {
  const clock = new VirtualClock();
  let inFlight = 0;
  let peak = 0;
  const query = async () => {
    peak = Math.max(peak, ++inFlight);
    await sleep(clock, 100);
    inFlight--;
  };
  const r = await clock.run(runOpenLoop(query, { queryCount: 5, clock, rate: 100, requests: 50, maxOutstanding: 5, ...NO_CI }));
  assert.is(peak, 5);
  assert.is(r.scheduled, 50);
  assert.is(r.counts.dropped + r.counts.requests, 50);
  // each request holds a slot for 100 ms = 10 arrivals; 5 slots: 5 sent, 5 dropped, repeating
  assert.is(r.counts.dropped, 25);
  assert.is(r.counts.ok, 25);
  assert.equal([r.latency?.min, r.latency?.max], [100, 100]);
  assert.is(r.sentRate, 50);
  assert.equal(JSON.parse(JSON.stringify(r)), r);
});

test('open loop: timeouts and errors are counted apart; achieved rate vs target', async () => {
  const clock = new VirtualClock();
  let n = 0;
  const query = async () => {
    const k = n++;
    if (k % 20 === 19) throw new Error('every 20th');
    await sleep(clock, k === 5 ? 80 : 2);
  };
  const r = await clock.run(runOpenLoop(query, { queryCount: 3, clock, rate: 50, durationMs: 2000, timeoutMs: 30, ...NO_CI }));
  assert.is(r.scheduled, 100);
  assert.is(r.counts.requests, 100);
  assert.is(r.counts.errors, 5);
  assert.is(r.counts.timeouts, 1);
  assert.is(r.counts.ok, 94);
  assert.equal([r.latency?.min, r.latency?.max], [2, 2]);
  assert.is(r.targetRate, 50);
  assert.is(r.sentRate, 50);
  // a request count that ends the schedule before the duration: the span is count / rate
  const clock2 = new VirtualClock();
  const r2 = await clock2.run(runOpenLoop(() => sleep(clock2, 1), { queryCount: 3, clock: clock2, rate: 50, requests: 10, durationMs: 60_000, ...NO_CI }));
  assert.is(r2.scheduled, 10);
  assert.is(r2.sentRate, 50);
  // the last request (k = 99) is intended at 1980 and fails at once
  assert.is(r.wallMs, 1980);
  assert.is(r.achievedRate, (94 * 1000) / 1980);
});

test('open loop: Poisson arrivals follow the seed', async () => {
  const run = async (seed: string) => {
    const clock = new VirtualClock();
    const times: number[] = [];
    await clock.run(
      runOpenLoop(
        async () => {
          times.push(clock.now());
          await sleep(clock, 1);
        },
        { queryCount: 3, clock, rate: 100, requests: 30, arrival: 'poisson', seed, ...NO_CI },
      ),
    );
    return times;
  };
  const a = await run('x');
  assert.equal(await run('x'), a);
  assert.not.equal(await run('y'), a);
  assert.equal(a, arrivalOffsets('poisson', 100, { requests: 30, durationMs: Infinity }, seededRng('x')));
});

test('open loop (real time): a 200 ms event-loop block is charged to the requests intended during it', async () => {
  let n = 0;
  const query = async () => {
    if (n++ === 20) {
      const until = performance.now() + 200;
      while (performance.now() < until) {
        // busy-wait: the event loop is blocked, no timer can fire
      }
    }
  };
  const r = await runOpenLoop(query, { queryCount: 1, clock: realClock, rate: 200, requests: 100, ...NO_CI });
  assert.is(r.counts.ok, 100);
  // lower bounds only (physics, not machine speed): the requests due in the first 150 ms of the block
  // (30 of them, one every 5 ms) were sent at least 50 ms late, and their latency includes that wait
  assert.ok(r.latency!.max >= 195, `max ${r.latency!.max}`);
  // with <= 200 samples the CDF holds every distinct value, so the share below 50 ms is exact
  const below = Math.max(0, ...r.cdf.filter((p) => p.value < 50).map((p) => p.p));
  const late = Math.round(100 * (1 - below));
  assert.ok(late >= 30, `late ${late}`);
});

test('open loop: options are validated', async () => {
  try {
    await runOpenLoop(async () => undefined, { queryCount: 1, rate: 10, arrival: 'burst' as 'poisson' });
    assert.unreachable();
  } catch (err) {
    assert.match(String(err), /invalid arrival: "burst" \(open-loop pass\); allowed: constant, poisson/);
  }
});

test.run();
