import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createMemoryBackend } from '../../../src/backends/memory/index.js';
import type { IndexProvenance, VectorBackend, VectorRecord } from '../../../src/backends/types.js';
import type { Metric } from '../../../src/config/types.js';
import { VecstageError } from '../../../src/errors.js';

function provenance(dimension: number, metric: Metric): IndexProvenance {
  return { model: 'm', dimension, metric, toolkitVersion: '0.0.0-test', createdAt: '2025-01-01T00:00:00.000Z', source: 'synthetic' };
}

async function make(metric: Metric = 'l2', dimension = 3): Promise<{ backend: VectorBackend; ix: Awaited<ReturnType<VectorBackend['createIndex']>> }> {
  const backend = createMemoryBackend();
  const ix = await backend.createIndex({ name: 'ix', dimension, metric, provenance: provenance(dimension, metric) });
  return { backend, ix };
}

const rec = (id: string, values: number[], metadata?: Record<string, string | number | boolean>): VectorRecord =>
  metadata ? { id, values: Float32Array.from(values), metadata } : { id, values: Float32Array.from(values) };

async function rejects(fn: () => Promise<unknown>, re: RegExp): Promise<void> {
  try {
    await fn();
  } catch (err) {
    assert.instance(err, VecstageError);
    assert.is((err as VecstageError).code, 'INPUT');
    assert.match((err as Error).message, re);
    return;
  }
  assert.unreachable(`expected an error matching ${re}`);
}

test('the slab grows past its first capacity and overwrites in place', async () => {
  const { ix } = await make('l2', 2);
  const many = Array.from({ length: 1000 }, (_, i) => rec(`r${i}`, [i, -i]));
  await ix.upsert(many);
  assert.is(await ix.count(), 1000);
  await ix.upsert([rec('r500', [0.25, 0.25], { tag: 'moved' })]);
  assert.is(await ix.count(), 1000, 'overwrite keeps the count');
  const [near] = await ix.query({ vector: Float32Array.from([0.25, 0.25]), topK: 1, includeMetadata: true });
  assert.equal(near, { id: 'r500', distance: 0, metadata: { tag: 'moved' } });
  const [far] = await ix.fetch(['r999']);
  assert.equal(Array.from(far!.values), [999, -999]);
  const ids = await ix.listIds({ limit: 1000 });
  assert.is(ids.ids[500], 'r500', 'the overwritten id keeps its place');
  assert.is(ids.cursor, undefined);
});

test('query: distances by metric, topK above count, filters, metadata only when asked', async () => {
  const { ix } = await make('cosine', 2);
  await ix.upsert([rec('east', [1, 0], { side: 'e' }), rec('north', [0, 2], { side: 'n' }), rec('ne', [1, 1], { side: 'e' })]);
  const got = await ix.query({ vector: Float32Array.from([2, 0]), topK: 10 });
  assert.equal(got.map((m) => m.id), ['east', 'ne', 'north']);
  assert.ok(Math.abs(got[1]!.distance - (1 - Math.SQRT1_2)) < 1e-6);
  assert.is(got[0]!.metadata, undefined);
  const filtered = await ix.query({ vector: Float32Array.from([0, 1]), topK: 10, filter: { side: 'e' }, includeMetadata: true });
  assert.equal(filtered.map((m) => [m.id, m.metadata]), [['ne', { side: 'e' }], ['east', { side: 'e' }]]);
  assert.equal(await ix.query({ vector: Float32Array.from([0, 1]), topK: 3, filter: { side: 'w' } }), []);
});

test('returned records and metadata are copies', async () => {
  const { ix } = await make('l2', 2);
  const r = rec('a', [1, 2], { t: 'x' });
  await ix.upsert([r]);
  r.values[0] = 99;
  r.metadata!.t = 'changed';
  const [got] = await ix.fetch(['a']);
  assert.equal([Array.from(got!.values), got!.metadata], [[1, 2], { t: 'x' }]);
  got!.values[1] = 42;
  assert.equal(Array.from((await ix.fetch(['a']))[0]!.values), [1, 2]);
});

test('a bad record rejects the whole batch with a message naming it', async () => {
  const { ix } = await make('l2', 2);
  await rejects(() => ix.upsert([rec('ok', [1, 1]), rec('bad', [1, Number.NaN])]), /invalid vector value \[1\]: "NaN".*"bad".*finite/);
  await rejects(() => ix.upsert([rec('', [1, 1])]), /invalid id: "" \(record 0/);
  await rejects(() => ix.upsert([rec('m', [1, 1], { nested: {} as unknown as string })]), /invalid metadata\.nested/);
  await rejects(() => ix.upsert([rec('d', [1, 1, 1])]), /invalid vector dimension: 3.*2 \(the index dimension\)/);
  assert.is(await ix.count(), 0, 'nothing was written');
});

test('query and listIds arguments are checked', async () => {
  const { ix } = await make('l2', 2);
  await ix.upsert([rec('a', [0, 0]), rec('b', [1, 1]), rec('c', [2, 2])]);
  await rejects(() => ix.query({ vector: Float32Array.from([0, 0]), topK: 0 }), /invalid topK: 0/);
  await rejects(() => ix.query({ vector: Float32Array.from([0, 0]), topK: 1, filter: { a: { $like: 'x' } } }), /invalid filter operator: "\$like"/);
  await rejects(() => ix.listIds({ cursor: 'zz', limit: 2 }), /invalid cursor: "zz"/);
  const first = await ix.listIds({ limit: 2 });
  assert.equal(first, { ids: ['a', 'b'], cursor: '2' });
  assert.equal(await ix.listIds({ cursor: first.cursor!, limit: 2 }), { ids: ['c'], cursor: undefined });
});

test('backend: version, listing with provenance, duplicate and missing names, drop, close', async () => {
  const { backend, ix } = await make('ip', 3);
  assert.match(await backend.version(), /^memory \(exact; (native|js) kernel/);
  assert.is(ix.limits.records, 10_000);
  assert.equal(await backend.listIndexes(), [{ name: 'ix', dimension: 3, metric: 'ip', count: 0, provenance: provenance(3, 'ip') }]);
  await rejects(() => backend.createIndex({ name: 'ix', dimension: 3, metric: 'ip', provenance: provenance(3, 'ip') }), /"ix" already exists/);
  await rejects(() => backend.createIndex({ name: 'y', dimension: 0, metric: 'ip', provenance: provenance(3, 'ip') }), /invalid dimension: 0/);
  await rejects(() => backend.createIndex({ name: 'y', dimension: 3, metric: 'dot' as Metric, provenance: provenance(3, 'ip') }), /invalid metric: "dot".*cosine, ip, l2/);
  await rejects(() => backend.openIndex('nope'), /"nope" does not exist.*existing: ix/);
  await backend.dropIndex('ix');
  await rejects(() => backend.dropIndex('ix'), /"ix" does not exist/);
  assert.equal(await backend.listIndexes(), []);
  await backend.close();
});

test.run();
