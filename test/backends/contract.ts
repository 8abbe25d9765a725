/**
 * The VectorIndex contract: the same cases run against every adapter (memory, chroma, pinecone), so adapters
 * agree on distances, filters, paging, chunking and errors. `contract(name, make)` registers one uvu suite;
 * a case can be skipped only with a reason, which is printed.
 *
 * The data are small and seeded (40 x 8 floats, no distance ties) and k is at most 40, so an HNSW index answers
 * exactly and results can be compared id for id with a brute-force float64 reference.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Metric } from '../../src/config/types.js';
import { exactDistance } from '../../src/backends/distance.js';
import { matchesFilter } from '../../src/backends/filter.js';
import type { IndexProvenance, Metadata, MetadataFilter, VectorBackend, VectorIndex, VectorRecord } from '../../src/backends/types.js';
import { VecstageError } from '../../src/errors.js';
import { seededRandom } from '../../src/random.js';

export interface ContractSubject {
  backend: VectorBackend;
  cleanup(): Promise<void>;
}

export interface ContractOptions {
  /** case name -> reason; the reason is printed when the suite runs */
  skip?: Record<string, string>;
  /** for eventually consistent backends: how long to poll count() after writes @default 0 (read once) */
  settleTimeoutMs?: number;
}

export const CASES = [
  'lifecycle',
  'provenance',
  'upsert-count',
  'upsert-idempotent',
  'overwrite',
  'query-cosine',
  'query-ip',
  'query-l2',
  'query-metadata',
  'filter-eq',
  'filter-in',
  'filter-range',
  'filter-and-or',
  'filter-ne-nin',
  'filter-missing-field',
  'fetch',
  'list-ids',
  'large-batch',
  'dimension-mismatch',
  'duplicate-name',
  'open-missing',
] as const;
export type ContractCase = (typeof CASES)[number];

const DIM = 8;
const N = 40;
const TENANTS = ['acme', 'globex', 'initech'];

