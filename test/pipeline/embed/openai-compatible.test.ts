import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { VecstageError } from '../../../src/errors.js';
import { createEmbedder, embedTexts, hashingVector, seedOf, type EmbedStageOptions } from '../../../src/pipeline/embed/index.js';
import type { Embedder, EmbedderConfig } from '../../../src/pipeline/types.js';
import { decodeBase64Float32, parseEmbeddingsResponse } from '../../../src/pipeline/embed/response.js';
import { startEmbeddingsStandin, type EmbeddingsStandin, type EmbeddingsStandinOptions } from '../../helpers/embeddings-stand-in.js';

const KEY = 'sk-test-0123456789abcdefWXYZ';
const ENV = { EMBED_KEY: KEY };

function remote(url: string, over: Partial<Extract<EmbedderConfig, { kind: 'openai-compatible' }>> = {}): EmbedderConfig {
  return {
    kind: 'openai-compatible',
    url,
    model: 'text-embedding-3-small',
    dimension: undefined,
    sendDimensions: false,
    apiKeyEnv: 'EMBED_KEY',
    authHeader: 'bearer',
    batch: 4,
    concurrency: 2,
    timeoutMs: 5000,
    maxRetries: 4,
    encodingFormat: 'float',
    ...over,
  };
}

async function withStandin(o: EmbeddingsStandinOptions, fn: (s: EmbeddingsStandin) => Promise<void>): Promise<void> {
  const s = await startEmbeddingsStandin({ apiKey: KEY, ...o });
  try {
    await fn(s);
  } finally {
    await s.close();
  }
}

