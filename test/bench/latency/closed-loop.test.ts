import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { realClock, sleep } from '../../../src/bench/latency/clock.js';
import { runSweep } from '../../../src/bench/latency/closed-loop.js';
import { VirtualClock } from '../../../src/bench/latency/virtual-clock.js';
import { sleeper } from './fakes.js';

test('closed loop (virtual time): QPS = c / service time at every level, exactly', async () => {
  const clock = new VirtualClock();
  const q = sleeper(clock, 5);
  const r = await clock.run(
    runSweep(q, { queryCount: 16, clock, concurrency: [1, 4, 16], durationMs: 1000, warmup: { requests: 3 }, bootstrap: false }),
  );
  assert.is(r.warmup.requests, 3);
  assert.equal(
    r.levels.map((l) => [l.concurrency, l.counts.requests, l.wallMs, l.qps]),
    [
      [1, 200, 1000, 200],
      [4, 800, 1000, 800],
      [16, 3200, 1000, 3200],
    ],
  );
  for (const l of r.levels) assert.equal([l.latency?.min, l.latency?.max], [5, 5]);
  assert.equal(JSON.parse(JSON.stringify(r)), r);
});

test('closed loop: workers start at spread-out queries and walk the golden set', async () => {
  const clock = new VirtualClock();
  const q = sleeper(clock, 1);
  await clock.run(runSweep(q, { queryCount: 16, clock, concurrency: [4], requests: 8, warmup: false }));
  // all four workers start at t0: offsets floor(w * 16 / 4); then each moves to its next query
  assert.equal(q.calls, [0, 4, 8, 12, 1, 5, 9, 13]);
});

test('closed loop: a request budget ends the level; errors and timeouts are counted, not timed', async () => {
  const clock = new VirtualClock();
  let n = 0;
  const query = async () => {
    const k = ++n;
    if (k % 20 === 0) {
      await sleep(clock, 1);
      throw new Error('every 20th fails');
    }
    if (k % 50 === 1) {
      await sleep(clock, 500); // beyond the 50 ms timeout
      return;
    }
    await sleep(clock, 10);
  };
  const r = await clock.run(runSweep(query, { queryCount: 10, clock, concurrency: [2], requests: 200, timeoutMs: 50, warmup: false }));
  const l = r.levels[0]!;
  assert.is(l.counts.requests, 200);
  assert.is(l.counts.errors, 10);
  assert.is(l.counts.timeouts, 4);
  assert.is(l.counts.ok, 186);
  assert.equal([l.latency?.min, l.latency?.max, l.latency?.count], [10, 10, 186]);
});

test('closed loop (real time, loose bound): QPS near c / service time against a setTimeout service', async () => {
  const service = 10;
  const c = 4;
  const r = await runSweep(sleeper(realClock, service), { queryCount: 4, concurrency: [c], durationMs: 400, warmup: false, bootstrap: false });
  const ideal = (c * 1000) / service;
  const qps = r.levels[0]!.qps;
  // setTimeout never fires meaningfully early; a loaded machine can make it much later, hence the wide band
  assert.ok(qps > ideal * 0.25 && qps < ideal * 1.25, `qps ${qps} vs ideal ${ideal}`);
});

test('closed loop against a loopback HTTP server: 500s are counted as errors, not latencies', async () => {
  let hits = 0;
  const server: Server = createServer((_req, res) => {
    hits++;
    res.statusCode = hits % 20 === 0 ? 500 : 200;
    res.end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  try {
    const query = async (i: number, signal: AbortSignal) => {
      const res = await fetch(`http://127.0.0.1:${port}/q/${i}`, { signal });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
    };
    const r = await runSweep(query, { queryCount: 5, concurrency: [1, 3], requests: 60, warmup: false, bootstrap: false });
    assert.is(hits, 120);
    for (const l of r.levels) {
      assert.is(l.counts.requests, 60);
      assert.is(l.counts.errors + l.counts.ok, 60);
      assert.is(l.latency?.count, l.counts.ok);
    }
    assert.is(r.levels[0]!.counts.errors + r.levels[1]!.counts.errors, 6);
    assert.equal(r.levels[0]!.counts.errorMessages, { 'HTTP 500': 3 });
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
});

test('closed loop: options are validated', async () => {
  try {
    await runSweep(async () => undefined, { queryCount: 1, concurrency: [1, 0] });
    assert.unreachable();
  } catch (err) {
    assert.match(String(err), /invalid concurrency: \[1,0\] \(closed-loop sweep\); allowed: a non-empty list of integers >= 1/);
  }
});

test.run();
