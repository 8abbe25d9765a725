import { createServer, type IncomingHttpHeaders } from 'node:http';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createChromaBackend } from '../../../src/backends/chroma/index.js';
import { findFreePort } from '../../../src/backends/chroma/free-port.js';
import type { IndexProvenance, VectorBackend } from '../../../src/backends/types.js';
import type { Metric } from '../../../src/config/types.js';
import { VecstageError } from '../../../src/errors.js';
import { startChroma, type ChromaTestServer } from '../../helpers/chroma.js';

let server: ChromaTestServer;
let backend: VectorBackend;
const dirs: string[] = [];

test.before(async () => {
  server = await startChroma();
  backend = await createChromaBackend({ kind: 'chroma', url: server.url, path: '' }, { dir: server.dir });
});

test.after(async () => {
  await backend?.close();
  await server?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function prov(metric: Metric, dimension = 3): IndexProvenance {
  return { model: 'm', dimension, metric, toolkitVersion: '0.0.0-test', createdAt: '2025-01-01T00:00:00.000Z' };
}

async function expectError(p: Promise<unknown>, code: string, message: RegExp): Promise<VecstageError> {
  try {
    await p;
  } catch (err) {
    assert.instance(err, VecstageError, String(err));
    assert.is((err as VecstageError).code, code, (err as Error).message);
    assert.match((err as Error).message, message);
    return err as VecstageError;
  }
  return assert.unreachable(`expected a ${code} error matching ${message}`) as never;
}

// Hand-computed: q = (1,2,3); a = (1,0,0), b = (0,2,0), c = (1,1,1).
// cosine 1 - cos: c 0.0742, b 0.4655, a 0.7327; ip 1 - dot: c -5, b -3, a 0; l2 squared: c 5, b 10, a 13.
const EXPECTED: Record<Metric, number[]> = {
  cosine: [1 - 6 / Math.sqrt(14 * 3), 1 - 4 / (Math.sqrt(14) * 2), 1 - 1 / Math.sqrt(14)],
  ip: [-5, -3, 0],
  l2: [5, 10, 13],
};
for (const metric of ['cosine', 'ip', 'l2'] as const) {
  test(`Chroma's ${metric} distance is the port's convention`, async () => {
    const ix = await backend.createIndex({ name: `hand-${metric}`, dimension: 3, metric, provenance: prov(metric) });
    await ix.upsert([
      { id: 'a', values: Float32Array.of(1, 0, 0) },
      { id: 'b', values: Float32Array.of(0, 2, 0) },
      { id: 'c', values: Float32Array.of(1, 1, 1) },
    ]);
    const got = await ix.query({ vector: Float32Array.of(1, 2, 3), topK: 3 });
    assert.equal(got.map((m) => m.id), ['c', 'b', 'a']);
    got.forEach((m, i) => assert.ok(Math.abs(m.distance - EXPECTED[metric][i]!) < 1e-5, `${metric} ${m.id}: ${m.distance} vs ${EXPECTED[metric][i]}`));
    await backend.dropIndex(`hand-${metric}`);
  });
}

test('hnsw settings reach the collection configuration', async () => {
  await backend.createIndex({ name: 'tuned', dimension: 3, metric: 'ip', provenance: prov('ip'), settings: { ef_construction: 120, max_neighbors: 24, ef_search: 77 } });
  const res = await fetch(`${server.url}/api/v2/tenants/default_tenant/databases/default_database/collections`);
  const cols = (await res.json()) as { name: string; configuration_json: { hnsw: Record<string, unknown> } }[];
  const hnsw = cols.find((c) => c.name === 'tuned')?.configuration_json.hnsw;
  assert.equal([hnsw?.space, hnsw?.ef_construction, hnsw?.max_neighbors, hnsw?.ef_search], ['ip', 120, 24, 77]);
  await expectError(
    backend.createIndex({ name: 'tuned-2', dimension: 3, metric: 'ip', provenance: prov('ip'), settings: { efSearch: 1 } }),
    'INPUT',
    /invalid settings of index "tuned-2" key: "efSearch"/,
  );
  await backend.dropIndex('tuned');
});

test('index names and URLs are checked before anything is sent', async () => {
  await expectError(backend.createIndex({ name: 'ab', dimension: 3, metric: 'l2', provenance: prov('l2') }), 'INPUT', /invalid index name: "ab".*3-512 characters/);
  await expectError(backend.createIndex({ name: 'x', dimension: 3, metric: 'l2', provenance: prov('cosine') }), 'INPUT', /invalid/);
  await expectError(createChromaBackend({ kind: 'chroma', url: 'http://h:1/prefix', path: '' }, { dir: '.' }), 'INPUT', /backend\.url path: "\/prefix"/);
  const e = await expectError(createChromaBackend({ kind: 'chroma', url: 'http://u:secret@h:1', path: '' }, { dir: '.' }), 'INPUT', /without credentials/);
  assert.not.match(e.message, /secret/);
  await expectError(backend.dropIndex('no-such-index'), 'INPUT', /no index "no-such-index"/);
});

test('an unreachable URL is BACKEND_UNAVAILABLE naming the URL', async () => {
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  await expectError(createChromaBackend({ kind: 'chroma', url, path: '' }, { dir: '.' }), 'BACKEND_UNAVAILABLE', new RegExp(`chroma at ${url} is unreachable`));
});

test('the token comes from the env var named by tokenEnv, is sent as a bearer token and never shown', async () => {
  const seen: IncomingHttpHeaders[] = [];
  const fake = createServer((req, res) => {
    seen.push(req.headers);
    res.setHeader('content-type', 'application/json');
    if (req.url === '/api/v2/heartbeat') return res.end('{"nanosecond heartbeat": 1}');
    if (req.url === '/api/v2/pre-flight-checks') return res.end('{"max_batch_size": 100, "supports_base64_encoding": true}');
    res.statusCode = 401;
    res.end('{"error":"Unauthorized","message":"bad token"}');
  });
  await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
  const port = (fake.address() as { port: number }).port;
  try {
    const config = { kind: 'chroma' as const, url: `http://127.0.0.1:${port}`, path: '', tokenEnv: 'VECSTAGE_TEST_CHROMA_TOKEN' };
    await expectError(createChromaBackend(config, { dir: '.', env: {} }), 'INPUT', /invalid backend\.tokenEnv: "VECSTAGE_TEST_CHROMA_TOKEN"/);
    const b = await createChromaBackend(config, { dir: '.', env: { VECSTAGE_TEST_CHROMA_TOKEN: 's3cr3t-token' } });
    assert.is(seen[0]?.authorization, 'Bearer s3cr3t-token');
    const e = await expectError(b.version(), 'BACKEND_UNAVAILABLE', /refused the credentials/);
    assert.not.match(`${e.message} ${JSON.stringify(e.details)}`, /s3cr3t/);
    await b.close();
  } finally {
    await new Promise((r) => fake.close(r));
  }
});

test('url "embedded" starts a server under <dir>/.vecstage/chroma; a server that dies is BACKEND_UNAVAILABLE with its log', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vecstage-chroma-emb-'));
  dirs.push(dir);
  const b = await createChromaBackend({ kind: 'chroma', url: 'embedded', path: '' }, { dir });
  try {
    assert.match(await b.version(), /^\d+\.\d+\.\d+/);
    assert.ok(existsSync(join(dir, '.vecstage/chroma/chroma.sqlite3')), 'data under the default folder');
    const lock = JSON.parse(await (await import('node:fs/promises')).readFile(join(dir, '.vecstage/chroma/vecstage-server.lock'), 'utf8')) as { serverPid: number; url: string };
    process.kill(lock.serverPid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
    await expectError(b.listIndexes(), 'BACKEND_UNAVAILABLE', new RegExp(`chroma at ${lock.url} failed while listing collections: embedded chroma server \\(pid ${lock.serverPid}, .*exited with signal SIGKILL; log `));
  } finally {
    await b.close();
  }
  assert.not.ok(existsSync(join(dir, '.vecstage/chroma/vecstage-server.lock')), 'lock released after the server died');
});

test.run();
