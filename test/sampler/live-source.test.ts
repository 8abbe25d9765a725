import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryBackend } from '../../src/backends/memory/index.js';
import { createChromaBackend } from '../../src/backends/chroma/index.js';
import type { IndexProvenance, VectorBackend, VectorIndex, VectorRecord } from '../../src/backends/types.js';
import { openBackend } from '../../src/backends/open.js';
import { loadConfig, resolveEnv } from '../../src/config/index.js';
import { createFilePointerStore } from '../../src/pointer/file-store.js';
import { sample } from '../../src/sampler/index.js';
import { readSample } from '../../src/arrow/index.js';
import { runCli } from '../helpers/cli.js';
import { startChroma } from '../helpers/chroma.js';
import { createPineconeBackend } from '../../src/backends/pinecone/index.js';
import { startPineconeStandin } from '../helpers/pinecone-standin/index.js';
import { buildProdCsv, writeCsv } from '../helpers/prod-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'vecstage-live-'));
const DIM = 8;
const data = buildProdCsv({ rows: 3000, dim: DIM, seed: 5 });
// the index holds what a load of the file would: the valid rows only
const clean = data.lines.filter((_, i) => !data.bad.has(i + 2));
const csv = join(dir, 'prod.csv');
writeCsv(csv, data.header, clean);
const LINE = /^([^,]*),([^,]*),([^,]*),"((?:[^"]|"")*)","(\[.*\])"$/;
const records: VectorRecord[] = clean.map((line) => {
  const m = LINE.exec(line);
  if (!m) throw new Error(`test data: ${line}`);
  return { id: m[1]!, values: Float32Array.from(JSON.parse(m[5]!) as number[]), metadata: { tenant: m[2]!, lang: m[3]!, text: m[4]!.replaceAll('""', '"') } };
});
const provenance: IndexProvenance = { model: 'unknown', dimension: DIM, metric: 'cosine', toolkitVersion: 'test', createdAt: '2026-01-01T00:00:00.000Z' };
const flags = { fraction: 0.15, stratifyBy: ['tenant', 'lang'], seed: '7' };

async function fill(backend: VectorBackend, name: string, prov: IndexProvenance = provenance, recs = records): Promise<VectorIndex> {
  const ix = await backend.createIndex({ name, dimension: DIM, metric: 'cosine', provenance: prov });
  for (let i = 0; i < recs.length; i += 500) await ix.upsert(recs.slice(i, i + 500));
  return ix;
}

/** The same index, with every fetch counted (a real index underneath). */
function counted(ix: VectorIndex): { index: VectorIndex; fetches: number[] } {
  const fetches: number[] = [];
  const index: VectorIndex = {
    name: ix.name,
    dimension: ix.dimension,
    metric: ix.metric,
    limits: ix.limits,
    upsert: (r) => ix.upsert(r),
    query: (q) => ix.query(q),
    fetch: (ids) => (fetches.push(ids.length), ix.fetch(ids)),
    count: () => ix.count(),
    describe: () => ix.describe(),
    listIds: (p) => ix.listIds(p),
  };
  return { index, fetches };
}

type Rows = Awaited<ReturnType<typeof readSample>>['rows'];
function byId(rows: Rows): Map<string, Rows[number]> {
  return new Map(rows.map((r) => [r.id, r]));
}

/** ulps: Chroma's get() returns some float32 values one unit in the last place off what was upserted (JSON numbers) */
function assertSameSample(a: Rows, b: Rows, what: string, ulps = 0): void {
  assert.equal([...byId(a).keys()].sort(), [...byId(b).keys()].sort(), `${what}: ids`);
  const bb = byId(b);
  for (const r of a) {
    const o = bb.get(r.id)!;
    assert.is(r.stratum, o.stratum, `${what}: stratum of ${r.id}`);
    assert.equal([...r.edgeTags].sort(), [...o.edgeTags].sort(), `${what}: tags of ${r.id}`);
    assert.is(r.inclusionProb, o.inclusionProb, `${what}: p of ${r.id}`);
    assert.is(r.text, o.text, `${what}: text of ${r.id}`);
    if (ulps === 0) assert.equal(Array.from(r.embedding), Array.from(o.embedding), `${what}: embedding of ${r.id}`);
    else {
      r.embedding.forEach((v, k) => {
        const w = o.embedding[k]!;
        assert.ok(Math.abs(v - w) <= ulps * 2 ** -23 * Math.max(Math.abs(v), Math.abs(w)), `${what}: embedding of ${r.id}[${k}]: ${v} vs ${w}`);
      });
    }
  }
}

