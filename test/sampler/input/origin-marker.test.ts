/**
 * Issue 14: the origin marker travels with the data. A `vecstage generate` export copied ALONE (no
 * `<file>.truth.json`, renamed, in another folder) is still recorded as synthetic by sample and import, in CSV,
 * JSONL and Arrow; `--origin production` on it is refused (exit 3) naming the marker; the marker never becomes
 * metadata, a stratum or a tag, and does not change which rows are selected.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Schema, Table, tableFromArrays, tableToIPC } from 'apache-arrow';
import { readSample } from '../../../src/arrow/index.js';
import { detectGeneratedExport, detectOriginMarker, detectTruthSidecar } from '../../../src/sampler/input/origin.js';
import { generateExport } from '../../../src/synth/index.js';
import { runCli } from '../../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'vecstage-origin-marker-'));
const gen = join(dir, 'gen');
const elsewhere = join(dir, 'elsewhere');
mkdirSync(gen);
mkdirSync(elsewhere);
const manifest = (out: string) => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { origin: string; originSource: string; counts: Record<string, number> };
const DIM = 8;

test.before(async () => {
  for (const format of ['csv', 'jsonl'] as const) {
    const out = join(gen, `prod.${format}`);
    await generateExport({ out, rows: 2000, dim: DIM, seed: 5, format, truth: `${out}.truth.json` });
    // the copy a user would make: the export alone, under a production-looking name
    copyFileSync(out, join(elsewhere, `customer-export-2024.${format}`));
  }
});
test.after(() => rmSync(dir, { recursive: true, force: true }));

for (const format of ['csv', 'jsonl'] as const) {
  test(`${format}: a copy without its sidecar is sampled and imported as synthetic; the marker is named`, async () => {
    const copy = join(elsewhere, `customer-export-2024.${format}`);
    assert.not.ok(existsSync(`${copy}.truth.json`));
    const s = join(dir, `s-${format}`);
    const r = await runCli(['sample', copy, '--out', s, '--stratify-by', 'tenant,lang'], { cwd: elsewhere });
    assert.is(r.code, 0, r.stderr);
    assert.is(manifest(s).origin, 'synthetic');
    assert.match(manifest(s).originSource, /^detected: .*origin marker .*vecstage_origin.*synthetic/);
    const imp = join(dir, `i-${format}`);
    assert.is((await runCli(['import', copy, '--out', imp], { cwd: elsewhere })).code, 0);
    assert.is(manifest(imp).origin, 'synthetic');
  });

  test(`${format}: --origin production on the copy exits 3 naming the marker; nothing is written`, async () => {
    const copy = join(elsewhere, `customer-export-2024.${format}`);
    const out = join(dir, `never-${format}`);
    for (const verb of ['sample', 'import']) {
      const r = await runCli([verb, copy, '--out', out, '--origin', 'production', '--json'], { cwd: elsewhere });
      assert.is(r.code, 3, r.stderr);
      assert.match(r.stderr, /"production" contradicts the input: .*origin marker .*"vecstage_origin".*allowed: --origin synthetic/);
      assert.is((JSON.parse(r.stdout) as { error: { code: string } }).error.code, 'REFUSED');
      assert.not.ok(existsSync(out));
    }
  });

  test(`${format}: the marker is not metadata and changes no selection, stratum or tag`, async () => {
    const src = join(gen, `prod.${format}`);
    // the same rows without the marker, as the generator wrote them before issue 14
    const text = readFileSync(src, 'utf8');
    const stripped = format === 'csv' ? text.replace(/,vecstage_origin(?=\n)/, '').replaceAll(',synthetic\n', '\n').replaceAll(',synthetic,extra\n', ',extra\n') : text.replaceAll('"vecstage_origin":"synthetic",', '');
    assert.not.match(stripped, /vecstage_origin/);
    const plain = join(dir, `plain.${format}`);
    writeFileSync(plain, stripped);
    const a = join(dir, `cmp-marked-${format}`);
    const b = join(dir, `cmp-plain-${format}`);
    for (const [input, out] of [[src, a], [plain, b]] as const) {
      const r = await runCli(['sample', input, '--out', out, '--stratify-by', 'tenant,lang', '--seed', '3', '--origin', 'synthetic'], { cwd: dir });
      assert.is(r.code, 0, r.stderr);
    }
    const [ra, rb] = [(await readSample(a)).rows, (await readSample(b)).rows];
    assert.ok(ra.length > 100);
    assert.equal(ra.map((r) => [r.id, r.stratum, r.edgeTags, r.metadata, r.text, r.weight]), rb.map((r) => [r.id, r.stratum, r.edgeTags, r.metadata, r.text, r.weight]));
    assert.ok(ra.every((r) => r.metadata === null || !('vecstage_origin' in r.metadata)), 'marker kept out of metadata');
    assert.ok(ra.some((r) => r.edgeTags.includes('missing_metadata')), 'rows with only the marker still count as missing metadata');
    assert.equal(manifest(a).counts, manifest(b).counts);
    const rejects = (out: string) => readFileSync(join(out, 'rejects.jsonl'), 'utf8');
    assert.is(rejects(a).split('\n').length, rejects(b).split('\n').length);
  });
}

test('stdin (one pass, nothing read ahead): the first record\'s marker decides; production on it exits 3, no output', async () => {
  for (const format of ['csv', 'jsonl'] as const) {
    const stdin = readFileSync(join(gen, `prod.${format}`), 'utf8');
    const out = join(dir, `stdin-${format}`);
    const r = await runCli(['sample', '-', '--format', format, '--out', out], { cwd: dir, stdin });
    assert.is(r.code, 0, r.stderr);
    assert.is(manifest(out).origin, 'synthetic');
    assert.match(manifest(out).originSource, /first record of stdin carries the origin marker "vecstage_origin": "synthetic"/);
    const never = join(dir, `stdin-never-${format}`);
    const lie = await runCli(['sample', '-', '--format', format, '--out', never, '--origin', 'production'], { cwd: dir, stdin });
    assert.is(lie.code, 3, lie.stderr);
    assert.match(lie.stderr, /"production" contradicts the input: the first record of stdin carries the origin marker/);
    assert.not.ok(existsSync(never));
    const fixture = join(dir, `stdin-fixture-${format}`);
    assert.is((await runCli(['sample', '-', '--format', format, '--out', fixture, '--origin', 'fixture'], { cwd: dir, stdin })).code, 0);
    assert.is(manifest(fixture).origin, 'fixture');
  }
  // a raw document export (no embeddings) takes the document path: the same rule
  const docs = join(gen, 'docs.jsonl');
  assert.is((await runCli(['generate', '--documents', '--out', docs, '--docs', '200'], { cwd: dir })).code, 0);
  const docOut = join(dir, 'stdin-docs');
  const d = await runCli(['sample', '-', '--format', 'jsonl', '--out', docOut], { cwd: dir, stdin: readFileSync(docs, 'utf8') });
  assert.is(d.code, 0, d.stderr);
  assert.is(manifest(docOut).origin, 'synthetic');
  assert.is((await runCli(['sample', '-', '--format', 'jsonl', '--out', join(dir, 'never-docs'), '--origin', 'production'], { cwd: dir, stdin: readFileSync(docs, 'utf8') })).code, 3);
  const plain = join(dir, 'stdin-plain');
  const stdin = readFileSync(join(gen, 'prod.csv'), 'utf8').replace(/,vecstage_origin\n/, '\n').replaceAll(',synthetic,extra\n', ',extra\n').replaceAll(',synthetic\n', '\n');
  assert.is((await runCli(['sample', '-', '--out', plain], { cwd: dir, stdin })).code, 0);
  assert.is(manifest(plain).origin, 'production');
});

test('arrow: an imported sample.arrow copied alone (renamed) keeps its origin; production on it exits 3', async () => {
  const copy = join(elsewhere, 'vectors.arrow');
  copyFileSync(join(dir, 'i-csv', 'sample.arrow'), copy);
  const out = join(dir, 's-arrow');
  const r = await runCli(['sample', copy, '--out', out], { cwd: elsewhere });
  assert.is(r.code, 0, r.stderr);
  assert.is(manifest(out).origin, 'synthetic');
  assert.match(manifest(out).originSource, /vecstage sample of synthetic rows .*"vecstage:manifest"/);
  const lie = await runCli(['import', copy, '--out', join(dir, 'never-arrow'), '--origin', 'production'], { cwd: elsewhere });
  assert.is(lie.code, 3, lie.stderr);
  assert.match(lie.stderr, /vecstage:manifest/);
});

test('arrow: the marker as schema metadata or as a column (a conversion of the CSV); file and stream formats', async () => {
  const ids = ['a', 'b', 'c'];
  const base = tableFromArrays({ id: ids });
  const withMeta = new Table(new Schema(base.schema.fields, new Map([['vecstage_origin', 'synthetic']])), base.batches);
  const withColumn = tableFromArrays({ id: ids, vecstage_origin: ['synthetic', 'synthetic', 'synthetic'] });
  const cases: Array<[string, Uint8Array, RegExp | undefined]> = [
    ['meta.arrow', tableToIPC(withMeta, 'file'), /Arrow schema metadata of meta\.arrow carries the origin marker "vecstage_origin": "synthetic"/],
    ['meta.arrows', tableToIPC(withMeta, 'stream'), /schema metadata of meta\.arrows/],
    ['column.arrow', tableToIPC(withColumn, 'file'), /column\.arrow has the origin marker column "vecstage_origin"/],
    ['plain.arrow', tableToIPC(base, 'file'), undefined],
  ];
  for (const [name, bytes, want] of cases) {
    const p = join(elsewhere, name);
    writeFileSync(p, bytes);
    const ev = detectGeneratedExport(p);
    if (want === undefined) assert.is(ev, undefined, name);
    else {
      assert.is(ev?.origin, 'synthetic', name);
      assert.match(ev!.because, want);
    }
  }
});

test('detectOriginMarker: BOM, quoted header cells, fixture and production values, a first record past the head', () => {
  const at = (name: string, text: string | Buffer) => {
    const p = join(elsewhere, name);
    writeFileSync(p, text);
    return detectOriginMarker(p);
  };
  assert.is(at('bom.csv', '\uFEFFid,"vecstage_origin",embedding\nx,synthetic,"[1,2]"\n')?.origin, 'synthetic');
  assert.match(at('quoted.csv', 'id,text,vecstage_origin\nx,"a, ""quoted""\ntext",fixture\n')!.because, /value "fixture" in its first record/);
  assert.is(at('quoted.csv', 'id,text,vecstage_origin\nx,"a, ""quoted""\ntext",fixture\n')?.origin, 'fixture');
  assert.is(at('prod.csv', 'id,vecstage_origin\nx,production\n'), undefined, 'an explicit production value is no evidence');
  assert.is(at('none.csv', 'id,embedding,text\nx,"[1]",hello\n'), undefined);
  // a first record longer than the bytes read: the header alone decides
  const long = at('long.csv', `id,text,vecstage_origin\nx,"${'y'.repeat(1_200_000)}",synthetic\n`);
  assert.is(long?.origin, 'synthetic');
  assert.not.match(long!.because, /first record/);
  // JSONL: a first record that does not parse still shows its marker
  assert.is(at('cut.jsonl', '{"id":"x","vecstage_origin":"synthetic","embedding":[0.1,0.\n')?.origin, 'synthetic');
  assert.is(at('plain.jsonl', '{"id":"x","embedding":[0.1]}\n'), undefined);
  assert.is(at('empty.jsonl', ''), undefined);
});

test('the ground truth alone (an export written before the marker) is still evidence', () => {
  const p = join(elsewhere, 'old.csv');
  writeFileSync(p, 'id,embedding\nx,"[1,2]"\n');
  assert.is(detectGeneratedExport(p), undefined);
  writeFileSync(`${p}.truth.json`, JSON.stringify({ edgeCases: {}, badRows: {} }));
  assert.is(detectOriginMarker(p), undefined);
  assert.match(detectTruthSidecar(p)!.because, /old\.csv\.truth\.json/);
  assert.is(detectGeneratedExport(p)?.origin, 'synthetic');
});

test.run();
