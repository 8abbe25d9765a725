/** writeTruthRows (src/truth/write-truth.ts) writes the very bytes of writeTruthFile (src/arrow), and reads back. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTruthFile, writeTruthFile, type TruthFileMeta, type TruthFileRow } from '../../src/arrow/index.js';
import { writeTruthRows } from '../../src/truth/write-truth.js';

const meta: TruthFileMeta = { k: 3, metric: 'l2', sampleManifestHash: 'abc', queriesHash: 'def', sample: 'sample', queries: 'q.jsonl', createdAt: '2026-01-01T00:00:00.000Z' };

const CASES: Array<[string, TruthFileRow[]]> = [
  ['no queries', []],
  ['full rows', Array.from({ length: 50 }, (_, q) => ({ queryId: `q${q}`, ids: [`d${q}`, `d${q + 1}`, `d${q * 7}`], distances: [0, 0.5 + q, 1e-300 * q] }))],
  ['short and empty rows (filters), non-ASCII and empty ids, negative and huge distances', [
    { queryId: 'q0', ids: [], distances: [] },
    { queryId: 'naïve-查询', ids: ['émile', '', '🙂'], distances: [-1.25, 0, 1.7976931348623157e308] },
    { queryId: '', ids: ['x'], distances: [Number.MIN_VALUE] },
  ]],
];

const dir = mkdtempSync(join(tmpdir(), 'vecstage-write-truth-'));
for (const [name, rows] of CASES) {
  test(`${name}: the same bytes as writeTruthFile, read back unchanged`, async () => {
    const a = join(dir, `${name}-a.arrow`);
    const b = join(dir, `${name}-b.arrow`);
    await writeTruthFile(a, meta, rows);
    await writeTruthRows(b, meta, rows);
    assert.ok(readFileSync(a).equals(readFileSync(b)), 'bytes');
    const back = await readTruthFile(b);
    assert.equal(back.meta, meta);
    assert.equal(back.rows, rows);
  });
}

test.run();
