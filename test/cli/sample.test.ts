import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { runCli } from '../helpers/cli.js';
import { buildProdCsv, shuffled, writeCsv } from '../helpers/prod-csv.js';
import { readSample } from '../../src/arrow/index.js';

const dir = mkdtempSync(join(tmpdir(), 'vecstage-sample-'));
const data = buildProdCsv({ rows: 20_000, dim: 16, seed: 3 });
const prod = join(dir, 'prod.csv');
writeCsv(prod, data.header, data.lines);
const base = ['--fraction', '0.15', '--stratify-by', 'tenant,lang', '--seed', '7'];

async function ids(out: string): Promise<string[]> {
  return (await readSample(out)).rows.map((r) => r.id).sort();
}

test('sample writes a reconciled 10-20% stratified sample with every edge case and every bad row', async () => {
  const out = join(dir, 's');
  const r = await runCli(['sample', prod, '--out', out, ...base, '--json'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  for (const f of ['sample.arrow', 'manifest.json', 'rejects.jsonl']) assert.ok(existsSync(join(out, f)), f);
  const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  const c = m.counts;
  assert.is(c.rows_read, data.lines.length);
  assert.is(c.rows_valid, data.validIds.length);
  assert.is(c.rows_read, c.rows_valid + c.rows_rejected);
  assert.is(c.sample_rows, c.stratified + c.edge_cases);
  const frac = c.sample_rows / c.rows_valid;
  assert.ok(frac >= 0.1 && frac <= 0.2, `fraction ${frac}`);
  const s = await readSample(out);
  assert.is(s.rows.length, c.sample_rows);
  assert.is(s.dimension, 16);
  // every stratum holds at least min(N_h, 5)
  const perStratum = new Map<string, number>();
  for (const row of s.rows) perStratum.set(row.stratum, (perStratum.get(row.stratum) ?? 0) + 1);
  for (const st of m.strata) assert.ok((perStratum.get(st.stratum) ?? 0) >= Math.min(st.N, 5), st.stratum);
  assert.is(perStratum.get(data.rareStratum), 3);
  // edge cases present with their tags
  const byId = new Map(s.rows.map((row) => [row.id, row]));
  for (const id of data.zeroIds) assert.ok(byId.get(id)?.edgeTags.includes('zero_vector'), id);
  for (const id of data.emptyTextIds) assert.ok(byId.get(id)?.edgeTags.includes('empty_text'), id);
  for (const id of data.duplicateVectorIds) assert.ok(byId.get(id)?.edgeTags.includes('duplicate_vector'), id);
  for (const id of data.rareIds) assert.ok(byId.get(id)?.edgeTags.includes('rare_stratum'), id);
  for (const row of s.rows) {
    assert.ok(row.inclusionProb > 0 && row.inclusionProb <= 1);
    assert.ok(Math.abs(row.weight - 1 / row.inclusionProb) < 1e-9);
  }
  // every bad row is in rejects with its line and reason
  const rejects = readFileSync(join(out, 'rejects.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.is(rejects.length, c.rows_rejected);
  assert.is(rejects.length, data.bad.size);
  for (const rj of rejects) assert.is(rj.reason, data.bad.get(rj.line), `line ${rj.line}`);
  const dup = rejects.find((x) => x.reason === 'duplicate_id');
  assert.match(dup.detail, /line \d+/);
  assert.is(JSON.parse(r.stdout).counts.sample_rows, c.sample_rows);
});

test('sample.arrow has the DESIGN §3 column types and the manifest in schema metadata', () => {
  const t = tableFromIPC(readFileSync(join(dir, 's', 'sample.arrow')));
  const types = Object.fromEntries(t.schema.fields.map((f) => [f.name, `${f.type}${f.nullable ? '?' : ''}`]));
  assert.equal(types, {
    id: 'Utf8',
    embedding: 'FixedSizeList[16]<Float32>',
    text: 'Utf8?',
    metadata: 'Utf8?',
    stratum: 'Utf8',
    edge_tags: 'List<Utf8>',
    inclusion_prob: 'Float64',
    weight: 'Float64',
  });
  const emb = t.schema.fields.find((f) => f.name === 'embedding')!;
  assert.is(emb.type.children[0].nullable, false);
  const manifest = JSON.parse(t.schema.metadata.get('vecstage:manifest')!);
  assert.is(manifest.counts.sample_rows, t.numRows);
});

test('the same rows in another order select the same ids (exact and bernoulli); another seed differs', async () => {
  const other = join(dir, 'shuffled.csv');
  writeCsv(other, data.header, shuffled(data.lines, 99));
  for (const mode of ['exact', 'bernoulli']) {
    const a = join(dir, `o-${mode}-a`);
    const b = join(dir, `o-${mode}-b`);
    assert.is((await runCli(['sample', prod, '--out', a, ...base, '--mode', mode], { cwd: dir })).code, 0);
    assert.is((await runCli(['sample', other, '--out', b, ...base, '--mode', mode], { cwd: dir })).code, 0);
    assert.equal(await ids(b), await ids(a), mode);
  }
  const c = join(dir, 'seed8');
  assert.is((await runCli(['sample', prod, '--out', c, '--fraction', '0.15', '--stratify-by', 'tenant,lang', '--seed', '8'], { cwd: dir })).code, 0);
  const s7 = new Set(await ids(join(dir, 's')));
  const s8 = await ids(c);
  const common = s8.filter((id) => s7.has(id)).length;
  assert.ok(common < s8.length * 0.5, `seed 8 shares ${common} of ${s8.length} ids with seed 7`);
});

test('bernoulli: the union of the samples of disjoint parts equals the sample of the whole', async () => {
  const parts = [data.lines.slice(0, 7000), data.lines.slice(7000, 12345), data.lines.slice(12345)];
  const union: string[] = [];
  for (const [i, lines] of parts.entries()) {
    const f = join(dir, `part-${i}.csv`);
    writeCsv(f, data.header, lines);
    const out = join(dir, `bp-${i}`);
    const r = await runCli(['sample', f, '--out', out, ...base, '--mode', 'bernoulli'], { cwd: dir });
    assert.is(r.code, 0, r.stderr);
    union.push(...(await ids(out)));
  }
  const whole = join(dir, 'o-bernoulli-a');
  assert.equal([...new Set(union)].sort(), await ids(whole));
});

test('stdin "-" samples in bernoulli mode', async () => {
  const out = join(dir, 'stdin');
  const r = await runCli(['sample', '-', '--out', out, ...base], { cwd: dir, stdin: data.text });
  assert.is(r.code, 0, r.stderr);
  assert.equal(await ids(out), await ids(join(dir, 'o-bernoulli-a')));
});

function assertInputError(r: { code: number; stderr: string }, pattern: RegExp, out: string): void {
  assert.is(r.code, 2, r.stderr);
  assert.is(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, pattern);
  assert.not.ok(existsSync(out), 'no output folder');
}

test('bad flags, missing, empty and header-only files, unknown config keys: exit 2, one line, no output', async () => {
  const out = join(dir, 'never');
  assertInputError(await runCli(['sample', prod, '--out', out, '--fraction', '0.5'], { cwd: dir }), /fraction: 0\.5 \(--fraction\); allowed: \[0\.1, 0\.2\]/, out);
  assertInputError(await runCli(['sample', prod, '--out', out, '--bogus'], { cwd: dir }), /Unknown option '--bogus'/, out);
  assertInputError(await runCli(['sample', prod, '--out', out, '--mode', 'fast'], { cwd: dir }), /--mode: "fast"; allowed: exact, bernoulli/, out);
  assertInputError(await runCli(['sample', join(dir, 'missing.csv'), '--out', out], { cwd: dir }), /input file not found: .*missing\.csv/, out);
  writeFileSync(join(dir, 'empty.csv'), '');
  assertInputError(await runCli(['sample', join(dir, 'empty.csv'), '--out', out], { cwd: dir }), /empty input: .*empty\.csv/, out);
  writeFileSync(join(dir, 'header.csv'), 'id,embedding\n');
  assertInputError(await runCli(['sample', join(dir, 'header.csv'), '--out', out], { cwd: dir }), /no data rows: .*header\.csv/, out);
  assertInputError(await runCli(['sample', prod, '--out', out, '--stratify-by', 'region'], { cwd: dir }), /stratum column "region"/, out);
  const cfgDir = mkdtempSync(join(tmpdir(), 'vecstage-cfg-'));
  writeFileSync(join(cfgDir, 'vecstage.config.json'), JSON.stringify({ sampling: { fractionMin: 0.1, fractionMax: 0.2, minPerStratum: 5 }, bogus: 1 }));
  assertInputError(await runCli(['sample', prod, '--out', out], { cwd: cfgDir }), /bogus/, out);
  writeFileSync(join(dir, 'spec.json'), JSON.stringify({ fraction: 0.15, stratifyby: ['tenant'] }));
  assertInputError(await runCli(['sample', prod, '--out', out, '--spec', join(dir, 'spec.json')], { cwd: dir }), /invalid key: "stratifyby".*allowed: .*stratifyBy/, out);
  rmSync(cfgDir, { recursive: true, force: true });
});

test('import keeps every valid row; inspect summarises a sample', async () => {
  const out = join(dir, 'imported');
  const r = await runCli(['import', prod, '--out', out, '--json'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  const s = await readSample(out);
  assert.is(s.rows.length, data.validIds.length);
  assert.ok(s.rows.every((row) => row.inclusionProb === 1 && row.weight === 1));
  const i = await runCli(['inspect', join(dir, 's'), '--json']);
  assert.is(i.code, 0, i.stderr);
  const info = JSON.parse(i.stdout);
  assert.is(info.dimension, 16);
  assert.is(info.strata[data.rareStratum], 3);
  const h = await runCli(['inspect', join(dir, 's', 'sample.arrow')]);
  assert.match(h.stdout, /tenant=tiny,lang=ja\s+3/);
  assert.is((await runCli(['sample', '--help'])).code, 0);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
