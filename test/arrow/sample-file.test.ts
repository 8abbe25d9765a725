import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { iterateSample, openSampleWriter, readSample } from '../../src/arrow/index.js';

const dir = mkdtempSync(join(tmpdir(), 'vecstage-arrow-'));

test('writer batches rows; readSample and iterateSample read them back exactly', async () => {
  const path = join(dir, 'a.arrow');
  const w = openSampleWriter(path, 3, JSON.stringify({ kind: 'sample' }), 4);
  for (let i = 0; i < 10; i++) {
    await w.add({ id: `r${i}`, embedding: Float32Array.from([i, i + 0.5, -i, 99]), text: i % 2 ? null : `t${i}`, metadata: i % 3 ? { k: i } : null, stratum: 's', edgeTags: i === 3 ? ['zero_vector', 'x'] : [], inclusionProb: 0.25, weight: 4 });
  }
  assert.equal(await w.close(), { rows: 10 });
  const s = await readSample(path);
  assert.is(s.dimension, 3);
  assert.equal(s.manifest, { kind: 'sample' });
  assert.is(s.rows.length, 10);
  assert.equal(Array.from(s.rows[7]!.embedding), [7, 7.5, -7]);
  assert.equal(s.rows[3]!.edgeTags, ['zero_vector', 'x']);
  assert.is(s.rows[1]!.text, null);
  assert.equal(s.rows[1]!.metadata, { k: 1 });
  const sizes: number[] = [];
  for await (const b of iterateSample(path, 3)) sizes.push(b.rows.length);
  assert.equal(sizes, [3, 3, 3, 1]);
});

test('close(finalManifest) replaces a same-length placeholder manifest everywhere in the file; another length is refused', async () => {
  const { readFileSync } = await import('node:fs');
  const placeholder = JSON.stringify({ sha256: 'sha256 pending'.padEnd(64, '.'), n: 1 });
  const final = JSON.stringify({ sha256: 'ab'.repeat(32), n: 1 });
  for (const rows of [0, 1, 9]) {
    const path = join(dir, `patched-${rows}.arrow`);
    const w = openSampleWriter(path, 2, placeholder, 4);
    for (let i = 0; i < rows; i++) await w.add({ id: `r${i}`, embedding: Float32Array.of(i, 1), text: null, metadata: null, stratum: 's', edgeTags: [], inclusionProb: 1, weight: 1 });
    assert.equal(await w.close(final), { rows });
    const bytes = readFileSync(path);
    assert.is(bytes.indexOf('sha256 pending'), -1, `${rows} rows: no placeholder left`);
    const s = await readSample(path);
    assert.equal(s.manifest, JSON.parse(final));
    assert.is(s.rows.length, rows);
  }
  const w = openSampleWriter(join(dir, 'refused.arrow'), 2, placeholder, 4);
  await w.add({ id: 'a', embedding: Float32Array.of(1, 2), text: null, metadata: null, stratum: 's', edgeTags: [], inclusionProb: 1, weight: 1 });
  try {
    await w.close(JSON.stringify({ sha256: 'short' }));
    assert.unreachable('a final manifest of another length must be refused');
  } catch (err) {
    assert.match((err as Error).message, /same byte length|placeholder's byte length/);
  }
});

test('an empty sample still carries its schema and manifest', async () => {
  const path = join(dir, 'e.arrow');
  const w = openSampleWriter(path, 5, JSON.stringify({ kind: 'empty' }));
  await w.close();
  const s = await readSample(path);
  assert.is(s.dimension, 5);
  assert.is(s.rows.length, 0);
  assert.equal(s.manifest, { kind: 'empty' });
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
