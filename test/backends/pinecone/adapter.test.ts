import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { VecstageError } from '../../../src/errors.js';
import { createPineconeBackend } from '../../../src/backends/pinecone/index.js';
import { standinBackend, provenance, vec, API_KEY_ENV } from './harness.js';

test('create, upsert, query, fetch, count, list, describe, drop through the SDK', async () => {
  const { server, backend } = await standinBackend();
  try {
    const idx = await backend.createIndex({ name: 'docs-v1', dimension: 3, metric: 'cosine', provenance: provenance(3, 'cosine') });
    assert.is(idx.dimension, 3);
    await idx.upsert([
      { id: 'a', values: vec(1, 0, 0), metadata: { tenant: 'acme', year: 2020 } },
      { id: 'b', values: vec(0, 1, 0), metadata: { tenant: 'beta', year: 2022 } },
      { id: 'c', values: vec(1, 1, 0), metadata: { tenant: 'acme', year: 2024 } },
    ]);
    assert.is(await idx.count(), 3);
    const hits = await idx.query({ vector: vec(1, 0, 0), topK: 2, includeMetadata: true });
    assert.equal(hits.map((h) => h.id), ['a', 'c']);
    assert.ok(Math.abs((hits[0]?.distance ?? -1) - 0) < 1e-6);
    assert.ok(Math.abs((hits[1]?.distance ?? -1) - (1 - Math.SQRT1_2)) < 1e-6);
    assert.equal(hits[0]?.metadata, { tenant: 'acme', year: 2020 });
    const filtered = await idx.query({ vector: vec(1, 0, 0), topK: 10, filter: { tenant: 'acme', year: { $gte: 2021 } } });
    assert.equal(filtered.map((h) => h.id), ['c']);
    const got = await idx.fetch(['c', 'missing', 'a']);
    assert.equal(got.map((r) => r.id), ['c', 'a']);
    assert.equal(Array.from(got[0]?.values ?? []), [1, 1, 0]);
    const page1 = await idx.listIds({ limit: 2 });
    assert.equal(page1.ids, ['a', 'b']);
    assert.ok(page1.cursor);
    const page2 = await idx.listIds({ limit: 2, cursor: page1.cursor });
    assert.equal(page2, { ids: ['c'], cursor: undefined });
    const info = await idx.describe();
    assert.equal(info.provenance, provenance(3, 'cosine'));
    assert.is(info.count, 3);
    const all = await backend.listIndexes();
    assert.equal(all.map((i) => [i.name, i.count]), [['docs-v1', 3]]);
    await backend.dropIndex('docs-v1');
    assert.equal(await backend.listIndexes(), []);
    assert.is(server.counters.apiVersions['2026-04'] !== undefined, true);
  } finally {
    await server.close();
  }
});

test('distance convention: ip -> 1 - dot, l2 -> squared euclidean', async () => {
  const { server, backend } = await standinBackend();
  try {
    const ip = await backend.createIndex({ name: 'ip', dimension: 2, metric: 'ip', provenance: provenance(2, 'ip') });
    await ip.upsert([{ id: 'x', values: vec(2, 3) }]);
    const [m] = await ip.query({ vector: vec(1, 1), topK: 1 });
    assert.is(m?.distance, 1 - 5);
    const l2 = await backend.createIndex({ name: 'l2', dimension: 2, metric: 'l2', provenance: provenance(2, 'l2') });
    await l2.upsert([{ id: 'x', values: vec(2, 3) }, { id: 'y', values: vec(0, 0) }]);
    const res = await l2.query({ vector: vec(1, 1), topK: 2 });
    assert.equal(res, [{ id: 'y', distance: 2 }, { id: 'x', distance: 5 }]);
    assert.is((await backend.openIndex('l2')).metric, 'l2');
  } finally {
    await server.close();
  }
});

test('namespace from config scopes every data call', async () => {
  const { server, backend } = await standinBackend({ namespace: 'team-a' });
  try {
    const idx = await backend.createIndex({ name: 'ns', dimension: 2, metric: 'cosine', provenance: provenance(2, 'cosine') });
    await idx.upsert([{ id: 'x', values: vec(1, 0) }]);
    assert.is(await idx.count(), 1);
    assert.equal([...(server.indexes.get('ns')?.namespaces.keys() ?? [])], ['team-a']);
  } finally {
    await server.close();
  }
});

test('waits for readiness: the index reports ready only after the delay knob', async () => {
  // a clock that advances 400 ms per reading: create reads 0 (ready at 1000) and 400 (its response);
  // describes read 800 (Initializing) and 1200 (Ready)
  let tick = 0;
  const { server, backend } = await standinBackend({ knobs: { readyAfterMs: 1000 }, now: () => 400 * tick++ });
  try {
    await backend.createIndex({ name: 'slow', dimension: 2, metric: 'cosine', provenance: provenance(2, 'cosine') });
    assert.is(server.counters.requests.describe_index, 2);
  } finally {
    await server.close();
  }
});

test('missing API key env var: error names the variable', async () => {
  try {
    await createPineconeBackend({ kind: 'pinecone', apiKeyEnv: 'NOPE_PINECONE_KEY', cloud: 'aws', region: 'us-east-1' }, { env: {} });
    assert.unreachable();
  } catch (err) {
    assert.instance(err, VecstageError);
    assert.match((err as Error).message, 'NOPE_PINECONE_KEY');
  }
});

test('wrong API key: 401 surfaced, key never printed', async () => {
  const { server } = await standinBackend();
  try {
    const bad = await createPineconeBackend(
      { kind: 'pinecone', apiKeyEnv: API_KEY_ENV, controllerHostUrl: server.url, cloud: 'aws', region: 'us-east-1' },
      { env: { [API_KEY_ENV]: 'sekrit-value-123' } },
    );
    const err = (await bad.listIndexes().catch((e: unknown) => e)) as VecstageError;
    assert.instance(err, VecstageError);
    assert.is(err.details?.status, 401);
    assert.match(err.message, API_KEY_ENV);
    assert.not.match(err.message, 'sekrit');
    assert.not.match(JSON.stringify(err.details), 'sekrit');
  } finally {
    await server.close();
  }
});

test('unknown index: openIndex throws INPUT with status 404', async () => {
  const { server, backend } = await standinBackend();
  try {
    const err = (await backend.openIndex('nope').catch((e: unknown) => e)) as VecstageError;
    assert.is(err.code, 'INPUT');
    assert.is(err.details?.status, 404);
  } finally {
    await server.close();
  }
});

test('creating an existing index: 409 surfaced', async () => {
  const { server, backend } = await standinBackend();
  try {
    await backend.createIndex({ name: 'dup', dimension: 2, metric: 'cosine', provenance: provenance(2, 'cosine') });
    const err = (await backend.createIndex({ name: 'dup', dimension: 2, metric: 'cosine', provenance: provenance(2, 'cosine') }).catch((e: unknown) => e)) as VecstageError;
    assert.is(err.details?.status, 409);
    assert.is(err.details?.retryable, false);
    assert.match(err.message, 'already exists');
  } finally {
    await server.close();
  }
});

test('version names SDK and API version', async () => {
  const { server, backend } = await standinBackend();
  try {
    assert.match(await backend.version(), /^@pinecone-database\/pinecone 8\.\d+\.\d+ \(REST API 2026-04\)$/);
  } finally {
    await server.close();
  }
});

test.run();
