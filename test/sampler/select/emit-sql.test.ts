import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { emitSql, thresholdHex } from '../../../src/sampler/select/emit-sql.js';
import { keyHex, keyToUnit, selectionKey } from '../../../src/sampler/select/hash.js';
import { BUILTIN_TAGS } from '../../../src/sampler/spec/spec-types.js';
import { readSample } from '../../../src/arrow/index.js';
import { runCli } from '../../helpers/cli.js';
import { buildProdCsv, writeCsv } from '../../helpers/prod-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'vecstage-emit-sql-'));
const data = buildProdCsv({ rows: 8000, dim: 8, seed: 11 });
// rows vecstage would reject are outside the SQL's scope (documented): the SQL test uses the valid rows only
const badLines = new Set(data.bad.keys());
const clean = data.lines.filter((_, i) => !badLines.has(i + 2));
const csv = join(dir, 'clean.csv');
writeCsv(csv, data.header, clean);
const noDetectors = join(dir, 'no-detectors.json');
writeFileSync(noDetectors, JSON.stringify({ detectors: Object.fromEntries(BUILTIN_TAGS.map((t) => [t, false])) }));

async function duckIds(sql: string): Promise<string[]> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    await con.run(`CREATE TABLE production_export AS SELECT * FROM read_csv('${csv.replaceAll("'", "''")}', header = true, all_varchar = true)`);
    const rows = (await con.runAndReadAll(sql)).getRowObjectsJson() as Array<{ id: string }>;
    return rows.map((r) => r.id).sort();
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

async function sampleIds(args: string[]): Promise<Array<{ id: string; inclusionProb: number; edgeTags: string[] }>> {
  const out = join(dir, `s-${Math.random().toString(36).slice(2)}`);
  const r = await runCli(['sample', csv, '--out', out, '--mode', 'bernoulli', ...args], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  return (await readSample(out)).rows.map((row) => ({ id: row.id, inclusionProb: row.inclusionProb, edgeTags: row.edgeTags }));
}

test('thresholdHex: floor(p * 2^64) as 16 lowercase hex digits, exact', () => {
  assert.is(thresholdHex(0.5), '8000000000000000');
  assert.is(thresholdHex(0.125), '2000000000000000');
  assert.is(thresholdHex(0.15), '2666666666666600');
  assert.is(thresholdHex(0.1), '1999999999999a00');
  assert.is(thresholdHex(1), undefined);
  // the hex rule and the sampler's rule agree on keys just below and at the threshold
  const t = BigInt(`0x${thresholdHex(0.15)}`);
  for (const k of [t - 1n, t, t + 1n, t - 4096n, t + 4096n]) {
    const hi = Number(k >> 32n);
    const lo = Number(k & 0xffffffffn);
    assert.is(keyHex(hi, lo) < (thresholdHex(0.15) as string), k < t, `key ${k.toString(16)}`);
  }
  // the md5 hex prefix is the selection key
  const key = selectionKey('7', 'doc-1');
  assert.ok(keyToUnit(key.hi, key.lo) >= 0);
});

test('duckdb: the emitted query selects exactly the ids the bernoulli hash rule selects (detectors off)', async () => {
  const r = await runCli(['sample', '--emit-sql', 'duckdb', '--seed', '7', '--fraction', '0.15'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stderr, '');
  const sqlIds = await duckIds(r.stdout);
  const rows = await sampleIds(['--seed', '7', '--fraction', '0.15', '--spec', noDetectors]);
  assert.equal(sqlIds, rows.map((x) => x.id).sort());
  assert.ok(sqlIds.length > 900 && sqlIds.length < 1500, `${sqlIds.length} of ${clean.length}`);
});

test('duckdb: with detectors on, the sample is the SQL rows plus the certainty rows of custom rules only', async () => {
  const sqlIds = new Set(await duckIds(emitSql({ dialect: 'duckdb', seed: 'vecstage', fraction: 0.12, idColumn: 'id' })));
  // built-in detectors only annotate in bernoulli mode: the same rows as the SQL
  const plain = await sampleIds(['--fraction', '0.12']);
  assert.equal(plain.map((x) => x.id).sort(), [...sqlIds].sort());
  assert.ok(plain.some((x) => x.edgeTags.length > 0), 'some rows carry tags');
  // a custom rule keeps its rows with certainty: those are the only rows beyond the SQL's
  const spec = join(dir, 'rule.json');
  writeFileSync(spec, JSON.stringify({ rules: [{ tag: 'refunds', field: 'text', regex: '^refund ' }] }));
  const rows = await sampleIds(['--fraction', '0.12', '--spec', spec]);
  const got = new Set(rows.map((x) => x.id));
  for (const id of sqlIds) assert.ok(got.has(id), id);
  const extra = rows.filter((x) => !sqlIds.has(x.id));
  assert.ok(extra.length > 0, 'the rule tags rows outside the hash selection');
  for (const x of extra) assert.ok(x.inclusionProb === 1 && x.edgeTags.includes('refunds'), x.id);
});

test('spark dialect runs in duckdb too (backtick identifiers as double quotes) with the same ids', async () => {
  const sql = emitSql({ dialect: 'spark', seed: '7', fraction: 0.15, idColumn: 'id' });
  assert.match(sql, /substr\(md5\(concat\('7:', trim\(CAST\(`id` AS STRING\)\)\)\), 1, 16\) < '2666666666666600'/);
  assert.equal(await duckIds(sql.replaceAll('`', '"')), await duckIds(emitSql({ dialect: 'duckdb', seed: '7', fraction: 0.15, idColumn: 'id' })));
});

test('bigquery dialect: TO_HEX(MD5(...)), backtick-quoted dotted table, the id column mapping', () => {
  const sql = emitSql({ dialect: 'bigquery', seed: 's1', fraction: 0.2, idColumn: 'doc_id', table: 'proj.ds.export' });
  assert.match(sql, /FROM `proj`\.`ds`\.`export`/);
  assert.match(sql, /SUBSTR\(TO_HEX\(MD5\(CONCAT\('s1:', TRIM\(CAST\(`doc_id` AS STRING\)\)\)\)\), 1, 16\) < '3333333333333400'/);
});

test('--emit-sql: --sql-table and --id mapping, writes nothing; bad dialect, quotes in the seed, --out: exit 2', async () => {
  const r = await runCli(['sample', '--emit-sql', 'duckdb', '--sql-table', 'exports.prod_2024', '--id', 'doc_id'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /FROM "exports"\."prod_2024"/);
  assert.match(r.stdout, /"doc_id" IS NOT NULL/);
  const bad = await runCli(['sample', '--emit-sql', 'postgres'], { cwd: dir });
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /--emit-sql: "postgres"; allowed: duckdb, spark, bigquery/);
  const quote = await runCli(['sample', '--emit-sql', 'spark', '--seed', "it's"], { cwd: dir });
  assert.is(quote.code, 2);
  assert.match(quote.stderr, /--seed/);
  const out = await runCli(['sample', '--emit-sql', 'spark', '--out', join(dir, 'never')], { cwd: dir });
  assert.is(out.code, 2);
  assert.match(out.stderr, /drop --out/);
  const exact = await runCli(['sample', '--emit-sql', 'spark', '--mode', 'exact'], { cwd: dir });
  assert.is(exact.code, 2);
  const frac = await runCli(['sample', '--emit-sql', 'duckdb', '--fraction', '0.5'], { cwd: dir });
  assert.is(frac.code, 2);
  assert.match(frac.stderr, /allowed: \[0\.1, 0\.2\]/);
});

test.run();
