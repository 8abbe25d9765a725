import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDocumentSample, openDocumentSample, parseSpec, sample, importRows, type DocumentSampleRow } from '../../../src/sampler/index.js';
import { textStats } from '../../../src/sampler/documents/text-stats.js';
import { openSampleSource } from '../../../src/load/arrow-source.js';
import { buildDocs, csvLines, jsonlLines, PLANTED, shuffled, writeArrowDocs, writeLines } from './corpus.js';

const dir = mkdtempSync(join(tmpdir(), 'vecstage-docs-'));
const docs = buildDocs();
const csv = join(dir, 'docs.csv');
const jsonl = join(dir, 'docs.jsonl');
const arrow = join(dir, 'docs.arrow');
writeLines(csv, csvLines(docs));
writeLines(jsonl, jsonlLines(docs));
writeArrowDocs(arrow, docs);
const common = { cwd: dir, documents: true as const, stratifyBy: ['tenant', 'lang'], seed: '5' };

async function rowsOf(out: string): Promise<DocumentSampleRow[]> {
  const s = await openDocumentSample(out, dir);
  const rows: DocumentSampleRow[] = [];
  for await (const b of s.documents(100)) rows.push(...b);
  return rows;
}
/** Awaits `fn` and checks that it throws a message matching `re`. */
async function rejects(fn: () => Promise<unknown>, re: RegExp): Promise<void> {
  try {
    await fn();
  } catch (err) {
    assert.match((err as Error).message, re);
    return;
  }
  assert.unreachable(`expected an error matching ${re}`);
}
const manifestOf = (out: string) => JSON.parse(readFileSync(join(dir, out, 'manifest.json'), 'utf8'));
const rejectsOf = (out: string) => readFileSync(join(dir, out, 'rejects.jsonl'), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));

test('textStats: nearest-rank quantiles, mean, empty count', () => {
  const s = textStats(Uint32Array.from([10, 1, 2, 3, 4, 5, 6, 7, 8, 9]), 2);
  assert.equal(s, { documents: 10, empty: 2, chars: { total: 55, min: 1, mean: 5.5, p50: 5, p90: 9, p99: 10, max: 10 } });
  assert.equal(textStats(new Uint32Array(0), 0).chars, { total: 0, min: 0, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 });
});

test('CSV, JSONL and Arrow exports of the same documents give the same sample', async () => {
  const outs: Array<{ ids: string[]; manifest: Record<string, any> }> = [];
  for (const [input, out] of [[csv, 's-csv'], [jsonl, 's-jsonl'], [arrow, 's-arrow']] as const) {
    const r = await sample({ ...common, input, out });
    assert.is(r.manifest.kind, 'documents');
    const rows = await rowsOf(out);
    outs.push({ ids: rows.map((x) => x.id).sort(), manifest: r.manifest });
  }
  const [a, b, c] = outs;
  assert.equal(b!.ids, a!.ids);
  assert.equal(c!.ids, a!.ids);
  for (const o of [b!, c!]) {
    assert.equal(o.manifest.strata, a!.manifest.strata);
    assert.equal(o.manifest.tags, a!.manifest.tags);
    assert.equal(o.manifest.counts, a!.manifest.counts);
    assert.equal(o.manifest.text, a!.manifest.text);
  }
  // no embedding anywhere: the sample.arrow columns and the manifest
  assert.not.ok('embedding' in a!.manifest);
  assert.ok(!readFileSync(join(dir, 's-csv', 'sample.arrow')).includes('embedding'));
});

test('the sample: fraction, per-stratum sizes, inclusion probabilities, reconciliation', async () => {
  const out = 's-csv';
  const m = manifestOf(out);
  const rows = await rowsOf(out);
  const c = m.counts;
  assert.is(c.rows_read, docs.length);
  assert.is(c.rows_read, c.rows_valid + c.rows_rejected);
  assert.is(c.sample_rows, c.stratified + c.edge_cases);
  assert.is(rows.length, c.sample_rows);
  // the target is round(0.15 * N): certainty rows count toward it
  assert.is(c.sample_rows, Math.round(0.15 * c.rows_valid));
  assert.is(m.fraction.requested, 0.15);
  for (const s of m.strata) {
    const inStratum = rows.filter((r) => r.stratum === s.stratum);
    assert.is(inStratum.length, s.sampled, s.stratum);
    assert.is(s.sampled, s.n + s.certainty, s.stratum);
    const stratified = inStratum.filter((r) => r.inclusionProb < 1);
    for (const r of stratified) {
      assert.ok(Math.abs(r.inclusionProb - s.n / (s.N - s.certainty)) < 1e-12);
      assert.ok(Math.abs(r.weight - 1 / r.inclusionProb) < 1e-9);
    }
    assert.ok(s.sampled >= Math.min(s.N, 5), `${s.stratum}: at least minPerStratum`);
  }
  assert.is(rows.filter((r) => r.inclusionProb === 1).length, c.edge_cases);
  assert.is(m.purpose, 'sample');
  assert.is(m.origin, 'production');
  assert.is(m.source.sha256, createHash('sha256').update(readFileSync(csv)).digest('hex'));
  assert.is(m.text.input.documents, c.rows_valid);
  assert.is(m.text.sample.documents, c.sample_rows);
});

