import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { planBatches, provenanceToTags, requestBytes, scoreToDistance, tagsToProvenance, toPineconeMetric } from '../../../src/backends/pinecone/index.js';
import type { IndexProvenance } from '../../../src/backends/types.js';

test('provenance round-trips through tags; values outside the tag alphabet are base64url-encoded', () => {
  const p: IndexProvenance = {
    model: 'sentence-transformers/all-MiniLM-L6-v2',
    dimension: 384,
    metric: 'ip',
    sampleManifestHash: 'ab'.repeat(32),
    source: 'production',
    toolkitVersion: '0.1.0',
    createdAt: '2025-01-02T03:04:05.000Z',
    rows: 1234,
  };
  const tags = provenanceToTags(p);
  assert.is(tags.vecstage_dimension, '384');
  assert.is(tags.vecstage_model, undefined);
  assert.is(typeof tags.vecstage_model_b64, 'string');
  assert.is(typeof tags.vecstage_created_b64, 'string');
  for (const [k, v] of Object.entries(tags)) {
    assert.ok(/^[A-Za-z0-9_-]{1,80}$/.test(k), `key ${k}`);
    assert.ok(/^[A-Za-z0-9;@_\-.+ ]{0,120}$/.test(v), `value ${v}`);
  }
  assert.equal(tagsToProvenance(tags), p);
});

test('tags without vecstage provenance give undefined', () => {
  assert.is(tagsToProvenance(undefined), undefined);
  assert.is(tagsToProvenance({ team: 'search' }), undefined);
});

test('planBatches: at most 1000 records and never more bytes than the limit', () => {
  const vectors = Array.from({ length: 2500 }, (_, i) => ({ id: `id-${i}`, values: [i, 0.5] }));
  assert.equal(planBatches(vectors, '__default__').map((b) => b.length), [1000, 1000, 500]);
  const limits = { records: 1000, bytes: 1000, metadataBytes: 40960 };
  const wide = Array.from({ length: 30 }, (_, i) => ({ id: `w${i}`, values: [0.123456789, 0.987654321, 1, 2, 3] }));
  const batches = planBatches(wide, 'ns', limits);
  for (const b of batches) assert.ok(requestBytes(b, 'ns') <= 1000, `batch of ${b.length} is ${requestBytes(b, 'ns')} bytes`);
  // tight: adding the next vector to any batch but the last would cross the limit
  for (let i = 0; i < batches.length - 1; i++) {
    const next = batches[i + 1]![0]!;
    assert.ok(requestBytes([...batches[i]!, next], 'ns') > 1000, 'batches are filled');
  }
  assert.is(batches.flat().length, 30);
});

test('metric mapping and distance convention', () => {
  assert.equal([toPineconeMetric('cosine'), toPineconeMetric('ip'), toPineconeMetric('l2')], ['cosine', 'dotproduct', 'euclidean']);
  assert.is(scoreToDistance('cosine', 0.25), 0.75);
  assert.is(scoreToDistance('ip', 3), -2);
  assert.is(scoreToDistance('l2', 4), 4);
});

test.run();
