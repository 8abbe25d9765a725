import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createBudget, retryReason, withRetry } from '../../src/load/retry.js';
import { VecstageError } from '../../src/errors.js';

const policy = { maxAttempts: 5, baseMs: 100, capMs: 1000 };

test('retries 429/5xx/unavailable with full-jitter exponential backoff and counts every retry', async () => {
  const sleeps: number[] = [];
  const budget = createBudget(100);
  let calls = 0;
  const errors = [
    new VecstageError('BACKEND_UNAVAILABLE', 'x', { details: { status: 429 } }),
    new VecstageError('BACKEND_UNAVAILABLE', 'x', { details: { status: 503 } }),
    new VecstageError('BACKEND_UNAVAILABLE', 'connection refused'),
  ];
  const out = await withRetry(
    async () => {
      const e = errors[calls++];
      if (e) throw e;
      return 'ok';
    },
    policy,
    budget,
    { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
  );
  assert.is(out, 'ok');
  assert.equal(sleeps, [50, 100, 200]);
  assert.is(budget.used, 3);
  assert.equal(budget.byReason, { 'http 429': 1, 'http 503': 1, unavailable: 1 });
});

test('the backoff is capped', async () => {
  const sleeps: number[] = [];
  let calls = 0;
  await withRetry(
    async () => {
      if (calls++ < 4) throw new VecstageError('BACKEND_UNAVAILABLE', 'down');
      return 1;
    },
    { maxAttempts: 10, baseMs: 100, capMs: 300 },
    createBudget(10),
    { sleep: async (ms) => void sleeps.push(ms), random: () => 1 },
  );
  assert.equal(sleeps, [100, 200, 300, 300]);
});

test('input errors are never retried', async () => {
  let calls = 0;
  try {
    await withRetry(async () => {
      calls++;
      throw new VecstageError('INPUT', 'bad dimension', { details: { status: 400 } });
    }, policy, createBudget(10), { sleep: async () => {} });
    assert.unreachable();
  } catch (err) {
    assert.is((err as VecstageError).code, 'INPUT');
  }
  assert.is(calls, 1);
  assert.is(retryReason(new Error('boom')), undefined);
});

test('attempts and the shared budget bound the retries; the error keeps its code and says why', async () => {
  const budget = createBudget(3);
  const fail = () => withRetry(async () => { throw new VecstageError('BACKEND_UNAVAILABLE', 'down'); }, policy, budget, { sleep: async () => {} });
  try {
    await fail();
    assert.unreachable();
  } catch (err) {
    assert.is((err as VecstageError).code, 'BACKEND_UNAVAILABLE');
    assert.match((err as Error).message, 'retry budget is spent (3 retries)');
  }
  assert.is(budget.used, 3);
});

test('an error the adapter marks retryable: false is never retried, even when the backend is unavailable', () => {
  assert.is(retryReason(new VecstageError('BACKEND_UNAVAILABLE', 'embedded server exited', { details: { retryable: false } })), undefined);
  assert.is(retryReason(new VecstageError('BACKEND_UNAVAILABLE', 'x', { details: { status: 503, retryable: false } })), undefined);
  assert.is(retryReason(new VecstageError('BACKEND_UNAVAILABLE', 'socket hang up')), 'unavailable');
});

test.run();
