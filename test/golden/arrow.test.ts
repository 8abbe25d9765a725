import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeGoldenArrow } from '../../src/arrow/index.js';
import { readGolden } from '../../src/golden/index.js';

test('golden queries round-trip through Arrow IPC and are validated like JSONL', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vecstage-golden-arrow-'));
  const path = join(dir, 'g.arrow');
  await writeGoldenArrow(path, [
    { id: 'q1', text: 'hallo', embedding: Float32Array.from([1, 0, 0]), relevant: { d1: 2 }, tags: ['multilingual'], filter: { tenant: 'acme' } },
    { id: 'q2', text: null, embedding: Float32Array.from([0, 1, 0]), relevant: {}, tags: [], filter: null },
  ]);
  const set = await readGolden(path);
  assert.is(set.dimension, 3);
  assert.equal(set.queries.map((q) => q.id), ['q1', 'q2']);
  assert.equal(set.queries[0]!.relevant, { d1: 2 });
  assert.equal(set.queries[0]!.filter, { tenant: 'acme' });
  assert.equal(set.queries[0]!.tags, ['multilingual']);
  assert.is(set.queries[1]!.text, null);
  try {
    await readGolden(path, { dimension: 4 });
    assert.unreachable();
  } catch (err) {
    assert.match((err as Error).message, /g\.arrow:1: query "q1": embedding has dimension 3, expected 4/);
  }
});

test.run();
