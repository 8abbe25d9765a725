import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createPineconeBackend } from '../../../src/backends/pinecone/index.js';
import { VecstageError } from '../../../src/errors.js';
import { startPineconeStandin } from '../../helpers/pinecone-standin/index.js';
import { API_KEY_ENV, provenance, standinBackend, vec } from './harness.js';

const spec = { name: 'faults', dimension: 2, metric: 'cosine' as const, provenance: provenance(2, 'cosine') };

async function errorOf(p: Promise<unknown>): Promise<VecstageError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.instance(err, VecstageError);
  return err as VecstageError;
}

test('429 storm: each call fails with status 429, retryable, counted; then traffic flows again', async () => {
  const { server, backend } = await standinBackend();
  try {
    const idx = await backend.createIndex(spec);
    await idx.upsert([{ id: 'a', values: vec(1, 0) }]);
    server.knobs.set({ storm429: 3 });
    for (let i = 0; i < 3; i++) {
      const err = await errorOf(idx.query({ vector: vec(1, 0), topK: 1 }));
      assert.is(err.code, 'BACKEND_UNAVAILABLE');
      assert.equal([err.details?.status, err.details?.retryable, err.details?.op], [429, true, 'query']);
      assert.match(err.message, /HTTP 429 \(rate limited\)/);
    }
    assert.equal((await idx.query({ vector: vec(1, 0), topK: 1 })).map((m) => m.id), ['a']);
    const s = backend.stats();
    assert.is(s.errors, 3);
    assert.is(s.byStatus['429'], 3);
    assert.is(s.retries, 0, 'the SDK does not retry 429');
    assert.is(server.counters.injected['429'], 3);
  } finally {
    await server.close();
  }
});

test('5% of queries fail (seeded): every failure surfaces with its status and is counted', async () => {
  const { server, backend } = await standinBackend();
  try {
    const idx = await backend.createIndex(spec);
    await idx.upsert([{ id: 'a', values: vec(1, 0) }]);
    server.knobs.set({ seed: 7, queryFailRate: 0.05 });
    let failed = 0;
    for (let i = 0; i < 200; i++) {
      try {
        await idx.query({ vector: vec(1, 0), topK: 1 });
      } catch (err) {
        assert.instance(err, VecstageError);
        assert.equal([(err as VecstageError).details?.status, (err as VecstageError).details?.retryable], [500, true]);
        failed += 1;
      }
    }
    assert.ok(failed > 0 && failed < 30, `about 5% of 200 failed: ${failed}`);
    assert.is(failed, server.counters.injected.query);
    assert.is(backend.stats().errors, failed);
    assert.is(backend.stats().retries, 0);
  } finally {
    await server.close();
  }
});

test('SDK retries of 5xx are bounded and counted; the final error keeps status 503', async () => {
  const server = await startPineconeStandin({ apiKey: 'k' });
  try {
    const backend = await createPineconeBackend(
      { kind: 'pinecone', apiKeyEnv: API_KEY_ENV, controllerHostUrl: server.url, cloud: 'aws', region: 'us-east-1' },
      { env: { [API_KEY_ENV]: 'k' }, sdkMaxRetries: 2, readyPollMs: 10 },
    );
    const idx = await backend.createIndex(spec);
    server.knobs.set({ rate5xx: 1, status5xx: 503 });
    const before = backend.stats().requests;
    const err = await errorOf(idx.count());
    assert.equal([err.code, err.details?.status, err.details?.retryable], ['BACKEND_UNAVAILABLE', 503, true]);
    const s = backend.stats();
    assert.is(s.requests - before, 3, 'one request and two SDK retries');
    assert.is(s.retries, 2);
    assert.is(server.counters.requests.describe_index_stats, 3);
  } finally {
    await server.close();
  }
});

test('slow responses beyond the request timeout: retryable error without a status', async () => {
  const server = await startPineconeStandin({ apiKey: 'k' });
  try {
    const backend = await createPineconeBackend(
      { kind: 'pinecone', apiKeyEnv: API_KEY_ENV, controllerHostUrl: server.url, cloud: 'aws', region: 'us-east-1' },
      { env: { [API_KEY_ENV]: 'k' }, requestTimeoutMs: 100 },
    );
    server.knobs.set({ delayMs: 1000 });
    const err = await errorOf(backend.listIndexes());
    assert.is(err.code, 'BACKEND_UNAVAILABLE');
    assert.is(err.details?.retryable, true);
    assert.is(err.details?.status, undefined);
    assert.is(backend.stats().byStatus.connection, 1);
  } finally {
    await server.close();
  }
});

test('nothing listening: connection error is BACKEND_UNAVAILABLE and retryable', async () => {
  const server = await startPineconeStandin();
  const url = server.url;
  await server.close();
  const backend = await createPineconeBackend(
    { kind: 'pinecone', apiKeyEnv: API_KEY_ENV, controllerHostUrl: url, cloud: 'aws', region: 'us-east-1' },
    { env: { [API_KEY_ENV]: 'k' } },
  );
  const err = await errorOf(backend.listIndexes());
  assert.equal([err.code, err.details?.retryable], ['BACKEND_UNAVAILABLE', true]);
  assert.match(err.message, /no response/);
});

test('host override: data calls go to config.host, not the described host', async () => {
  const { server, backend } = await standinBackend();
  const other = await startPineconeStandin({ apiKey: 'test-key' });
  try {
    await backend.createIndex(spec);
    other.indexes.set('faults', { ...server.indexes.get('faults')!, namespaces: new Map() });
    const viaOverride = await createPineconeBackend(
      { kind: 'pinecone', apiKeyEnv: API_KEY_ENV, controllerHostUrl: server.url, host: other.hostFor('faults'), cloud: 'aws', region: 'us-east-1' },
      { env: { [API_KEY_ENV]: 'test-key' } },
    );
    const idx = await viaOverride.openIndex('faults');
    await idx.upsert([{ id: 'x', values: vec(0, 1) }]);
    assert.is(other.counters.requests.upsert, 1);
    assert.is(server.counters.requests.upsert, undefined);
  } finally {
    await server.close();
    await other.close();
  }
});

test.run();
