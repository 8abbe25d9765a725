import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startPineconeStandin, type PineconeStandin } from '../../helpers/pinecone-standin/index.js';

/** Raw HTTP against the stand-in: the wire shapes the SDK parses. */
async function call(s: PineconeStandin, method: string, path: string, body?: unknown, key = 'k'): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${s.url}${path}`, {
    method,
    headers: { 'Api-Key': key, 'X-Pinecone-Api-Version': '2026-04', 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

async function withIndex(fn: (s: PineconeStandin) => Promise<void>): Promise<void> {
  const s = await startPineconeStandin({ apiKey: 'k' });
  try {
    const created = await call(s, 'POST', '/indexes', { name: 'raw', dimension: 2, metric: 'euclidean', spec: { serverless: { cloud: 'aws', region: 'us-east-1' } } });
    assert.is(created.status, 201);
    await fn(s);
  } finally {
    await s.close();
  }
}

test('control-plane errors use {"error":{code,message},"status"}', () =>
  withIndex(async (s) => {
    assert.equal(await call(s, 'GET', '/indexes/nope'), { status: 404, json: { error: { code: 'NOT_FOUND', message: 'Resource nope not found' }, status: 404 } });
    const dup = await call(s, 'POST', '/indexes', { name: 'raw', dimension: 2, spec: { serverless: { cloud: 'aws', region: 'us-east-1' } } });
    assert.equal(dup, { status: 409, json: { error: { code: 'ALREADY_EXISTS', message: 'Resource raw already exists' }, status: 409 } });
    const badName = await call(s, 'POST', '/indexes', { name: 'Bad_Name', dimension: 2, spec: { serverless: { cloud: 'aws', region: 'us-east-1' } } });
    assert.is(badName.status, 400);
    const unknown = await call(s, 'POST', '/indexes', { name: 'x', dimension: 2, spec: { serverless: { cloud: 'aws', region: 'r' } }, replicas: 2 });
    assert.is(unknown.status, 422);
    assert.match(JSON.stringify(unknown.json), 'unknown field `replicas`');
    const tooLong = await call(s, 'POST', '/indexes', { name: 'a'.repeat(46), dimension: 2, spec: { serverless: { cloud: 'aws', region: 'r' } } });
    assert.is(tooLong.status, 400);
    assert.is((await call(s, 'GET', '/indexes', undefined, 'wrong')).status, 401);
  }));

test('data-plane errors use RpcStatus {code,message,details}', () =>
  withIndex(async (s) => {
    const r = await call(s, 'POST', '/data/raw/vectors/upsert', { vectors: [{ id: 'a', values: [1, 2, 3] }] });
    assert.equal(r, { status: 400, json: { code: 3, message: 'Vector dimension 3 does not match the dimension of the index 2', details: [] } });
    const extra = await call(s, 'POST', '/data/raw/query', { topK: 1, vector: [1, 2], bogus: true });
    assert.is(extra.status, 400);
    assert.is((await call(s, 'POST', '/data/gone/query', { topK: 1, vector: [1, 2] })).status, 404);
    s.knobs.set({ storm429: 1 });
    assert.equal((await call(s, 'POST', '/data/raw/query', { topK: 1, vector: [1, 2] })).json, {
      code: 8,
      message: 'Request was rate-limited. Too many requests; retry with backoff.',
      details: [],
    });
  }));

test('euclidean scores are squared distances, ascending; filters follow Pinecone operators', () =>
  withIndex(async (s) => {
    await call(s, 'POST', '/data/raw/vectors/upsert', {
      vectors: [
        { id: 'a', values: [0, 0], metadata: { genre: ['comedy', 'drama'], year: 2020 } },
        { id: 'b', values: [3, 4], metadata: { genre: 'action' } },
        { id: 'c', values: [1, 1] },
      ],
      namespace: 'n1',
    });
    const q = async (filter?: unknown): Promise<unknown> =>
      ((await call(s, 'POST', '/data/raw/query', { topK: 10, vector: [0, 0], namespace: 'n1', ...(filter ? { filter } : {}) })).json as { matches: { id: string; score: number }[] }).matches.map(
        (m) => [m.id, m.score],
      );
    assert.equal(await q(), [['a', 0], ['c', 2], ['b', 25]]);
    assert.equal(await q({ genre: 'drama' }), [['a', 0]]);
    assert.equal(await q({ genre: { $in: ['action', 'comedy'] } }), [['a', 0], ['b', 25]]);
    assert.equal(await q({ genre: { $nin: ['comedy'] } }), [['c', 2], ['b', 25]]);
    assert.equal(await q({ year: { $exists: true } }), [['a', 0]]);
    assert.equal(await q({ $or: [{ year: { $gte: 2020 } }, { genre: { $eq: 'action' } }] }), [['a', 0], ['b', 25]]);
    assert.is((await call(s, 'POST', '/data/raw/query', { topK: 1, vector: [0, 0], filter: { year: { $regex: 'x' } } })).status, 400);
    const stats = await call(s, 'POST', '/data/raw/describe_index_stats', {});
    assert.equal(stats.json, { namespaces: { n1: { vectorCount: 3 } }, dimension: 2, indexFullness: 0, totalVectorCount: 3, metric: 'euclidean', vectorType: 'dense' });
  }));

test('list: byte-order ids, prefix, limit and pagination token', () =>
  withIndex(async (s) => {
    const ids = ['b-2', 'a-1', 'b-1', 'B-9', 'b-10'];
    await call(s, 'POST', '/data/raw/vectors/upsert', { vectors: ids.map((id) => ({ id, values: [1, 1] })) });
    const p1 = (await call(s, 'GET', '/data/raw/vectors/list?prefix=b-&limit=2&namespace=__default__')).json as { vectors: { id: string }[]; pagination?: { next: string } };
    assert.equal(p1.vectors.map((v) => v.id), ['b-1', 'b-10']);
    const p2 = (await call(s, 'GET', `/data/raw/vectors/list?prefix=b-&limit=2&paginationToken=${p1.pagination?.next}`)).json as { vectors: { id: string }[]; pagination?: unknown };
    assert.equal(p2.vectors.map((v) => v.id), ['b-2']);
    assert.is(p2.pagination, undefined);
    const all = (await call(s, 'GET', '/data/raw/vectors/list')).json as { vectors: { id: string }[] };
    assert.equal(all.vectors.map((v) => v.id), ['B-9', 'a-1', 'b-1', 'b-10', 'b-2']);
    assert.is((await call(s, 'GET', '/data/raw/vectors/list?paginationToken=garbage')).status, 400);
  }));

test.run();
