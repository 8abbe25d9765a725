import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hnswSettings } from '../../../src/backends/chroma/settings.js';
import { metadataToProvenance, provenanceToMetadata } from '../../../src/backends/chroma/provenance.js';
import type { IndexProvenance } from '../../../src/backends/types.js';

test('metric maps to the hnsw space; build settings pass through', () => {
  assert.equal(hnswSettings('ip', { ef_construction: 200, max_neighbors: 32, ef_search: 150 }), {
    space: 'ip',
    ef_construction: 200,
    max_neighbors: 32,
    ef_search: 150,
  });
  assert.equal(hnswSettings('l2', undefined), { space: 'l2' });
});

test('unknown or malformed settings are errors that list what is allowed', () => {
  assert.throws(() => hnswSettings('l2', { efSearch: 10 }), /invalid index settings key: "efSearch".*allowed: ef_construction, max_neighbors, ef_search/);
  assert.throws(() => hnswSettings('l2', { ef_search: 0 }), /invalid index settings\.ef_search: 0.*allowed: an integer >= 1/);
  assert.throws(() => hnswSettings('l2', { ef_search: '100' }), /ef_search: "100"/);
});

test('provenance round-trips through flat vecstage: metadata keys', () => {
  const p: IndexProvenance = {
    model: 'm',
    dimension: 8,
    metric: 'cosine',
    sampleManifestHash: 'abc',
    source: 'production',
    toolkitVersion: '0.1.0',
    createdAt: '2025-01-01T00:00:00.000Z',
  };
  const m = provenanceToMetadata(p);
  assert.is(m['vecstage:model'], 'm');
  assert.is(m['vecstage:dimension'], 8);
  assert.ok(Object.values(m).every((v) => typeof v === 'string' || typeof v === 'number'), 'flat scalars only');
  assert.equal(metadataToProvenance(m), p);
});

test('a collection vecstage did not create has no provenance', () => {
  assert.is(metadataToProvenance(undefined), undefined);
  assert.is(metadataToProvenance({ owner: 'someone' }), undefined);
  assert.is(metadataToProvenance({ ...provenanceToMetadata({ model: 'm', dimension: 8, metric: 'l2', toolkitVersion: 'x', createdAt: 'y' }), 'vecstage:metric': 'hamming' }), undefined);
});

test.run();