export function contract(name: string, make: () => Promise<ContractSubject>, opts: ContractOptions = {}): void {
  const skip = opts.skip ?? {};
  for (const key of Object.keys(skip)) {
    if (!(CASES as readonly string[]).includes(key)) throw new Error(`contract(${name}): unknown case to skip: ${key}; cases: ${CASES.join(', ')}`);
    if (!skip[key]?.trim()) throw new Error(`contract(${name}): skipping ${key} needs a reason`);
  }
  const s = suite(`contract: ${name}`);
  let subject: ContractSubject | undefined;
  const created = new Set<string>();
  const readOnly = new Map<Metric, Promise<VectorIndex>>();
  const backend = (): VectorBackend => {
    if (!subject) throw new Error('contract: backend not started');
    return subject.backend;
  };

  /** Creates an index this suite drops afterwards; an index left by a crashed earlier run is dropped first. */
  async function create(index: string, metric: Metric, dimension = DIM): Promise<VectorIndex> {
    const b = backend();
    if ((await b.listIndexes()).some((i) => i.name === index)) await b.dropIndex(index);
    const ix = await b.createIndex({ name: index, dimension, metric, provenance: provenance(dimension, metric) });
    created.add(index);
    return ix;
  }

  async function settled(ix: VectorIndex, expected: number): Promise<number> {
    const deadline = Date.now() + (opts.settleTimeoutMs ?? 0);
    for (;;) {
      const n = await ix.count();
      if (n === expected || Date.now() >= deadline) return n;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** One loaded index per metric, shared by the read-only cases. */
  function loaded(metric: Metric): Promise<VectorIndex> {
    let p = readOnly.get(metric);
    if (!p) {
      p = (async () => {
        const ix = await create(`ct-read-${metric}`, metric);
        await ix.upsert(dataset());
        assert.is(await settled(ix, N), N, `count after loading ct-read-${metric}`);
        return ix;
      })();
      readOnly.set(metric, p);
    }
    return p;
  }

  s.before(async () => {
    subject = await make();
    for (const [c, reason] of Object.entries(skip)) console.log(`  contract ${name}: skipping ${c}: ${reason}`);
  });

  s.after(async () => {
    if (!subject) return;
    try {
      for (const index of created) await subject.backend.dropIndex(index).catch(() => undefined);
    } finally {
      await subject.cleanup();
    }
  });

  const test = (c: ContractCase, fn: () => Promise<void>): void => {
    if (skip[c] !== undefined) s.skip(`${c} (skipped: ${skip[c]})`, fn);
    else s(c, fn);
  };

  test('lifecycle', async () => {
    const b = backend();
    const ix = await create('ct-lifecycle', 'cosine');
    assert.is(ix.name, 'ct-lifecycle');
    assert.is(ix.dimension, DIM);
    assert.is(ix.metric, 'cosine');
    assert.ok(ix.limits.records >= 1, 'limits.records is a positive number');
    const info = await ix.describe();
    assert.equal([info.name, info.dimension, info.metric, info.count], ['ct-lifecycle', DIM, 'cosine', 0]);
    const listed = (await b.listIndexes()).find((i) => i.name === 'ct-lifecycle');
    assert.ok(listed, 'listIndexes includes the new index');
    assert.equal([listed.dimension, listed.metric, listed.count], [DIM, 'cosine', 0]);
    const reopened = await b.openIndex('ct-lifecycle');
    assert.equal([reopened.name, reopened.dimension, reopened.metric], ['ct-lifecycle', DIM, 'cosine']);
    await b.dropIndex('ct-lifecycle');
    created.delete('ct-lifecycle');
    assert.not.ok((await b.listIndexes()).some((i) => i.name === 'ct-lifecycle'), 'dropped index is no longer listed');
    await expectError(() => b.openIndex('ct-lifecycle'), 'INPUT', /ct-lifecycle/);
  });

  test('provenance', async () => {
    const b = backend();
    const p: IndexProvenance = {
      model: 'text-embedding-3-small',
      dimension: DIM,
      metric: 'ip',
      sampleManifestHash: 'a'.repeat(64),
      source: 'synthetic',
      toolkitVersion: '0.1.0',
      createdAt: '2025-01-02T03:04:05.000Z',
    };
    if ((await b.listIndexes()).some((i) => i.name === 'ct-provenance')) await b.dropIndex('ct-provenance');
    await b.createIndex({ name: 'ct-provenance', dimension: DIM, metric: 'ip', provenance: p });
    created.add('ct-provenance');
    const info = await (await b.openIndex('ct-provenance')).describe();
    assert.equal(info.provenance, p);
    const listed = (await b.listIndexes()).find((i) => i.name === 'ct-provenance');
    assert.equal(listed?.provenance, p);
  });

  test('upsert-count', async () => {
    const ix = await create('ct-upsert-count', 'l2');
    await ix.upsert(dataset().slice(0, 25));
    assert.is(await settled(ix, 25), 25);
    await ix.upsert(dataset().slice(25));
    assert.is(await settled(ix, N), N);
  });

  test('upsert-idempotent', async () => {
    const ix = await create('ct-upsert-idempotent', 'l2');
    await ix.upsert(dataset());
    await ix.upsert(dataset());
    assert.is(await settled(ix, N), N, 'the same ids twice leave one record each');
    const [first] = dataset();
    const again: VectorRecord[] = [first!, { ...first!, values: unit(DIM, 0) }];
    await ix.upsert(again);
    assert.is(await settled(ix, N), N, 'a repeated id within one call leaves one record');
    const [got] = await ix.fetch([first!.id]);
    assert.equal(Array.from(got!.values), Array.from(unit(DIM, 0)), 'the last occurrence of a repeated id wins');
  });

  test('overwrite', async () => {
    const ix = await create('ct-overwrite', 'l2');
    await ix.upsert(dataset());
    await settled(ix, N);
    const target = unit(DIM, 3, 50);
    await ix.upsert([{ id: 'doc-007', values: target, metadata: { tenant: 'umbrella' } }]);
    assert.is(await settled(ix, N), N);
    const [got] = await ix.fetch(['doc-007']);
    assert.equal(Array.from(got!.values), Array.from(target), 'values replaced');
    assert.equal(got!.metadata, { tenant: 'umbrella' }, 'metadata replaced, not merged');
    const [top] = await ix.query({ vector: target, topK: 1 });
    assert.is(top?.id, 'doc-007', 'queries see the new vector');
    assert.ok(Math.abs(top!.distance) < 1e-4, `distance to itself is 0, got ${top!.distance}`);
  });

  for (const metric of ['cosine', 'ip', 'l2'] as const) {
    test(`query-${metric}`, async () => {
      const ix = await loaded(metric);
      for (const [qi, q] of queries().entries()) {
        const k = 5;
        const got = await ix.query({ vector: q, topK: k });
        const want = reference(metric, q, dataset(), k);
        assert.equal(got.map((m) => m.id), want.map((m) => m.id), `${metric} query ${qi}: top-${k} ids in order`);
        got.forEach((m, i) => {
          const w = want[i]!.distance;
          assert.ok(Math.abs(m.distance - w) <= 1e-4 * Math.max(1, Math.abs(w)), `${metric} query ${qi} rank ${i}: distance ${m.distance} vs reference ${w}`);
        });
      }
    });
  }

  test('query-metadata', async () => {
    const ix = await loaded('l2');
    const rec = dataset()[11]!;
    const [withMeta] = await ix.query({ vector: rec.values, topK: 1, includeMetadata: true });
    assert.is(withMeta?.id, rec.id);
    assert.equal(withMeta?.metadata, rec.metadata);
    const all = await ix.query({ vector: rec.values, topK: N + 10 });
    assert.is(all.length, N, 'topK above the count returns every record');
  });

  const filterCase = (c: ContractCase, filters: MetadataFilter[]): void =>
    test(c, async () => {
      const ix = await loaded('l2');
      const q = queries()[0]!;
      for (const filter of filters) {
        const got = await ix.query({ vector: q, topK: N, filter, includeMetadata: true });
        const want = reference('l2', q, dataset().filter((r) => matchesFilter(filter, r.metadata)), N);
        assert.ok(want.length > 0 && want.length < N, `test data: ${JSON.stringify(filter)} should select some records, selects ${want.length}`);
        assert.equal(got.map((m) => m.id), want.map((m) => m.id), `filter ${JSON.stringify(filter)}`);
        for (const m of got) assert.ok(matchesFilter(filter, m.metadata), `${m.id} matches ${JSON.stringify(filter)}`);
      }
    });

  filterCase('filter-eq', [{ tenant: 'acme' }, { tenant: { $eq: 'globex' } }, { year: 2019 }, { flag: true }]);
  filterCase('filter-in', [{ tenant: { $in: ['acme', 'initech'] } }, { year: { $in: [2015, 2020, 2024] } }]);
  filterCase('filter-range', [{ year: { $gt: 2020 } }, { year: { $gte: 2020 } }, { year: { $lt: 2017 } }, { year: { $gte: 2017, $lte: 2019 } }]);
  filterCase('filter-and-or', [
    { tenant: 'acme', lang: 'de' },
    { $and: [{ tenant: 'acme' }, { year: { $gt: 2018 } }] },
    { $or: [{ tenant: 'globex' }, { year: { $lt: 2017 } }] },
    { $or: [{ $and: [{ tenant: 'acme' }, { lang: 'en' }] }, { flag: true }] },
    { $and: [{ lang: 'en' }] },
  ]);
  filterCase('filter-ne-nin', [{ tenant: { $ne: 'acme' } }, { tenant: { $nin: ['acme', 'globex'] } }]);

  // src/backends/filter.ts: a record without the field matches $ne and $nin, and nothing else
  test('filter-missing-field', async () => {
    const ix = await create('ct-filter-missing-field', 'l2', 2);
    await ix.upsert([
      { id: 'has', values: Float32Array.of(1, 0), metadata: { tenant: 'acme', n: 1 } },
      { id: 'other', values: Float32Array.of(0, 1), metadata: { n: 2 } },
      { id: 'none', values: Float32Array.of(1, 1) },
    ]);
    await settled(ix, 3);
    const ids = async (filter: MetadataFilter): Promise<string[]> =>
      (await ix.query({ vector: Float32Array.of(0, 0), topK: 3, filter })).map((m) => m.id).sort();
    assert.equal(await ids({ tenant: { $ne: 'acme' } }), ['none', 'other']);
    assert.equal(await ids({ tenant: { $nin: ['acme'] } }), ['none', 'other']);
    assert.equal(await ids({ n: { $lt: 5 } }), ['has', 'other']);
    assert.equal(await ids({ tenant: 'acme' }), ['has']);
  });

  test('fetch', async () => {
    const ix = await loaded('l2');
    const data = dataset();
    const got = await ix.fetch(['doc-003', 'doc-missing', 'doc-017']);
    assert.equal(got.map((r) => r.id).sort(), ['doc-003', 'doc-017'], 'missing ids are omitted');
    for (const r of got) {
      const want = data.find((d) => d.id === r.id)!;
      assert.ok(r.values instanceof Float32Array, 'values are a Float32Array');
      assert.equal(Array.from(r.values), Array.from(want.values), `${r.id}: values round-trip exactly`);
      assert.equal(r.metadata, want.metadata, `${r.id}: metadata round-trips`);
    }
    assert.equal(await ix.fetch([]), []);
  });

  test('list-ids', async () => {
    const ix = await loaded('l2');
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await ix.listIds({ limit: 7, ...(cursor === undefined ? {} : { cursor }) });
      assert.ok(page.ids.length <= 7, 'a page holds at most limit ids');
      seen.push(...page.ids);
      cursor = page.cursor;
      pages += 1;
      assert.ok(pages <= N, 'paging terminates');
    } while (cursor !== undefined);
    assert.is(seen.length, N, 'every id once');
    assert.equal([...seen].sort(), dataset().map((r) => r.id).sort());
  });

  test('large-batch', async () => {
    const ix = await create('ct-large-batch', 'l2', 4);
    // the adapter chunks (types.ts: callers may pass more than limits.records)
    const n = Math.min(ix.limits.records + 1, 20_001);
    const rng = mulberry32(7);
    const records = Array.from({ length: n }, (_, i) => ({
      id: `big-${i}`,
      values: Float32Array.from({ length: 4 }, () => rng() * 2 - 1),
    }));
    await ix.upsert(records);
    assert.is(await settled(ix, n), n);
  });

  test('dimension-mismatch', async () => {
    const ix = await create('ct-dimension-mismatch', 'cosine');
    await expectError(() => ix.upsert([{ id: 'short', values: new Float32Array(DIM - 1).fill(0.5) }]), 'INPUT', new RegExp(`\\b${DIM - 1}\\b[\\s\\S]*\\b${DIM}\\b`));
    await expectError(() => ix.query({ vector: new Float32Array(DIM + 1).fill(0.5), topK: 1 }), 'INPUT', new RegExp(`\\b${DIM + 1}\\b[\\s\\S]*\\b${DIM}\\b`));
    assert.is(await settled(ix, 0), 0, 'nothing was written');
  });

  test('duplicate-name', async () => {
    await create('ct-duplicate-name', 'l2');
    await expectError(
      () => backend().createIndex({ name: 'ct-duplicate-name', dimension: DIM, metric: 'l2', provenance: provenance(DIM, 'l2') }),
      'INPUT',
      /ct-duplicate-name[\s\S]*exist/,
    );
  });

  test('open-missing', async () => {
    await expectError(() => backend().openIndex('ct-no-such-index'), 'INPUT', /ct-no-such-index/);
  });

  s.run();
}

async function expectError(fn: () => Promise<unknown>, code: VecstageError['code'], message: RegExp): Promise<void> {
  try {
    await fn();
  } catch (err) {
    assert.instance(err, VecstageError, `expected a VecstageError, got ${String(err)}`);
    const e = err as VecstageError;
    assert.is(e.code, code, `error code for: ${e.message}`);
    assert.match(e.message, message);
    return;
  }
  assert.unreachable(`expected a ${code} error matching ${message}`);
}

function provenance(dimension: number, metric: Metric): IndexProvenance {
  return { model: 'contract-model', dimension, metric, toolkitVersion: '0.0.0-test', createdAt: '2025-01-01T00:00:00.000Z', source: 'synthetic' };
}

/** mulberry32: a tiny seeded PRNG, so the data are the same on every run and machine. */
const mulberry32 = seededRandom;

export function dataset(): VectorRecord[] {
  const rng = mulberry32(42);
  return Array.from({ length: N }, (_, i) => {
    const metadata: Metadata = { tenant: TENANTS[i % 3]!, year: 2015 + (i % 10), lang: i % 2 === 0 ? 'en' : 'de', flag: i % 4 === 0 };
    return { id: `doc-${String(i).padStart(3, '0')}`, values: Float32Array.from({ length: DIM }, () => rng() * 2 - 1), metadata };
  });
}

function queries(): Float32Array[] {
  const rng = mulberry32(1234);
  return Array.from({ length: 5 }, () => Float32Array.from({ length: DIM }, () => rng() * 2 - 1));
}

function unit(dim: number, axis: number, scale = 1): Float32Array {
  const v = new Float32Array(dim);
  v[axis] = scale;
  return v;
}

function reference(metric: Metric, q: Float32Array, data: VectorRecord[], k: number): { id: string; distance: number }[] {
  return data
    .map((r) => ({ id: r.id, distance: exactDistance(metric, q, 0, r.values, 0, q.length) }))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, k);
}
