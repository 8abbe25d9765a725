/** scanCorpus pages through an index (listIds + fetch) into a Corpus, strata and tags from the loader's metadata. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createMemoryBackend } from '../../../src/backends/memory/index.js';
import { scanCorpus } from '../../../src/bench/run/scan-corpus.js';

test('every record of a 250-row index, across pages of 100, with vectors, strata and tags', async () => {
  const backend = createMemoryBackend();
  const ix = await backend.createIndex({ name: 'scan-v1', dimension: 3, metric: 'l2', provenance: { model: 'm', dimension: 3, metric: 'l2', toolkitVersion: '0', createdAt: '2026-01-01T00:00:00.000Z' } });
  const records = Array.from({ length: 250 }, (_, i) => ({
    id: `r${i}`,
    values: Float32Array.of(i, -i, i / 2),
    metadata: i % 50 === 0 ? { tenant: 'acme' } : { tenant: 'acme', vecstage_stratum: `s${i % 3}`, ...(i % 7 === 0 ? { vecstage_tags: 'short_text,non_ascii' } : {}) },
  }));
  await ix.upsert(records);
  const c = await scanCorpus(ix, 10); // the expected count is only a hint: the slab grows
  assert.is(c.ids.length, 250);
  assert.is(c.dim, 3);
  assert.is(c.vectors.length, 750);
  for (const r of records) {
    const j = c.index.get(r.id)!;
    assert.equal(Array.from(c.vectors.subarray(j * 3, j * 3 + 3)), Array.from(r.values), r.id);
    assert.equal(c.metadata[j], r.metadata);
  }
  assert.is(c.strata[c.index.get('r0')!], '(none)');
  assert.is(c.strata[c.index.get('r4')!], 's1');
  assert.equal(c.tags[c.index.get('r7')!], ['short_text', 'non_ascii']);
  assert.equal(c.tags[c.index.get('r8')!], []);
  assert.ok(c.weights.every((w) => w === 1));
  await backend.close();
});

test.run();