/** Virtual time: sleeps are recorded, never waited. */
function virtual(): Pick<EmbedStageOptions, 'sleep' | 'random'> & { sleeps: number[] } {
  const sleeps: number[] = [];
  return { sleeps, sleep: async (ms: number) => void sleeps.push(ms), random: () => 0.5 };
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

const expected = (text: string, model: string, dim: number): Float32Array =>
  hashingVector(text, { dimension: dim, ngrams: [1, 2], seed: seedOf(model), sublinearTf: true });

test('request and response shapes: POST <url>/embeddings, Bearer key, data placed by index, usage tokens', async () => {
  await withStandin({ shuffle: true, dimension: 32 }, async (s) => {
    const e = await createEmbedder(remote(s.url), { processEnv: ENV });
    const texts = ['alpha beta', 'gamma delta epsilon', 'zeta'];
    const r = await e.embed(texts);
    assert.is(s.last?.path, '/v1/embeddings');
    assert.is(s.last?.headers.authorization, `Bearer ${KEY}`);
    assert.is(s.last?.headers['content-type'], 'application/json');
    assert.equal(s.last?.body, { model: 'text-embedding-3-small', input: texts, encoding_format: 'float' });
    texts.forEach((t, i) => assert.equal(r.vectors[i], expected(t, 'text-embedding-3-small', 32), t));
    assert.is(r.tokens, 6);
    assert.is(e.dimension, 32);
  });
});

test('base64 encoding decodes to the same float32 vectors; sendDimensions sends `dimensions`', async () => {
  await withStandin({ dimension: 16 }, async (s) => {
    const e = await createEmbedder(remote(s.url, { encodingFormat: 'base64', dimension: 24, sendDimensions: true }), { processEnv: ENV });
    const r = await e.embed(['one two', 'three']);
    assert.equal(s.last?.body, { model: 'text-embedding-3-small', input: ['one two', 'three'], encoding_format: 'base64', dimensions: 24 });
    assert.equal(r.vectors[0], expected('one two', 'text-embedding-3-small', 24));
    assert.is(r.vectors[1]?.length, 24);
  });
});

test('responses are checked: base64 of non-finite floats or a ragged length, counts, indexes, dimensions', () => {
  const b64 = (xs: number[]): string => Buffer.from(Float32Array.from(xs).buffer).toString('base64');
  assert.equal(decodeBase64Float32(b64([1, -2.5, 0])), Float32Array.from([1, -2.5, 0]));
  assert.is(decodeBase64Float32(b64([1, Number.NaN])), undefined);
  assert.is(decodeBase64Float32(b64([Number.POSITIVE_INFINITY])), undefined);
  assert.is(decodeBase64Float32(Buffer.from([1, 2, 3]).toString('base64')), undefined);
  assert.is(decodeBase64Float32(''), undefined);
  const fails = (body: unknown, n: number): string => {
    try {
      parseEmbeddingsResponse(body, n, 'e');
    } catch (err) {
      return (err as Error).message;
    }
    return 'no error';
  };
  const item = (index: number, embedding: unknown) => ({ index, embedding });
  assert.is(fails({ data: [item(0, [1])] }, 2), 'e returned an unexpected response: 1 embeddings for 2 inputs');
  assert.is(fails({ data: [item(0, [1]), item(0, [2])] }, 2), 'e returned an unexpected response: index 0 appears twice');
  assert.is(fails({ data: [item(0, [1]), item(2, [2])] }, 2), 'e returned an unexpected response: data[1].index 2 is not in 0..1');
  assert.is(fails({ data: [item(0, [1]), item(1, [2, 3])] }, 2), 'e returned an unexpected response: embeddings of different dimensions in one response (1 and 2)');
  assert.is(fails({ data: [item(0, [1, null])] }, 1), 'e returned an unexpected response: data[0].embedding is not an array of finite numbers or a base64 float32 string');
  assert.is(fails({ object: 'list' }, 1), 'e returned an unexpected response: no data array');
  const ok = parseEmbeddingsResponse({ data: [item(1, b64([3, 4])), item(0, [1, 2])], usage: { total_tokens: 7 } }, 2, 'e');
  assert.equal(ok, { vectors: [Float32Array.from([1, 2]), Float32Array.from([3, 4])], tokens: 7 });
});

test('a url ending in /embeddings is used as is (Azure style, query kept, api-key header)', async () => {
  await withStandin({}, async (s) => {
    const url = `${s.origin}/openai/deployments/emb-small/embeddings?api-version=2024-02-01`;
    const e = await createEmbedder(remote(url, { authHeader: 'api-key' }), { processEnv: ENV });
    await e.embed(['hello']);
    assert.is(s.last?.path, '/openai/deployments/emb-small/embeddings?api-version=2024-02-01');
    assert.is(s.last?.headers['api-key'], KEY);
    assert.is(s.last?.headers.authorization, undefined);
  });
});

test('the stage batches by maxBatch, dedupes texts and keeps item order', async () => {
  await withStandin({ dimension: 8 }, async (s) => {
    const e = await createEmbedder(remote(s.url, { batch: 4 }), { processEnv: ENV });
    const items = Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, text: `text number ${i % 10}` }));
    const r = await embedTexts(items, { embedder: e, ...virtual() });
    assert.is(r.stats.uniqueTexts, 10);
    assert.is(r.stats.calls, 3);
    assert.is(r.stats.embedded, 10);
    assert.is(r.stats.tokens, 30);
    assert.is(s.counters.inputs, 10);
    assert.equal([...s.counters.inputsPerRequest].sort(), [2, 4, 4]);
    items.forEach((it, i) => assert.equal(r.vectors[i], expected(it.text, 'text-embedding-3-small', 8)));
  });
});

test('400 for an over-long input: the error names its key and the provider message; inputs before it are embedded', async () => {
  await withStandin({ maxInputTokens: 5 }, async (s) => {
    const e = await createEmbedder(remote(s.url, { batch: 8 }), { processEnv: ENV });
    const items = Array.from({ length: 8 }, (_, i) => ({ key: `doc-${i}#0`, text: i === 5 ? 'far too many words in this one chunk' : `short ${i}` }));
    const err = await failure(embedTexts(items, { embedder: e, ...virtual() }));
    assert.is(err.code, 'INPUT');
    assert.match(err.message, 'input "doc-5#0"');
    assert.match(err.message, 'HTTP 400');
    assert.match(err.message, "This model's maximum context length is 5 tokens");
    assert.equal(err.details?.keys, ['doc-5#0']);
    // [0..7] fails, [0..3] is embedded, [4..7] fails, [4,5] fails, [4] is embedded, [5] fails alone: the stage stops
    // there (a build that fails pays for no more), keeping the 5 neighbours it embedded on the way
    assert.is(s.counters.requests, 6);
    assert.is(s.counters.inputs, 5);
    assert.equal(s.counters.inputsPerRequest, [4, 1]);
    assert.is(s.counters.statuses['400'], 4);
  });
});