test('edge cases are tagged and kept with certainty: text, metadata, rare stratum, near-duplicate text', async () => {
  const rows = await rowsOf('s-jsonl');
  const tagsOf = (id: string) => rows.find((r) => r.id === id)?.edgeTags ?? [];
  assert.ok(tagsOf(PLANTED.empty).includes('empty_text'));
  assert.ok(tagsOf(PLANTED.whitespace).includes('empty_text'));
  assert.ok(tagsOf(PLANTED.nullText).includes('empty_text'));
  assert.is(rows.find((r) => r.id === PLANTED.nullText)?.text, '', 'a null text comes out as ""');
  assert.ok(tagsOf(PLANTED.short).includes('short_text'));
  assert.ok(tagsOf(PLANTED.long).includes('long_text'));
  assert.ok(tagsOf(PLANTED.nonAscii).includes('non_ascii'));
  assert.ok(tagsOf(PLANTED.mixed).includes('mixed_scripts'));
  assert.ok(tagsOf(PLANTED.noMetadata).includes('missing_metadata'));
  assert.ok(tagsOf(PLANTED.rare).includes('rare_stratum'));
  for (const id of PLANTED.nearDuplicate) assert.ok(tagsOf(id).includes('near_duplicate'), id);
  // nothing else is a near duplicate of anything (the other texts are random)
  assert.is(rows.filter((r) => r.edgeTags.includes('near_duplicate')).length, 2);
  for (const id of Object.values(PLANTED).flat()) assert.is(rows.find((r) => r.id === id)?.inclusionProb, 1, id);
  const m = manifestOf('s-jsonl');
  assert.is(m.tags.near_duplicate.tagged, 2);
  assert.match(m.detectors.near_duplicate.method, /MinHash/);
});

test('custom spec rules and fixture ids: tagged and kept with certainty', async () => {
  // not under fixtures/edge-cases/ (the default pattern): the other tests here run without fixtures
  mkdirSync(join(dir, 'picks'), { recursive: true });
  writeFileSync(join(dir, 'picks', 'picked.jsonl'), '{"id": "doc-7", "tag": "analyst_pick"}\n');
  const spec = parseSpec({ fixtures: ['picks/*.jsonl'], rules: [{ tag: 'invoice_de', field: 'text', regex: 'Rechnung' }, { tag: 'initech_de', where: { tenant: 'initech', lang: 'de' } }], caps: { initech_de: 3 } }, 'spec.json');
  const r = await sample({ ...common, input: csv, out: 's-rules', spec });
  const rows = await rowsOf('s-rules');
  const byId = new Map(rows.map((x) => [x.id, x]));
  assert.ok(byId.get(PLANTED.nonAscii)?.edgeTags.includes('invoice_de'));
  assert.ok(byId.get('doc-7')?.edgeTags.includes('analyst_pick'));
  assert.is(byId.get('doc-7')?.inclusionProb, 1);
  assert.equal(r.manifest.tags.analyst_pick, { tagged: 1, kept: 1, cap: 200, inSample: 1 });
  assert.is(r.manifest.tags.initech_de!.kept, 3, 'capped per tag');
  assert.ok(r.manifest.tags.initech_de!.tagged > 100);
  assert.equal(r.manifest.spec.fixtureFiles, ['picked.jsonl']);
});

test('determinism: a shuffled file gives the same ids, strata and tags; another seed does not', async () => {
  const lines = jsonlLines(docs);
  writeLines(join(dir, 'shuffled.jsonl'), shuffled(lines, 3));
  await sample({ ...common, input: join(dir, 'shuffled.jsonl'), out: 's-shuffled' });
  const a = await rowsOf('s-jsonl');
  const b = await rowsOf('s-shuffled');
  const key = (r: DocumentSampleRow) => `${r.id}|${r.stratum}|${[...r.edgeTags].sort().join(',')}|${r.inclusionProb}`;
  assert.equal(b.map(key).sort(), a.map(key).sort());
  assert.equal(manifestOf('s-shuffled').strata, manifestOf('s-jsonl').strata);
  await sample({ ...common, seed: '6', input: jsonl, out: 's-seed6' });
  assert.not.equal((await rowsOf('s-seed6')).map((r) => r.id).sort(), a.map((r) => r.id).sort());
});

