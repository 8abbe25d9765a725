import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createMemoryBackend } from '../../../src/backends/memory/index.js';
import type { Metadata, VectorIndex } from '../../../src/backends/types.js';
import { liveRows } from '../../../src/sampler/live-source/live-rows.js';
import type { RawRow } from '../../../src/sampler/types.js';

const prov = { model: 'm', dimension: 2, metric: 'cosine' as const, toolkitVersion: 't', createdAt: 'x' };

async function index(n: number): Promise<VectorIndex> {
  const ix = await createMemoryBackend().createIndex({ name: 'ix', dimension: 2, metric: 'cosine', provenance: prov });
  await ix.upsert(
    Array.from({ length: n }, (_, i) => ({
      id: `r${i}`,
      values: Float32Array.from([i + 1, 1]),
      metadata: (i % 2 ? { text: `t${i}`, tenant: 'a', vecstage_stratum: 'tenant=a', vecstage_tags: 'short_text' } : { tenant: 'b' }) as Metadata,
    })),
  );
  return ix;
}

async function collect(gen: AsyncIterable<RawRow>): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const r of gen) out.push(r);
  return out;
}

const tap = () => ({ bytes: 0, sha256: () => '' });

test('records become raw rows: mapped id and embedding columns, metadata keys, loader keys dropped, listing line', async () => {
  const ix = await index(5);
  const t = tap();
  const rows = await collect(liveRows({ index: ix, env: 'e', backend: 'memory', pageSize: 2 }, { idColumn: 'doc_id', embeddingColumn: 'vec', tap: t }));
  assert.equal(rows.map((r) => r.line), [1, 2, 3, 4, 5]);
  assert.equal(rows[0]!.fields, ['doc_id', 'vec', 'tenant']);
  assert.equal(rows[1]!.fields, ['doc_id', 'vec', 'text', 'tenant']);
  assert.equal(rows[1]!.values.slice(0, 1).concat(rows[1]!.values.slice(2)), ['r1', 't1', 'a']);
  assert.equal(Array.from(rows[1]!.values[1] as Float32Array), [2, 1]);
  // one fields array per key set (the validator caches its plan per array)
  assert.ok(rows[1]!.fields === rows[3]!.fields);
  assert.is(t.bytes, 5 * 2 * 4);
  assert.match(t.sha256(), /^[0-9a-f]{64}$/);
});

test('wanted: other records are empty stubs and never fetched; an id fetch does not return is an unparseable row', async () => {
  const real = await index(6);
  const fetched: string[] = [];
  const ix: VectorIndex = Object.assign(Object.create(real) as VectorIndex, {
    fetch: async (ids: string[]) => {
      fetched.push(...ids);
      return (await real.fetch(ids)).filter((r) => r.id !== 'r4');
    },
  });
  const wanted = new Set([1, 4]);
  const rows = await collect(liveRows({ index: ix, env: 'e', backend: 'memory', pageSize: 4 }, { idColumn: 'id', embeddingColumn: 'embedding', wanted, tap: tap() }));
  assert.equal(fetched, ['r1', 'r4']);
  assert.is(rows.length, 6);
  assert.equal(rows.filter((_, k) => !wanted.has(k)).map((r) => r.fields.length), [0, 0, 0, 0]);
  assert.is(rows[1]!.values[0], 'r1');
  assert.is(rows[4]!.error?.reason, 'unparseable_row');
  assert.match(rows[4]!.error!.detail, /"r4" was listed but fetch did not return it/);
});

test('shard: only the shard\'s ids are fetched; the others are counted outside', async () => {
  const ix = await index(300);
  const tally = { outside: 0 };
  const parts = [];
  for (let i = 1; i <= 3; i++) {
    tally.outside = 0;
    const rows = await collect(liveRows({ index: ix, env: 'e', backend: 'memory', pageSize: 50 }, { idColumn: 'id', embeddingColumn: 'embedding', shard: { index: i, count: 3 }, tally, tap: tap() }));
    assert.is(rows.length + tally.outside, 300);
    parts.push(...rows.map((r) => r.values[0] as string));
  }
  assert.equal(parts.sort(), Array.from({ length: 300 }, (_, i) => `r${i}`).sort());
});

test.run();
