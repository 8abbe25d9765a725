import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createPineconeBackend } from '../../../src/backends/pinecone/index.js';
import type { VectorIndex } from '../../../src/backends/types.js';
import { provenance } from './harness.js';

/**
 * Opt-in: runs against real Pinecone when PINECONE_API_KEY is set, or against Pinecone Local when
 * PINECONE_LOCAL_HOST is its controller URL (e.g. http://localhost:5080; any API key works there).
 * Creates one uniquely named small index and drops it. PINECONE_CLOUD / PINECONE_REGION pick the serverless
 * location (default aws / us-east-1).
 */
const local = process.env.PINECONE_LOCAL_HOST;
const hasKey = Boolean(process.env.PINECONE_API_KEY);
const reason = 'set PINECONE_API_KEY (real Pinecone) or PINECONE_LOCAL_HOST (Pinecone Local controller URL) to run';

if (!local && !hasKey) {
  console.log(`  pinecone live test skipped: ${reason}`);
  test.skip(`live Pinecone round trip (skipped: ${reason})`, () => undefined);
} else {
  test('live Pinecone round trip: create, upsert, query, count, list, drop', async () => {
    const env = { ...process.env, PINECONE_API_KEY: process.env.PINECONE_API_KEY || 'pclocal' };
    const backend = await createPineconeBackend(
      {
        kind: 'pinecone',
        apiKeyEnv: 'PINECONE_API_KEY',
        ...(local ? { controllerHostUrl: local } : {}),
        cloud: (process.env.PINECONE_CLOUD as 'aws' | 'gcp' | 'azure' | undefined) ?? 'aws',
        region: process.env.PINECONE_REGION ?? 'us-east-1',
      },
      { env, readyPollMs: 1000, readyTimeoutMs: 180_000, sdkMaxRetries: 0 },
    );
    const name = `vecstage-live-${Date.now().toString(36)}-${process.pid.toString(36)}`;
    try {
      const idx = await backend.createIndex({ name, dimension: 4, metric: 'cosine', provenance: provenance(4, 'cosine') });
      const records = Array.from({ length: 20 }, (_, i) => ({
        id: `live-${String(i).padStart(2, '0')}`,
        values: Float32Array.from([1, i, i % 3, 1 + (i % 5)]),
        metadata: { parity: i % 2 === 0 ? 'even' : 'odd' },
      }));
      await idx.upsert(records);
      // serverless Pinecone is eventually consistent: writes show up in stats and queries after a moment
      assert.is(await eventually(() => idx.count(), 20), 20);
      const hits = await idx.query({ vector: records[7]!.values, topK: 3, filter: { parity: 'odd' }, includeMetadata: true });
      assert.is(hits[0]?.id, 'live-07');
      assert.ok(Math.abs(hits[0]!.distance) < 1e-3);
      assert.ok(hits.every((h) => h.metadata?.parity === 'odd'));
      const listed = await listAll(idx);
      assert.is(listed.length, 20);
      const info = await (await backend.openIndex(name)).describe();
      assert.equal(info.provenance, provenance(4, 'cosine'));
      console.log(`  live: ${await backend.version()}, stats ${JSON.stringify(backend.stats())}`);
    } finally {
      await backend.dropIndex(name).catch((err: unknown) => console.error(`  could not drop ${name}: ${String(err)}`));
    }
  });
}

async function eventually(read: () => Promise<number>, want: number, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const n = await read();
    if (n === want || Date.now() > deadline) return n;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function listAll(idx: VectorIndex): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await idx.listIds({ limit: 7, ...(cursor ? { cursor } : {}) });
    ids.push(...page.ids);
    cursor = page.cursor;
  } while (cursor);
  return ids;
}

test.run();
