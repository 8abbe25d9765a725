import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createPacer } from '../../src/load/pacer.js';

function fakeClock() {
  let t = 0;
  const sleeps: number[] = [];
  return { sleeps, now: () => t, sleep: async (ms: number) => { sleeps.push(ms); t += ms; }, advance: (ms: number) => { t += ms; } };
}

test('calls start evenly spaced at the rate', async () => {
  const c = fakeClock();
  const pace = createPacer(4, c);
  const starts: number[] = [];
  for (let i = 0; i < 5; i++) {
    await pace();
    starts.push(c.now());
  }
  assert.equal(starts, [0, 250, 500, 750, 1000]);
});

test('a pause earns no burst afterwards', async () => {
  const c = fakeClock();
  const pace = createPacer(10, c);
  await pace();
  c.advance(5000);
  await pace();
  await pace();
  assert.equal(c.sleeps, [100]);
});

test('a rate that is not positive is refused', () => {
  assert.throws(() => createPacer(0), /positive/);
  assert.throws(() => createPacer(Number.NaN), /positive/);
});

test.run();