test('rejects: line, column and reason; of a record repeated as it is, the first occurrence is kept', async () => {
  const lines = [
    '{"id":"a1","text":"first","tenant":"acme"}',
    '{"id":"","text":"no id","tenant":"acme"}',
    'not json',
    '{"id":"a1","text":"first","tenant":"acme"}',
    '{"id":"a2","text":["not","text"],"tenant":"acme"}',
    '{"id":"a3","tenant":"acme"}',
    '{"id":"a4","text":"ok","tenant":"acme"}',
  ];
  const bad = Buffer.concat([Buffer.from(`${lines.join('\n')}\n{"id":"a5","text":"caf`), Buffer.from([0xff]), Buffer.from('"}\n')]);
  writeFileSync(join(dir, 'bad.jsonl'), bad);
  const r = await importRows({ input: join(dir, 'bad.jsonl'), out: 'bad', cwd: dir, documents: true });
  const rj = rejectsOf('bad');
  assert.equal(rj.map((x: { line: number; reason: string }) => [x.line, x.reason]), [
    [2, 'missing_id'],
    [3, 'unparseable_row'],
    [4, 'duplicate_id'],
    [5, 'unparseable_cell'],
    [8, 'invalid_utf8'],
  ]);
  assert.match(rj[2].detail, /already seen at line 1 with the same record/);
  assert.is(rj[3].column, 'text');
  // every kept row is an edge case here: "first" and "ok" are short, a3 has no text
  assert.equal(r.manifest.counts, { rows_read: 8, rows_valid: 3, rows_rejected: 5, sample_rows: 3, stratified: 0, edge_cases: 3 });
  assert.is(r.manifest.purpose, 'import');
  // a record without the text field is an empty text, kept (an edge case, not a reject)
  const rows = await rowsOf('bad');
  assert.equal(rows.map((x) => x.id).sort(), ['a1', 'a3', 'a4']);
  assert.equal(rows.find((x) => x.id === 'a1')?.text, 'first');
  assert.ok(rows.find((x) => x.id === 'a3')?.edgeTags.includes('empty_text'));
  // CSV: a short record, and invalid UTF-8 decoded to U+FFFD
  writeFileSync(join(dir, 'bad.csv'), Buffer.concat([Buffer.from('id,text,tenant\nc1,fine text here,acme\nc2,too,many,fields\nc3,caf'), Buffer.from([0xff]), Buffer.from(',acme\n')]));
  await importRows({ input: join(dir, 'bad.csv'), out: 'bad-csv', cwd: dir, documents: true });
  assert.equal(rejectsOf('bad-csv').map((x: { line: number; reason: string }) => [x.line, x.reason]), [[3, 'unparseable_row'], [4, 'invalid_utf8']]);
});

test('CSV: quoted cells spanning lines (CRLF, LF, doubled quotes) keep their text', async () => {
  writeFileSync(join(dir, 'multiline.csv'), 'id,text,tenant\r\nm1,"line one\r\nline two, with ""quotes""",acme\r\nm2,plain words here,acme\r\nm3,"para\n\nnext one",globex\r\n');
  const r = await importRows({ input: join(dir, 'multiline.csv'), out: 'ml', cwd: dir, documents: true });
  assert.is(r.manifest.counts.rows_valid, 3);
  const rows = await rowsOf('ml');
  assert.equal(rows.map((x) => [x.id, x.text]), [['m1', 'line one\r\nline two, with "quotes"'], ['m2', 'plain words here'], ['m3', 'para\n\nnext one']]);
  assert.equal(rejectsOf('ml'), []);
});

