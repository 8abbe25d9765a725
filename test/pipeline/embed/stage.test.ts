import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { VecstageError } from '../../../src/errors.js';
import { createBudget } from '../../../src/load/retry.js';
import { createEmbedder, createTokenBucket, embedTexts, hashingVector, seedOf } from '../../../src/pipeline/embed/index.js';
import type { EmbedResponse, Embedder, EmbedderConfig } from '../../../src/pipeline/types.js';
import { startEmbeddingsStandin } from '../../helpers/embeddings-stand-in.js';

const HASHING: EmbedderConfig = { kind: 'hashing', model: 'hashing-16', dimension: 16, ngrams: [1, 2], seed: 'vecstage', sublinearTf: true };
const hv = (t: string): Float32Array => hashingVector(t, { dimension: 16, ngrams: [1, 2], seed: seedOf('vecstage'), sublinearTf: true });
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

/**
 * An Embedder that records what the stage asks of it: the texts of every call, the calls in flight (each call
 * takes a few event-loop turns, so the stage's workers do overlap), and the clock at each call's start.
 */
function recording(maxBatch: number, now: () => number = () => 0, turns = 3) {
  const calls: string[][] = [];
  const startedAt: number[] = [];
  const state = { inFlight: 0, maxInFlight: 0 };
  const embedder: Embedder = {
    config: HASHING,
    model: 'recording',
    dimension: 16,
    maxBatch,
    identity: 'f'.repeat(64),
    async embed(texts: readonly string[]): Promise<EmbedResponse> {
      calls.push([...texts]);
      startedAt.push(now());
      state.inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      for (let i = 0; i < turns; i++) await tick();
      state.inFlight--;
      return { vectors: texts.map(hv), tokens: texts.length };
    },
  };
  return { embedder, calls, startedAt, state };
}

/** Virtual time: a sleep advances the clock, on the next event-loop turn (after the work already queued has run). */
function virtualClock() {
  const clock = { t: 0, sleeps: [] as number[] };
  return {
    clock,
    now: () => clock.t,
    sleep: (ms: number) =>
      new Promise<void>((r) =>
        setImmediate(() => {
          clock.sleeps.push(ms);
          clock.t += ms;
          r();
        }),
      ),
  };
}

async function failure(p: Promise<unknown>): Promise<VecstageError> {
  try {
    await p;
  } catch (err) {
    assert.instance(err, VecstageError);
    return err as VecstageError;
  }
  throw new Error('expected an error');
}

test('dedupe: each distinct text is embedded once, every item gets its vector, in item order', async () => {
  const r = recording(4);
  const texts = ['a b', 'c d', 'a b', 'e f', 'c d', 'a b', 'g h'];
  const items = texts.map((text, i) => ({ key: `k${i}`, text }));
  const progress: [number, number][] = [];
  const out = await embedTexts(items, { embedder: r.embedder, onProgress: (d, t) => progress.push([d, t]) });
  assert.equal(r.calls, [['a b', 'c d', 'e f', 'g h']]);
  texts.forEach((t, i) => assert.equal(out.vectors[i], hv(t), t));
  // one vector object per distinct text: items with the same text share it
  assert.ok(out.vectors[0] === out.vectors[2] && out.vectors[2] === out.vectors[5]);
  assert.equal(
    { items: out.stats.items, unique: out.stats.uniqueTexts, calls: out.stats.calls, embedded: out.stats.embedded, tokens: out.stats.tokens, hits: out.stats.cacheHits },
    { items: 7, unique: 4, calls: 1, embedded: 4, tokens: 4, hits: 0 },
  );
  // progress counts items: the repeats are done with their text
  assert.equal(progress, [[0, 7], [7, 7]]);
});

test('no items: no call, an empty result', async () => {
  const r = recording(4);
  const out = await embedTexts([], { embedder: r.embedder });
  assert.equal(out.vectors, []);
  assert.is(r.calls.length, 0);
  assert.is(out.stats.calls, 0);
});

test('the hashing embedder through the stage gives its own vectors', async () => {
  const e = await createEmbedder(HASHING);
  const items = Array.from({ length: 600 }, (_, i) => ({ key: String(i), text: `word${i % 300} shared words here` }));
  const out = await embedTexts(items, { embedder: e });
  assert.is(out.stats.calls, 2); // 300 distinct texts, 256 a call
  items.forEach((it, i) => assert.equal(out.vectors[i], hv(it.text)));
});

test('concurrency: at most N calls in flight, and N are reached', async () => {
  for (const concurrency of [1, 3]) {
    const r = recording(2);
    const items = Array.from({ length: 20 }, (_, i) => ({ key: String(i), text: `text ${i}` }));
    const out = await embedTexts(items, { embedder: r.embedder, concurrency });
    assert.is(r.calls.length, 10);
    assert.is(r.state.maxInFlight, concurrency, `concurrency ${concurrency}`);
    assert.is(out.stats.calls, 10);
  }
});

