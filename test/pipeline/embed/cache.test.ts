import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { appendFileSync, mkdtempSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VecstageError } from '../../../src/errors.js';
import { createEmbedder, embedTexts, hashingVector, openEmbedCache, seedOf, textHash } from '../../../src/pipeline/embed/index.js';
import type { EmbedderConfig } from '../../../src/pipeline/types.js';
import { startEmbeddingsStandin, type EmbeddingsStandin } from '../../helpers/embeddings-stand-in.js';

const ID = 'ab'.repeat(32);
const DIM = 8;
const vec = (seed: number): Float32Array => Float32Array.from({ length: DIM }, (_, i) => Math.sin(seed * 7 + i));

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    assert.instance(err, Error);
    return err as Error;
  }
  throw new Error('expected a rejection');
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'vecstage-embed-cache-'));
}

function segments(dir: string): string[] {
  return readdirSync(join(dir, ID))
    .filter((n) => n.endsWith('.seg'))
    .sort()
    .map((n) => join(dir, ID, n));
}

function remote(url: string, batch: number): EmbedderConfig {
  return {
    kind: 'openai-compatible', url, model: 'text-embedding-3-small', dimension: 32, sendDimensions: false, apiKeyEnv: undefined,
    authHeader: 'bearer', batch, concurrency: 2, timeoutMs: 5000, maxRetries: 2, encodingFormat: 'float',
  };
}

async function withStandin(fn: (s: EmbeddingsStandin) => Promise<void>): Promise<void> {
  const s = await startEmbeddingsStandin({ dimension: 32 });
  try {
    await fn(s);
  } finally {
    await s.close();
  }
}