test('input errors: no text column names it; an empty file; the vector path names a document export', async () => {
  writeLines(join(dir, 'notext.csv'), ['id,body,tenant', 'x1,hello,acme']);
  await rejects(() => sample({ ...common, input: join(dir, 'notext.csv'), out: 'nt' }), /text column "text" not found in .*notext\.csv \(header\); columns: id, body, tenant; .*--text/);
  assert.not.ok(existsSync(join(dir, 'nt')));
  const ok = await sample({ ...common, stratifyBy: [], input: join(dir, 'notext.csv'), out: 'nt2', columns: { text: 'body' } });
  assert.is(ok.manifest.counts.rows_valid, 1);
  writeLines(join(dir, 'notext.jsonl'), ['{"id":"x1","body":"hello"}']);
  await rejects(() => sample({ ...common, input: join(dir, 'notext.jsonl'), out: 'nt3' }), /text column "text" not found in .*notext\.jsonl \(first record, line 1\)/);
  await rejects(() => sample({ input: csv, out: 'vec', cwd: dir }), /has no "embedding" column: a document export/);
  assert.ok(readdirSync(dir).every((f) => !f.includes('.tmp-')), 'no temp folder left behind');
  // failed runs (header errors in pass 1, after the detection read the header) leave no file open (Linux)
  if (existsSync('/proc/self/fd')) {
    const open = () => readdirSync('/proc/self/fd').length;
    const settle = () => new Promise((r) => setTimeout(r, 100)); // earlier tests' streams close asynchronously
    await settle();
    const before = open();
    for (const input of ['notext.csv', 'notext.jsonl']) await sample({ ...common, input: join(dir, input), out: 'nt4' }).catch(() => undefined);
    await sample({ input: arrow, out: 'vec2', cwd: dir }).catch(() => undefined);
    // inputs close a few ticks after the rejection: wait for them (a leaked fd never closes)
    for (let t = 0; t < 40 && open() > before; t++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(open() <= before, `no file descriptor left open (${before} before, ${open()} after three failed runs)`);
  }
});

test('openDocumentSample and isDocumentSample: manifest hash, origin, rows, batches; false for anything else', async () => {
  const s = await openDocumentSample('s-csv', dir);
  assert.is(s.dir, 's-csv');
  assert.is(s.manifestHash, createHash('sha256').update(readFileSync(join(dir, 's-csv', 'manifest.json'))).digest('hex'));
  assert.is(s.origin, 'production');
  assert.is(s.rows, manifestOf('s-csv').counts.sample_rows);
  const sizes: number[] = [];
  for await (const b of s.documents(64)) sizes.push(b.length);
  assert.ok(sizes.slice(0, -1).every((n) => n === 64));
  assert.is(sizes.reduce((a, b) => a + b, 0), s.rows);
  const bare = await openDocumentSample(join('s-csv', 'sample.arrow'), dir);
  assert.is(bare.manifestHash, s.manifestHash);
  assert.ok(await isDocumentSample(join(dir, 's-csv')));
  assert.ok(await isDocumentSample(join(dir, 's-csv', 'sample.arrow')));
  assert.not.ok(await isDocumentSample(csv));
  assert.not.ok(await isDocumentSample(arrow), 'an Arrow export without a manifest');
  assert.not.ok(await isDocumentSample(join(dir, 'missing')));
  assert.not.ok(await isDocumentSample(dir));
  await rejects(() => openDocumentSample(csv, dir), /docs\.csv is not a document sample \(not an Arrow IPC file\)/);
});

test('load refuses a document sample (exit 2 code INPUT): build it instead', async () => {
  try {
    await openSampleSource('s-csv', dir);
    assert.unreachable('should refuse');
  } catch (err) {
    assert.is((err as { code?: string }).code, 'INPUT');
    assert.is((err as Error).message, 's-csv is a document sample (no embeddings); build an index from it with `vecstage build s-csv --pipeline <name>`');
  }
});

test('bernoulli mode: u < fraction per document; built-in tags annotate only', async () => {
  const r = await sample({ ...common, input: jsonl, out: 's-bern', mode: 'bernoulli' });
  assert.is(r.manifest.mode, 'bernoulli');
  const rows = await rowsOf('s-bern');
  assert.is(rows.length, r.manifest.counts.sample_rows);
  assert.is(r.manifest.counts.edge_cases, 0);
  assert.ok(rows.every((x) => x.inclusionProb === 0.15));
  // the rule, computed apart: u = md5(seed ":" id)[0..8] / 2^64 < 0.15 (every document here is valid and unique)
  const expected = docs.map((d) => d.id).filter((id) => Number(BigInt(`0x${createHash('md5').update(`5:${id}`).digest('hex').slice(0, 16)}`)) / 2 ** 64 < 0.15);
  assert.equal(rows.map((x) => x.id).sort(), expected.sort());
  // and the same ids for the same input in any order
  writeLines(join(dir, 'shuffled2.jsonl'), shuffled(jsonlLines(docs), 9));
  await sample({ ...common, input: join(dir, 'shuffled2.jsonl'), out: 's-bern2', mode: 'bernoulli' });
  assert.equal((await rowsOf('s-bern2')).map((x) => x.id).sort(), rows.map((x) => x.id).sort());
});

test.run();