const fileSamples = new Map<string, Rows>();
async function fileSample(mode: 'exact' | 'bernoulli'): Promise<Rows> {
  const have = fileSamples.get(mode);
  if (have) return have;
  const out = join(dir, `file-${mode}`);
  await sample({ input: csv, out, cwd: dir, mode, ...flags });
  const rows = (await readSample(out)).rows;
  fileSamples.set(mode, rows);
  return rows;
}

test('memory index: the sample equals the sample of the same rows from a file (exact and bernoulli); pass 2 fetches only the selected ids', async () => {
  const backend = createMemoryBackend();
  const { index, fetches } = counted(await fill(backend, 'prod-v1'));
  for (const mode of ['exact', 'bernoulli'] as const) {
    fetches.length = 0;
    const out = join(dir, `mem-${mode}`);
    const r = await sample({ live: { index, env: 'prod', backend: 'memory', pageSize: 256 }, out, cwd: dir, mode, ...flags });
    assertSameSample((await readSample(out)).rows, await fileSample(mode), mode);
    const m = r.manifest;
    assert.equal({ kind: m.source.kind, ...('env' in m.source ? { env: m.source.env, index: m.source.index, backend: m.source.backend } : {}) }, { kind: 'index', env: 'prod', index: 'prod-v1', backend: 'memory' });
    assert.is(m.origin, 'production');
    assert.is(m.counts.rows_read, records.length);
    assert.is(m.counts.rows_rejected, 0);
    assert.ok(Math.max(...fetches) <= 256, `fetch sizes bounded by the page: ${Math.max(...fetches)}`);
    const fetched = fetches.reduce((a, b) => a + b, 0);
    // pass 1 reads every vector once; exact mode's pass 2 only the selected ones
    assert.is(fetched, records.length + (mode === 'exact' ? m.counts.sample_rows : 0), `${mode}: vectors fetched`);
  }
  await backend.close();
});

test('memory index: --shard on a live index fetches only its shard; the shards merge to the bernoulli sample', async () => {
  const backend = createMemoryBackend();
  const { index, fetches } = counted(await fill(backend, 'prod-v1'));
  const ids: string[] = [];
  let fetched = 0;
  for (let i = 1; i <= 3; i++) {
    fetches.length = 0;
    const out = join(dir, `mem-shard-${i}`);
    const r = await sample({ live: { index, env: 'prod', backend: 'memory' }, out, cwd: dir, shard: { index: i, count: 3 }, ...flags });
    assert.is(r.manifest.counts.rows_read + (r.manifest.shard?.rowsOutside ?? NaN), records.length);
    assert.is(fetches.reduce((a, b) => a + b, 0), r.manifest.counts.rows_read);
    fetched += r.manifest.counts.rows_read;
    ids.push(...(await readSample(out)).rows.map((x) => x.id));
  }
  assert.is(fetched, records.length);
  assert.equal(ids.sort(), (await fileSample('bernoulli')).map((x) => x.id).sort());
  await backend.close();
});

test('an index loaded from synthetic rows gives a synthetic sample; --origin production against it is refused', async () => {
  const backend = createMemoryBackend();
  const ix = await fill(backend, 'syn-v1', { ...provenance, source: 'synthetic' });
  const live = { index: ix, env: 'dev', backend: 'memory', provenance: (await ix.describe()).provenance };
  const r = await sample({ live, out: join(dir, 'syn'), cwd: dir, ...flags });
  assert.is(r.manifest.origin, 'synthetic');
  assert.match(r.manifest.originSource, /provenance/);
  try {
    await sample({ live, out: join(dir, 'syn2'), cwd: dir, origin: 'production', ...flags });
    assert.unreachable('refused');
  } catch (err) {
    assert.match((err as Error).message, /--origin: "production" contradicts/);
  }
  await backend.close();
});

test('a dimension that contradicts the config is refused before anything is read', async () => {
  const backend = createMemoryBackend();
  const ix = await fill(backend, 'prod-v1');
  try {
    await sample({ live: { index: ix, env: 'prod', backend: 'memory' }, out: join(dir, 'dim'), cwd: dir, embedding: { model: 'unknown', dimension: 16, metric: 'cosine' }, ...flags });
    assert.unreachable('refused');
  } catch (err) {
    assert.match((err as Error).message, /contract mismatch: index "prod-v1" \(env prod\) has dimension 8 vs 16/);
  }
  await backend.close();
});