test('concurrency over HTTP: the config\'s concurrency bounds the requests the stand-in serves at once', async () => {
  const s = await startEmbeddingsStandin({ delayMs: 20, dimension: 8 });
  try {
    const cfg: EmbedderConfig = {
      kind: 'openai-compatible', url: s.url, model: 'm', dimension: undefined, sendDimensions: false, apiKeyEnv: undefined,
      authHeader: 'bearer', batch: 2, concurrency: 2, timeoutMs: 5000, maxRetries: 0, encodingFormat: 'float',
    };
    const e = await createEmbedder(cfg);
    const items = Array.from({ length: 16 }, (_, i) => ({ key: String(i), text: `text ${i}` }));
    const out = await embedTexts(items, { embedder: e });
    assert.is(s.counters.requests, 8);
    assert.ok(s.counters.maxInFlight <= 2, `max in flight ${s.counters.maxInFlight}`);
    assert.is(out.vectors.length, 16);
  } finally {
    await s.close();
  }
});

test('maxRps: calls start 1/rate apart on an injected clock, whichever worker makes them', async () => {
  const v = virtualClock();
  const r = recording(2, v.now);
  const items = Array.from({ length: 10 }, (_, i) => ({ key: String(i), text: `text ${i}` }));
  const out = await embedTexts(items, { embedder: r.embedder, concurrency: 3, maxRps: 5, now: v.now, sleep: v.sleep });
  assert.equal(r.startedAt, [0, 200, 400, 600, 800]);
  assert.is(out.stats.seconds, 0.8);
});

test('a shared rate limiter paces calls across stage calls; a burst lets that many go at once', async () => {
  const v = virtualClock();
  const r = recording(1, v.now);
  const bucket = createTokenBucket(10, { burst: 3, now: v.now, sleep: v.sleep });
  await embedTexts([{ key: 'a', text: 'a' }, { key: 'b', text: 'b' }], { embedder: r.embedder, rateLimiter: bucket, now: v.now, sleep: v.sleep });
  await embedTexts([{ key: 'c', text: 'c' }, { key: 'd', text: 'd' }, { key: 'e', text: 'e' }], { embedder: r.embedder, rateLimiter: bucket, now: v.now, sleep: v.sleep });
  assert.equal(r.startedAt, [0, 0, 0, 100, 200]);
  assert.throws(() => createTokenBucket(0), /rate must be a positive number, got 0/);
  assert.throws(() => createTokenBucket(Number.POSITIVE_INFINITY), /rate must be a positive number/);
});

test('a retry budget shared across stage calls: retries of the first count against the second', async () => {
  const s = await startEmbeddingsStandin({ dimension: 8 });
  try {
    const cfg: EmbedderConfig = {
      kind: 'openai-compatible', url: s.url, model: 'm', dimension: undefined, sendDimensions: false, apiKeyEnv: undefined,
      authHeader: 'bearer', batch: 8, concurrency: 1, timeoutMs: 5000, maxRetries: 10, encodingFormat: 'float',
    };
    const e = await createEmbedder(cfg);
    const budget = createBudget(3);
    const fast = { sleep: async () => undefined, random: () => 0 };
    s.inject({ kind: 'status', status: 502 }, 2);
    const first = await embedTexts([{ key: 'a', text: 'alpha' }], { embedder: e, budget, ...fast });
    assert.is(first.stats.retries, 2);
    assert.equal(budget.byReason, { 'http 502': 2 });
    s.inject({ kind: 'status', status: 502 }, 5);
    const err = await failure(embedTexts([{ key: 'b', text: 'beta' }], { embedder: e, budget, ...fast }));
    assert.match(err.message, 'gave up: the retry budget is spent (3 retries in this run)');
    assert.is(budget.remaining, 0);
  } finally {
    await s.close();
  }
});

test('an aborted signal stops the stage before any call; an abort in flight is not retried', async () => {
  const r = recording(2);
  const ac = new AbortController();
  ac.abort();
  const err = await failure(embedTexts([{ key: 'a', text: 'a' }], { embedder: r.embedder, signal: ac.signal }));
  assert.match(err.message, 'embedding aborted');
  assert.is(r.calls.length, 0);

  const s = await startEmbeddingsStandin({ delayMs: 2000 });
  try {
    const e = await createEmbedder({
      kind: 'openai-compatible', url: s.url, model: 'm', dimension: undefined, sendDimensions: false, apiKeyEnv: undefined,
      authHeader: 'bearer', batch: 8, concurrency: 1, timeoutMs: 5000, maxRetries: 5, encodingFormat: 'float',
    });
    const late = new AbortController();
    setTimeout(() => late.abort(), 50);
    const aborted = await failure(embedTexts([{ key: 'a', text: 'a' }], { embedder: e, signal: late.signal, sleep: async () => undefined }));
    assert.match(aborted.message, 'aborted');
    assert.is(s.counters.requests, 1);
  } finally {
    await s.close();
  }
});

test('an embedder that returns the wrong count is an error naming the batch keys', async () => {
  const e: Embedder = { ...recording(4).embedder, embed: async (texts) => ({ vectors: texts.slice(1).map(hv) }) };
  const err = await failure(embedTexts([{ key: 'doc-1#0', text: 'a' }, { key: 'doc-1#1', text: 'b' }], { embedder: e }));
  assert.is(err.code, 'INTERNAL');
  assert.match(err.message, 'returned 1 vectors for 2 texts (the batch of 2: "doc-1#0", "doc-1#1")');
  assert.equal(err.details?.keys, ['doc-1#0', 'doc-1#1']);
});

test.run();
