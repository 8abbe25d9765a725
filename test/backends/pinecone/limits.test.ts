import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createSdkClient } from '../../../src/backends/pinecone/sdk.js';
import { VecstageError } from '../../../src/errors.js';
import { startPineconeStandin, type PineconeStandin } from '../../helpers/pinecone-standin/index.js';
import { provenance, standinBackend } from './harness.js';

/** The raw SDK (through the adapter's one SDK module) against the stand-in: the server's limits, not the adapter's. */
async function rawIndex(dimension: number): Promise<{ server: PineconeStandin; index: ReturnType<ReturnType<typeof createSdkClient>['index']> }> {
  const server = await startPineconeStandin({ apiKey: 'k' });
  const pc = createSdkClient({ apiKey: 'k', controllerHostUrl: server.url, maxRetries: 0, fetchApi: fetch });
  const model = await pc.createIndex({ name: 'limits', dimension, metric: 'cosine', spec: { serverless: { cloud: 'aws', region: 'us-east-1' } } });
  assert.ok(model, 'createIndex returned the index model');
  return { server, index: pc.index({ name: 'limits', host: model.host }) };
}

async function sdkError(p: Promise<unknown>): Promise<Error> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.instance(err, Error);
  return err as Error;
}

const ones = (n: number): number[] => Array.from({ length: n }, (_, i) => (i % 7) + 0.123456789);

test('server limits reach the SDK as Pinecone errors', async () => {
  const { server, index } = await rawIndex(4);
  try {
    const tooMany = await sdkError(index.upsert({ records: Array.from({ length: 1001 }, (_, i) => ({ id: `v${i}`, values: ones(4) })) }));
    assert.is(tooMany.name, 'PineconeBadRequestError');
    assert.match(tooMany.message, /1001 vectors; the maximum is 1000/);

    const wrongDim = await sdkError(index.upsert({ records: [{ id: 'short', values: ones(3) }] }));
    assert.is(wrongDim.name, 'PineconeBadRequestError');
    assert.match(wrongDim.message, 'Vector dimension 3 does not match the dimension of the index 4');

    const bigMeta = await sdkError(index.upsert({ records: [{ id: 'fat', values: ones(4), metadata: { text: 'x'.repeat(41 * 1024) } }] }));
    assert.is(bigMeta.name, 'PineconeBadRequestError');
    assert.match(bigMeta.message, /Metadata size is \d+ bytes, which exceeds the limit of 40960 bytes per vector \(vector fat\)/);

    const topK = await sdkError(index.query({ vector: ones(4), topK: 10001 }));
    assert.is(topK.name, 'PineconeBadRequestError');
    assert.match(topK.message, /topK/);

    assert.is(server.counters.statuses['400'], 4);
    assert.is((await index.describeIndexStats()).totalRecordCount, 0, 'rejected requests wrote nothing');
  } finally {
    await server.close();
  }
});

test('a request body over 2 MB is rejected by the server', async () => {
  const { server, index } = await rawIndex(1000);
  try {
    // 200 x 1000 values of ~12 characters each: about 2.4 MB of JSON
    const records = Array.from({ length: 200 }, (_, i) => ({ id: `v${i}`, values: ones(1000) }));
    const err = await sdkError(index.upsert({ records }));
    assert.is(err.name, 'PineconeBadRequestError');
    assert.match(err.message, /exceeds the maximum supported size of 2MB/);
  } finally {
    await server.close();
  }
});

test('adapter: records over the 2 MB / 1000-vector limits are split into compliant requests', async () => {
  const { server, backend } = await standinBackend();
  try {
    const idx = await backend.createIndex({ name: 'batches', dimension: 1000, metric: 'cosine', provenance: provenance(1000, 'cosine') });
    const records = Array.from({ length: 400 }, (_, i) => ({ id: `v${i}`, values: Float32Array.from(ones(1000)) }));
    await idx.upsert(records);
    assert.is(await idx.count(), 400);
    assert.ok((server.counters.requests.upsert ?? 0) >= 3, `split into ${server.counters.requests.upsert} requests`);
    assert.is(server.counters.statuses['400'], undefined, 'no request was rejected');

    const small = await backend.createIndex({ name: 'many', dimension: 2, metric: 'cosine', provenance: provenance(2, 'cosine') });
    server.resetCounters();
    await small.upsert(Array.from({ length: 2500 }, (_, i) => ({ id: `s${i}`, values: Float32Array.from([1, i]) })));
    assert.is(server.counters.requests.upsert, 3, '2500 records -> 1000 + 1000 + 500');
    assert.is(await small.count(), 2500);
  } finally {
    await server.close();
  }
});

test('adapter: metadata over 40 KB is refused before any request, naming the record', async () => {
  const { server, backend } = await standinBackend();
  try {
    const idx = await backend.createIndex({ name: 'meta', dimension: 2, metric: 'cosine', provenance: provenance(2, 'cosine') });
    const err = await idx
      .upsert([
        { id: 'ok', values: Float32Array.from([1, 0]) },
        { id: 'doc-fat', values: Float32Array.from([1, 0]), metadata: { text: 'y'.repeat(40 * 1024) } },
      ])
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    assert.instance(err, VecstageError);
    assert.is((err as VecstageError).code, 'INPUT');
    assert.match((err as VecstageError).message, /metadata size[\s\S]*record "doc-fat"[\s\S]*40960 bytes/);
    assert.is(server.counters.requests.upsert, undefined);
  } finally {
    await server.close();
  }
});

test('adapter: server-side 400s surface as INPUT with status 400 and the server message', async () => {
  const { server, backend } = await standinBackend();
  try {
    const idx = await backend.createIndex({ name: 'zero', dimension: 2, metric: 'cosine', provenance: provenance(2, 'cosine') });
    const err = (await idx.upsert([{ id: 'z', values: Float32Array.from([0, 0]) }]).catch((e: unknown) => e)) as VecstageError;
    assert.equal([err.code, err.details?.status, err.details?.retryable], ['INPUT', 400, false]);
    assert.match(err.message, /at least one non-zero value/);
  } finally {
    await server.close();
  }
});

test.run();
