import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openChunkSampleWriter, type ChunkManifest } from '../../src/build/chunk-sample.js';
import { openSampleSource } from '../../src/load/arrow-source.js';
import { readSample } from '../../src/arrow/index.js';
import { describeChunker } from '../../src/build/describe-pipeline.js';

const head: Omit<ChunkManifest, 'counts' | 'sample_rows' | 'tags'> = {
  kind: 'chunks',
  origin: 'production',
  toolkitVersion: '0.0.0-test',
  pipeline: { name: 'sw', chunker: { kind: 'sliding-window', size: 10, overlap: 2, unit: 'chars' }, embedder: { kind: 'hashing', model: 'h-4', dimension: 4, identity: 'ab'.repeat(16) } },
  documents: { source: 'docs', manifestHash: 'f'.repeat(64), rows: 2 },
  embedding: { model: 'h-4', dimension: 4, metric: 'cosine' },
};

async function write(dir: string): Promise<ChunkManifest> {
  const w = openChunkSampleWriter(dir, head);
  for (let i = 0; i < 3; i++) {
    await w.add({ id: `d${i >> 1}#${i & 1}`, embedding: Float32Array.from([i, 1, 0, 0]), text: `chunk ${i} é`, metadata: { doc_id: `d${i >> 1}`, chunk_ordinal: i & 1 }, stratum: 's', edgeTags: i === 0 ? ['long_text'] : [], inclusionProb: 0.5, weight: 2 });
  }
  return w.commit({ documents: 2, documents_without_chunks: 0, chunk_chars_total: 30, chunk_chars_max: 10, zero_vectors: 0 });
}

test('the chunk sample is an ordinary sample: the loader and readers take it, counts in both manifests', async () => {
  const root = mkdtempSync(join(tmpdir(), 'vecstage-chunks-'));
  try {
    const dir = join(root, 'chunks');
    const m = await write(dir);
    assert.is(m.sample_rows, 3);
    assert.is(m.counts.chunk_chars_mean, 10);
    assert.not.ok(existsSync(`${dir}.tmp-${process.pid}`), 'the temp folder is renamed into place');
    const source = await openSampleSource(dir, root);
    assert.equal([source.rows, source.dimension, source.model, source.origin], [3, 4, 'h-4', 'production']);
    const s = await readSample(dir);
    assert.equal(s.rows.map((r) => [r.id, r.text, r.metadata?.doc_id, r.edgeTags]), [['d0#0', 'chunk 0 é', 'd0', ['long_text']], ['d0#1', 'chunk 1 é', 'd0', []], ['d1#0', 'chunk 2 é', 'd1', []]]);
    assert.equal(s.manifest, JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')), 'embedded manifest = sidecar');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the same chunks give the same bytes (a resumed build keeps the manifest hash the loader checks)', async () => {
  const root = mkdtempSync(join(tmpdir(), 'vecstage-chunks-'));
  try {
    await write(join(root, 'a'));
    await write(join(root, 'b'));
    for (const f of ['sample.arrow', 'manifest.json']) assert.ok(readFileSync(join(root, 'a', f)).equals(readFileSync(join(root, 'b', f))), f);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('chunker descriptions are short and carry no path', () => {
  assert.is(describeChunker({ kind: 'sliding-window', size: 512, overlap: 64, unit: 'chars' }), 'sliding-window size=512 overlap=64 unit=chars');
  assert.match(describeChunker({ kind: 'recursive', size: 800, overlap: 0, unit: 'tokens', separators: ['\n\n', ' '] }), /^recursive size=800 overlap=0 unit=tokens separators=[0-9a-f]{8}$/);
  assert.is(describeChunker({ kind: 'module', module: './c.js', path: '/abs/c.js', sourceHash: 'x', options: {} }), 'module ./c.js');
});

test.run();
