/**
 * The generator's ground truth as an oracle for the sampler (src/sampler, owned elsewhere): every bad row the
 * generator injected must be in rejects.jsonl with the matching reason and line, and every injected edge case must
 * carry the matching tag. Import keeps every valid row, so tags can be checked row by row.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSample } from '../../src/arrow/index.js';
import { importRows, sample } from '../../src/sampler/index.js';
import { generateExport, type BadKind, type EdgeKind, type GenerateResult, type TruthEntry } from '../../src/synth/index.js';

const REASON: Record<BadKind, string> = {
  'nan-embedding': 'non_finite',
  'inf-embedding': 'non_finite',
  'wrong-dimension': 'wrong_dimension',
  'unparseable-embedding': 'unparseable_embedding',
  'repeated-id': 'duplicate_id',
  'missing-id': 'missing_id',
  'broken-quote': 'unparseable_row',
  'wrong-column-count': 'unparseable_row',
};
const TAG: Record<EdgeKind, string> = {
  'empty-text': 'empty_text',
  'short-text': 'short_text',
  'long-text': 'long_text',
  'mixed-script': 'mixed_scripts',
  'duplicate-vector': 'duplicate_vector',
  'near-duplicate-vector': 'near_duplicate',
  'zero-vector': 'zero_vector',
  'outlier-norm': 'outlier_norm',
  'missing-metadata': 'missing_metadata',
};

let dir = '';
const gens: Record<string, GenerateResult> = {};
test.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vecstage-synth-sampler-'));
  for (const format of ['csv', 'jsonl'] as const) {
    gens[format] = await generateExport({ out: join(dir, `prod.${format}`), rows: 3000, dim: 16, seed: 11, format });
  }
});
test.after(async () => {
  await rm(dir, { recursive: true, force: true });
});

for (const format of ['csv', 'jsonl'] as const) {
  test(`${format}: every injected bad row is rejected with its reason and line; counts reconcile`, async () => {
    const g = gens[format]!;
    const out = join(dir, `sample-${format}`);
    const r = await sample({ input: g.out, out, seed: '1', stratifyBy: ['tenant', 'lang'] });
    const rejects = (await readFile(join(out, 'rejects.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { line: number; reason: string });
    const byLine = new Map(rejects.map((x) => [x.line, x.reason]));
    for (const [kind, entries] of Object.entries(g.truth.badRows) as Array<[BadKind, TruthEntry[]]>) {
      for (const e of entries) {
        const want = format === 'jsonl' && ['nan-embedding', 'inf-embedding', 'broken-quote', 'wrong-column-count'].includes(kind) ? undefined : REASON[kind];
        if (kind === 'repeated-id' && e.of) {
          // a repeated id keeps the occurrence with the smaller record hash (sampler/README.md): one of the two is rejected
          const lines = [e.line, e.of.line].filter((l) => byLine.get(l) === 'duplicate_id');
          assert.is(lines.length, 1, `repeated id ${e.id} at lines ${e.of.line} and ${e.line}: one rejected`);
          continue;
        }
        assert.ok(byLine.has(e.line), `${kind} at line ${e.line} not rejected`);
        if (want) assert.is(byLine.get(e.line), want, `${kind} at line ${e.line}`);
      }
    }
    assert.is(rejects.length, g.truth.rowsRejected);
    assert.is(r.manifest.counts.rows_read, g.truth.rows);
    assert.is(r.manifest.counts.rows_valid, g.truth.rowsValid);
  });
}

test('csv: every injected edge case carries its tag; the rare stratum is tagged and kept', async () => {
  const g = gens.csv!;
  const out = join(dir, 'import-csv');
  await importRows({ input: g.out, out, seed: '1', stratifyBy: ['tenant', 'lang'] });
  const { rows } = await readSample(out);
  const tags = new Map(rows.map((r) => [r.id, r.edgeTags]));
  assert.is(rows.length, g.truth.rowsValid);
  for (const [kind, entries] of Object.entries(g.truth.edgeCases) as Array<[EdgeKind, { id?: string }[]]>) {
    const missed = entries.filter((e) => !(tags.get(e.id!) ?? []).includes(TAG[kind])).map((e) => e.id);
    assert.equal(missed, [], `${kind}: untagged ids`);
  }
  for (const id of g.truth.rareStratum.ids) assert.ok((tags.get(id) ?? []).includes('rare_stratum'), `rare stratum row ${id}`);
});

test.run();