test('CLI --from-env: the env pointer names the live index of a memory env; --index overrides; errors exit 2', async () => {
  const project = mkdtempSync(join(tmpdir(), 'vecstage-live-cli-'));
  writeFileSync(join(project, 'vecstage.config.json'), JSON.stringify({ embedding: { dimension: DIM }, environments: { live: { backend: { kind: 'memory' }, index: 'prod' } } }));
  const config = await loadConfig({ cwd: project, env: {} });
  const target = resolveEnv(config, 'live', {});
  const none = await runCli(['sample', '--from-env', 'live', '--out', join(project, 'never')], { cwd: project });
  assert.is(none.code, 2, none.stderr);
  assert.match(none.stderr, /environment "live" has no live index .*--index/);
  await fill(await openBackend(target), 'prod-v3');
  await createFilePointerStore({ path: join(project, '.vecstage/pointers/live.json'), env: 'live' }).promote('prod-v3');
  const out = join(project, 's');
  const r = await runCli(['sample', '--from-env', 'live', '--out', out, '--fraction', '0.15', '--stratify-by', 'tenant,lang', '--seed', '7', '--json'], { cwd: project });
  assert.is(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.source, { kind: 'index', env: 'live', index: 'prod-v3', backend: 'memory', bytes: j.source.bytes, sha256: j.source.sha256, sha256Scope: 'ids in listing order', provenanceSource: null });
  assert.is(j.embedding.dimension, DIM);
  assertSameSample((await readSample(out)).rows, await fileSample('exact'), 'cli');
  const both = await runCli(['sample', csv, '--from-env', 'live', '--out', join(project, 'never')], { cwd: project });
  assert.is(both.code, 2);
  assert.match(both.stderr, /expected one input/);
  const idx = await runCli(['sample', csv, '--index', 'x', '--out', join(project, 'never')], { cwd: project });
  assert.is(idx.code, 2);
  assert.match(idx.stderr, /--index only goes with --from-env/);
  // the CLI closed the env's backend (memory: cleared), so a named index is now unknown
  const gone = await runCli(['sample', '--from-env', 'live', '--index', 'prod-v9', '--out', join(project, 'never')], { cwd: project });
  assert.is(gone.code, 2);
  assert.match(gone.stderr, /index "prod-v9" does not exist/);
});

test('embedded Chroma: sampling a sealed env\'s index with --from-env equals the file sample (exact mode)', async () => {
  const server = await startChroma();
  try {
    const backend = await createChromaBackend({ kind: 'chroma', url: server.url, path: '' }, { dir: server.dir });
    await fill(backend, 'prod-v1');
    await backend.close();
    const project = mkdtempSync(join(tmpdir(), 'vecstage-live-chroma-'));
    writeFileSync(
      join(project, 'vecstage.config.json'),
      JSON.stringify({ embedding: { dimension: DIM, metric: 'cosine' }, environments: { prod: { backend: { kind: 'chroma', url: server.url }, index: 'prod', sealed: true } } }),
    );
    const out = join(project, 's');
    const r = await runCli(['sample', '--from-env', 'prod', '--index', 'prod-v1', '--out', out, '--fraction', '0.15', '--stratify-by', 'tenant,lang', '--seed', '7'], { cwd: project });
    assert.is(r.code, 0, r.stderr);
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    assert.is(m.source.backend, 'chroma');
    assert.is(m.origin, 'production');
    assert.is(m.counts.rows_read, records.length);
    assertSameSample((await readSample(out)).rows, await fileSample('exact'), 'chroma', 4);
  } finally {
    await server.stop();
  }
});

test('Pinecone (the SDK against the loopback stand-in): list-token pages, same sample as the file', async () => {
  // Pinecone refuses zero vectors in a cosine index (HTTP 400), so neither side holds them here
  const zero = new Set(data.zeroIds);
  const nonZero = records.filter((r) => !zero.has(r.id));
  const file = join(dir, 'non-zero.csv');
  writeCsv(file, data.header, clean.filter((l) => !zero.has(l.slice(0, l.indexOf(',')))));
  await sample({ input: file, out: join(dir, 'file-non-zero'), cwd: dir, mode: 'exact', ...flags });
  const expected = (await readSample(join(dir, 'file-non-zero'))).rows;
  assert.is(expected.length > 0 && nonZero.length, records.length - zero.size);
  const server = await startPineconeStandin({ apiKey: 'live-key' });
  const backend = await createPineconeBackend(
    { kind: 'pinecone', apiKeyEnv: 'LIVE_PINECONE_KEY', controllerHostUrl: server.url, cloud: 'aws', region: 'us-east-1' },
    { env: { LIVE_PINECONE_KEY: 'live-key' }, readyPollMs: 10 },
  );
  try {
    const { index, fetches } = counted(await fill(backend, 'prod-v1', provenance, nonZero));
    const out = join(dir, 'pinecone');
    const r = await sample({ live: { index, env: 'prod', backend: 'pinecone' }, out, cwd: dir, mode: 'exact', ...flags });
    assertSameSample((await readSample(out)).rows, expected, 'pinecone');
    assert.is(fetches.reduce((a, b) => a + b, 0), nonZero.length + r.manifest.counts.sample_rows);
  } finally {
    await backend.close();
    await server.close();
  }
});

test.run();