test('a 400 blaming another field than the input is not split: one request, the batch keys named', async () => {
  await withStandin({}, async (s) => {
    const e = await createEmbedder(remote(s.url, { batch: 8 }), { processEnv: ENV });
    s.inject({ kind: 'status', status: 400, message: "Invalid 'dimensions': this model does not support it.", param: 'dimensions' });
    const items = Array.from({ length: 8 }, (_, i) => ({ key: `c${i}`, text: `text ${i}` }));
    const err = await failure(embedTexts(items, { embedder: e, ...virtual() }));
    assert.is(err.code, 'INPUT');
    assert.match(err.message, "HTTP 400: Invalid 'dimensions': this model does not support it. (the batch of 8: \"c0\", \"c1\", \"c2\" and 5 more)");
    assert.is(err.details?.param, 'dimensions');
    assert.is(s.counters.requests, 1);
  });
});

test('a batch over the per-request token total is split until the halves fit; every input is embedded', async () => {
  await withStandin({ maxTotalTokens: 10, dimension: 8 }, async (s) => {
    const e = await createEmbedder(remote(s.url, { batch: 8 }), { processEnv: ENV });
    const items = Array.from({ length: 8 }, (_, i) => ({ key: `c${i}`, text: `two words${i}` }));
    const r = await embedTexts(items, { embedder: e, ...virtual() });
    // 16 tokens: [8] fails, [4] + [4] of 8 tokens each fit
    assert.equal(s.counters.inputsPerRequest, [4, 4]);
    assert.is(r.stats.calls, 3);
    items.forEach((it, i) => assert.equal(r.vectors[i], expected(it.text, 'text-embedding-3-small', 8)));
  });
});

test('401: a clear message with the variable name, never the key', async () => {
  await withStandin({}, async (s) => {
    const wrong = 'sk-wrong-9876543210fedcbaQRST';
    const e = await createEmbedder(remote(s.url), { processEnv: { EMBED_KEY: wrong } });
    const err = await failure(embedTexts([{ key: 'a', text: 'x' }], { embedder: e, ...virtual() }));
    assert.is(err.code, 'BACKEND_UNAVAILABLE');
    assert.match(err.message, 'HTTP 401 (the API key in $EMBED_KEY was rejected)');
    assert.match(err.message, 'Incorrect API key provided');
    for (const part of [wrong, wrong.slice(-4), wrong.slice(3, 12)]) assert.not.match(err.message, part);
    assert.not.match(JSON.stringify(err.details), wrong.slice(-4));
    assert.is(s.counters.requests, 1); // not retried
  });
});

test('a missing key variable is a usage error naming the variable', async () => {
  const err = await failure(createEmbedder(remote('http://127.0.0.1:9/v1'), { processEnv: {} }));
  assert.is(err.code, 'USAGE');
  assert.match(err.message, 'environment variable EMBED_KEY (named by apiKeyEnv) is not set');
});

test('429 with Retry-After (seconds, HTTP-date, retry-after-ms) is honoured and counted', async () => {
  await withStandin({}, async (s) => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    const e = await createEmbedder(remote(s.url), { processEnv: ENV, now: () => now });
    s.inject({ kind: 'status', status: 429, retryAfter: '2' }, 2);
    s.inject({ kind: 'status', status: 429, retryAfter: new Date(now + 7000).toUTCString() });
    s.inject({ kind: 'status', status: 429, retryAfterMs: 150, retryAfter: '1' });
    s.inject({ kind: 'status', status: 429, retryAfter: '3600' });
    const v = virtual();
    const r = await embedTexts([{ key: 'a', text: 'hello' }], { embedder: e, ...v, retry: { maxAttempts: 10, retryAfterCapMs: 30_000 } });
    assert.equal(v.sleeps, [2000, 2000, 7000, 150, 30_000]);
    assert.is(r.stats.retries, 5);
    assert.equal(r.stats.retriesByReason, { 'http 429': 5 });
    assert.is(r.stats.calls, 6);
    assert.is(s.counters.injected['429'], 5);
  });
});