test('textHash is the sha256 hex of the UTF-8 text', () => {
  assert.is(textHash('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.is.not(textHash('café'), textHash('cafe\u0301')); // no normalisation: other bytes, another chunk
});

test('put, flush, reopen: every vector comes back bit for bit; the first write of a hash wins', async () => {
  const dir = tempDir();
  try {
    const a = await openEmbedCache(dir, ID);
    for (let i = 0; i < 100; i++) a.put(textHash(`t${i}`), vec(i));
    a.put(textHash('t0'), vec(999)); // ignored
    assert.is(a.size, 100);
    assert.equal(a.get(textHash('t5')), vec(5)); // pending, already visible
    await a.close();

    const b = await openEmbedCache(dir, ID);
    assert.is(b.size, 100);
    assert.is(b.dimension, DIM);
    for (let i = 0; i < 100; i++) assert.equal(b.get(textHash(`t${i}`)), vec(i), `t${i}`);
    assert.is(b.get(textHash('never put')), undefined);
    // a second session writes its own segment
    b.put(textHash('later'), vec(1000));
    await b.close();
    assert.is(segments(dir).length, 2);
    const c = await openEmbedCache(dir, ID);
    assert.equal(c.get(textHash('later')), vec(1000));
    assert.equal(c.get(textHash('t0')), vec(0));
    await c.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a torn tail record (a kill mid-write) is ignored on open; the records before it are kept', async () => {
  const dir = tempDir();
  try {
    const a = await openEmbedCache(dir, ID);
    for (let i = 0; i < 10; i++) a.put(textHash(`t${i}`), vec(i));
    await a.close();
    const [seg] = segments(dir);
    const record = 32 + DIM * 4;
    assert.is(statSync(seg!).size, 16 + 10 * record);
    // a kill during the last write: the last record lost its last 5 bytes
    truncateSync(seg!, 16 + 10 * record - 5);
    const b = await openEmbedCache(dir, ID);
    assert.is(b.size, 9);
    for (let i = 0; i < 9; i++) assert.equal(b.get(textHash(`t${i}`)), vec(i));
    assert.is(b.get(textHash('t9')), undefined);

    // the lost vector is simply embedded again, into a new segment (a killed session's file is never appended to)
    b.put(textHash('t9'), vec(9));
    await b.close();
    const fresh = segments(dir).find((p) => p !== seg)!;
    assert.is(statSync(fresh).size, 16 + record);
    // a kill after half of the next record reached the file
    appendFileSync(fresh, Buffer.alloc(record / 2, 0xff));
    const d = await openEmbedCache(dir, ID);
    assert.is(d.size, 10);
    for (let i = 0; i < 10; i++) assert.equal(d.get(textHash(`t${i}`)), vec(i));
    await d.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('segments of another dimension or with a broken header are ignored and counted', async () => {
  const dir = tempDir();
  try {
    const a = await openEmbedCache(dir, ID, DIM);
    a.put(textHash('x'), vec(1));
    await a.close();
    const wide = await openEmbedCache(dir, ID, 4);
    assert.is(wide.ignoredSegments, 1);
    assert.is(wide.get(textHash('x')), undefined);
    assert.throws(() => wide.put(textHash('y'), vec(2)), /holds dimension 4, got a vector of 8/);
    await wide.close();
    writeFileSync(join(dir, ID, '0-broken.seg'), 'not a segment');
    const b = await openEmbedCache(dir, ID);
    assert.is(b.ignoredSegments, 1);
    assert.equal(b.get(textHash('x')), vec(1));
    await b.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad keys are refused: a non-hex identity, a text hash that is not 64 hex digits', async () => {
  const dir = tempDir();
  try {
    assert.match((await rejection(openEmbedCache(dir, '../escape'))).message, 'invalid embedder identity for the cache');
    const c = await openEmbedCache(dir, ID);
    assert.throws(() => c.put('abc', vec(1)), /allowed: 64 hex digits/);
    await c.close();
    assert.throws(() => c.put(textHash('late'), vec(1)), /is closed/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('puts are flushed in the background past flushBytes, without waiting for flush()', async () => {
  const dir = tempDir();
  try {
    const a = await openEmbedCache(dir, ID, DIM, { flushBytes: 3 * (32 + DIM * 4) });
    for (let i = 0; i < 3; i++) a.put(textHash(`t${i}`), vec(i));
    await new Promise((r) => setTimeout(r, 50));
    const [seg] = segments(dir);
    assert.is(statSync(seg!).size, 16 + 3 * (32 + DIM * 4));
    await a.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the stage reads hits from the cache, writes misses to it; a reopened cache serves them all', async () => {
  await withStandin(async (s) => {
    const dir = tempDir();
    try {
      const e = await createEmbedder(remote(s.url, 4));
      const items = Array.from({ length: 10 }, (_, i) => ({ key: `c${i}`, text: `chunk text ${i}` }));
      const c1 = await openEmbedCache(dir, e.identity, e.dimension);
      const first = await embedTexts(items, { embedder: e, cache: c1 });
      await c1.close();
      assert.equal([first.stats.cacheHits, first.stats.embedded, s.counters.inputs], [0, 10, 10]);

      s.resetCounters();
      const c2 = await openEmbedCache(dir, e.identity, e.dimension);
      const second = await embedTexts(items, { embedder: e, cache: c2 });
      await c2.close();
      assert.equal([second.stats.cacheHits, second.stats.embedded, second.stats.calls, s.counters.requests], [10, 0, 0, 0]);
      assert.equal(second.vectors, first.vectors);
      const want = hashingVector('chunk text 3', { dimension: 32, ngrams: [1, 2], seed: seedOf('text-embedding-3-small'), sublinearTf: true });
      assert.equal(second.vectors[3], want);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('a second strategy whose chunks are 50% shared makes <= 55% of the first build\'s calls', async () => {
  await withStandin(async (s) => {
    const dir = tempDir();
    try {
      const e = await createEmbedder(remote(s.url, 16));
      const words = (i: number, tag: string): string => `${tag} chunk ${i} about topic ${i % 17} with detail ${(i * 31) % 101}`;
      const first = Array.from({ length: 800 }, (_, i) => ({ key: `doc-${i >> 2}#${i & 3}`, text: words(i, 'fixed') }));
      // every other chunk of the second strategy is one the first already embedded
      const second = Array.from({ length: 800 }, (_, i) => ({ key: `doc-${i >> 2}#${i & 3}`, text: i % 2 === 0 ? words(i, 'fixed') : words(i, 'window') }));

      const c1 = await openEmbedCache(dir, e.identity, e.dimension);
      const a = await embedTexts(first, { embedder: e, cache: c1 });
      await c1.close();
      const firstRequests = s.counters.requests;
      const firstInputs = s.counters.inputs;
      assert.equal([firstRequests, firstInputs, a.stats.calls], [50, 800, 50]);

      s.resetCounters();
      const c2 = await openEmbedCache(dir, e.identity, e.dimension);
      const b = await embedTexts(second, { embedder: e, cache: c2 });
      await c2.close();
      assert.equal([b.stats.cacheHits, b.stats.embedded, s.counters.inputs], [400, 400, 400]);
      const ratio = s.counters.requests / firstRequests;
      assert.ok(ratio <= 0.55, `second build made ${s.counters.requests} requests, the first ${firstRequests} (${ratio.toFixed(3)})`);
      assert.is(s.counters.requests, 25);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('a cached vector of another dimension than the contract is refused before any call', async () => {
  await withStandin(async (s) => {
    const dir = tempDir();
    try {
      const e = await createEmbedder(remote(s.url, 4));
      const c = await openEmbedCache(dir, e.identity, 32);
      await embedTexts([{ key: 'k', text: 'hello' }], { embedder: e, cache: c });
      s.resetCounters();
      const err = await rejection(embedTexts([{ key: 'k', text: 'hello' }], { embedder: e, cache: c, expectedDimension: 64, contractLabel: 'environment "staging"' }));
      assert.instance(err, VecstageError);
      assert.is((err as VecstageError).code, 'REFUSED');
      assert.match((err as VecstageError).message, 'returned dimension 32, the embedding contract of environment "staging" says 64');
      assert.is(s.counters.requests, 0);
      await c.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('a stage that fails part way keeps what it embedded in the cache', async () => {
  await withStandin(async (s) => {
    const dir = tempDir();
    try {
      const e = await createEmbedder({ ...remote(s.url, 4), concurrency: 1, maxRetries: 0 } as EmbedderConfig);
      const items = Array.from({ length: 12 }, (_, i) => ({ key: `c${i}`, text: `chunk ${i}` }));
      const c = await openEmbedCache(dir, e.identity, 32);
      // the third request fails for good: two batches (8 texts) were embedded before it
      s.inject({ kind: 'delay', ms: 0 }, 2);
      s.inject({ kind: 'status', status: 503 });
      assert.match((await rejection(embedTexts(items, { embedder: e, cache: c }))).message, 'HTTP 503');
      await c.close();
      const again = await openEmbedCache(dir, e.identity, 32);
      assert.is(again.size, 8);
      s.resetCounters();
      const r = await embedTexts(items, { embedder: e, cache: again });
      assert.equal([r.stats.cacheHits, s.counters.inputs], [8, 4]);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test.run();