test('5xx, a closed connection and a timeout are retried with full-jitter backoff', async () => {
  await withStandin({}, async (s) => {
    const e = await createEmbedder(remote(s.url, { timeoutMs: 200 }), { processEnv: ENV });
    s.inject({ kind: 'status', status: 500 });
    s.inject({ kind: 'status', status: 503 });
    s.inject({ kind: 'close' });
    s.inject({ kind: 'delay', ms: 1000 });
    const v = virtual();
    const r = await embedTexts([{ key: 'a', text: 'hello' }], { embedder: e, ...v, retry: { maxAttempts: 10 } });
    // random() = 0.5 of min(8000, 250 * 2^attempt)
    assert.equal(v.sleeps, [125, 250, 500, 1000]);
    const reasons = Object.keys(r.stats.retriesByReason).sort();
    assert.is(reasons.length, 4, JSON.stringify(r.stats.retriesByReason));
    assert.equal(reasons.filter((x) => x.startsWith('http')), ['http 500', 'http 503']);
    assert.ok(reasons.some((x) => x.startsWith('connection ')), JSON.stringify(reasons));
    assert.ok(reasons.includes('timeout'), JSON.stringify(reasons));
    assert.is(r.vectors.length, 1);
  });
});

test('retries end: the budget spent or the attempts used up give a clear error', async () => {
  await withStandin({}, async (s) => {
    const e = await createEmbedder(remote(s.url, { maxRetries: 10 }), { processEnv: ENV });
    s.inject({ kind: 'status', status: 503 }, 50);
    const err = await failure(embedTexts([{ key: 'a', text: 'x' }], { embedder: e, ...virtual(), retryBudget: 3 }));
    assert.is(err.code, 'BACKEND_UNAVAILABLE');
    assert.match(err.message, 'HTTP 503');
    assert.match(err.message, 'The server is overloaded or not ready yet.');
    assert.match(err.message, 'gave up: the retry budget is spent (3 retries in this run)');
    s.clearFaults();
    s.inject({ kind: 'status', status: 500 }, 50);
    const few = await createEmbedder(remote(s.url, { maxRetries: 1 }), { processEnv: ENV });
    const err2 = await failure(embedTexts([{ key: 'a', text: 'x' }], { embedder: few, ...virtual() }));
    assert.match(err2.message, 'gave up after 2 attempts');
  });
});

test('dimension mismatch with the contract is REFUSED naming both sides', async () => {
  await withStandin({ dimension: 768 }, async (s) => {
    const e: Embedder = await createEmbedder(remote(s.url), { processEnv: ENV });
    const err = await failure(embedTexts([{ key: 'doc-1#0', text: 'hello' }], { embedder: e, expectedDimension: 1536, contractLabel: 'environment "prod"', ...virtual() }));
    assert.is(err.code, 'REFUSED');
    assert.match(err.message, 'embedder text-embedding-3-small returned dimension 768, the embedding contract of environment "prod" says 1536');
    const plain = await failure(embedTexts([{ key: 'doc-1#0', text: 'hello' }], { embedder: e, expectedDimension: 1536, ...virtual() }));
    assert.match(plain.message, "returned dimension 768, the environment's embedding contract says 1536");
  });
});

test('a response of another dimension than declared is an input error', async () => {
  await withStandin({ dimension: 16 }, async (s) => {
    const e = await createEmbedder(remote(s.url, { dimension: 32 }), { processEnv: ENV });
    const err = await failure(e.embed(['x']));
    assert.is(err.code, 'INPUT');
    assert.match(err.message, 'returned dimension 16, its config declares 32');
  });
});

test('the stand-in enforces the API limits: 2048 inputs, a model, non-empty inputs', async () => {
  await withStandin({ maxInputs: 3 }, async (s) => {
    const e = await createEmbedder(remote(s.url, { batch: 2048 }), { processEnv: ENV });
    const err = await failure(e.embed(['a', 'b', 'c', 'd']));
    assert.match(err.message, 'HTTP 400: \'$.input\' is invalid: 4 inputs, at most 3 are allowed per request');
    assert.match((await failure(e.embed(['']))).message, 'an input must not be an empty string');
    const res = await fetch(`${s.url}/embeddings`, { method: 'POST', headers: { authorization: `Bearer ${KEY}` }, body: JSON.stringify({ input: 'x' }) });
    assert.is(res.status, 400);
    assert.equal(await res.json(), { error: { message: 'you must provide a model parameter', type: 'invalid_request_error', param: 'model', code: null } });
  });
});

test.run();
