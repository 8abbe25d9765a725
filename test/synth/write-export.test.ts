import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { BAD_KINDS, EDGE_KINDS, generateExport, resolveGenerateOptions, type GenerateOptions, type GroundTruth } from '../../src/synth/index.js';
import { VecstageError } from '../../src/errors.js';
import { classify, cosine, type OracleRecord } from './oracle.js';

let dir = '';
const OPTS: GenerateOptions = { rows: 3000, dim: 16, seed: 7, longTextChars: 500 };

test.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vecstage-synth-'));
});
test.after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('same seed -> identical bytes, whatever the write chunk size; another seed -> different bytes', async () => {
  const a = await generateExport({ ...OPTS, out: join(dir, 'a.csv') });
  const b = await generateExport({ ...OPTS, out: join(dir, 'b.csv'), chunkBytes: 1000 });
  const c = await generateExport({ ...OPTS, seed: 8, out: join(dir, 'c.csv') });
  const [ba, bb, bc] = await Promise.all(['a.csv', 'b.csv', 'c.csv'].map((f) => readFile(join(dir, f))));
  assert.ok(ba!.equals(bb!), 'same seed, different chunking');
  assert.not.ok(ba!.equals(bc!), 'different seed');
  assert.is(a.bytes, ba!.length);
  assert.equal(a.truth, b.truth);
  assert.not.equal(a.truth.badRows, c.truth.badRows);
  assert.not.ok((await readdir(dir)).some((f) => f.endsWith('.tmp')), 'no temporary file left');
});

function checkTruth(truth: GroundTruth, records: OracleRecord[], unreadable: number[]) {
  const o = resolveGenerateOptions(OPTS);
  const { found, firstOf, valid } = classify(records, unreadable, o.dim, o.longTextChars);
  const lines = (k: string) => [...(found[k] ?? [])].sort((a, b) => a - b);
  // every injection kind: the configured count, and exactly the lines an independent reader finds
  for (const k of EDGE_KINDS) assert.is(truth.edgeCases[k].length, o.counts[k], k);
  for (const k of BAD_KINDS) assert.is(truth.badRows[k].length, o.counts[k], k);
  const truthLines = (entries: { line: number }[]) => entries.map((e) => e.line).sort((a, b) => a - b);
  for (const k of ['empty-text', 'short-text', 'long-text', 'mixed-script', 'duplicate-vector', 'zero-vector', 'outlier-norm', 'missing-metadata'] as const) {
    assert.equal(lines(k), truthLines(truth.edgeCases[k]), k);
  }
  for (const k of ['nan-embedding', 'inf-embedding', 'wrong-dimension', 'unparseable-embedding', 'repeated-id', 'missing-id'] as const) {
    assert.equal(lines(k), truthLines(truth.badRows[k]), k);
  }
  assert.equal(lines('unreadable'), truthLines([...truth.badRows['broken-quote'], ...truth.badRows['wrong-column-count']]), 'unreadable records');
  for (const e of [...truth.badRows['repeated-id'], ...truth.edgeCases['duplicate-vector']]) {
    assert.is(firstOf.get(e.line), e.of?.line, `first occurrence of line ${e.line}`);
  }
  // near duplicates: close to their source, never identical
  const byLine = new Map(valid.map((r) => [r.line, r]));
  for (const e of truth.edgeCases['near-duplicate-vector']) {
    const row = byLine.get(e.line)!;
    const src = byLine.get(e.of!.line)!;
    const cos = cosine(row.vector, src.vector);
    assert.ok(cos > 0.999 && row.vector.join() !== src.vector.join(), `near duplicate line ${e.line}: cos ${cos}`);
  }
  // valid rows: the configured dimension; clean rows unit-normalised
  assert.is(valid.length, truth.rowsValid);
  assert.is(truth.rowsValid + truth.rowsRejected, o.rows);
  assert.ok(valid.every((r) => r.vector.length === o.dim));
  const oddNorm = new Set([...truth.edgeCases['zero-vector'], ...truth.edgeCases['outlier-norm']].map((e) => e.line));
  for (const r of valid) if (!oddNorm.has(r.line)) assert.ok(Math.abs(Math.hypot(...r.vector) - 1) < 1e-5, `norm at line ${r.line}`);
  // the rare stratum: exactly its rows, and that tenant x lang nowhere else
  const rare = valid.filter((r) => r.tenant === truth.rareStratum.tenant && r.lang === truth.rareStratum.lang);
  assert.is(rare.length, 3);
  assert.equal(rare.map((r) => r.id), truth.rareStratum.ids);
  // strata counts agree with what the reader sees
  const strata = new Map<string, number>();
  for (const r of valid) strata.set(`${r.tenant || null}/${r.lang || null}`, (strata.get(`${r.tenant || null}/${r.lang || null}`) ?? 0) + 1);
  assert.equal(new Map(truth.strata.map((s) => [`${s.tenant}/${s.lang}`, s.rows])), strata);
  // Zipf-skewed tenants: the most popular tenant has several times the rows of the least popular one
  const perTenant = new Map<string, number>();
  for (const r of valid) if (r.tenant) perTenant.set(r.tenant, (perTenant.get(r.tenant) ?? 0) + 1);
  const counts = [...perTenant.values()].sort((a, b) => b - a);
  assert.ok(counts[0]! > 5 * counts[counts.length - 1]!, `tenant counts ${counts}`);
}

test('CSV: csv-parse reads the real file; the truth matches what an independent reader finds', async () => {
  const out = join(dir, 'prod.csv');
  const r = await generateExport({ ...OPTS, out, truth: `${out}.truth.json` });
  const truth = JSON.parse(await readFile(`${out}.truth.json`, 'utf8')) as GroundTruth;
  assert.equal(truth, JSON.parse(JSON.stringify(r.truth)));
  const unreadable = new Set<number>();
  const parsed = parse(await readFile(out), {
    columns: true,
    info: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      if (err) unreadable.add((err as unknown as { lines: number }).lines);
    },
  }) as Array<{ record: Record<string, string>; info: { lines: number } }>;
  assert.equal(Object.keys(parsed[0]!.record), ['id', 'embedding', 'text', 'tenant', 'lang', 'doc_type', 'created_at', 'vecstage_origin']);
  // the origin marker (issue 14) in every readable record
  assert.ok(parsed.every(({ record }) => record.vecstage_origin === 'synthetic'));
  assert.equal(truth.marker, { field: 'vecstage_origin', value: 'synthetic' });
  const records = parsed.map(({ record, info }) => ({ line: info.lines, id: record.id, embedding: record.embedding, text: record.text ?? '',
    tenant: record.tenant, lang: record.lang }));
  checkTruth(truth, records, [...unreadable]);
});

test('CSV: under the sampler-style relaxed parse (relax_quotes, relax_column_count) the unreadable rows have the wrong field count', async () => {
  const out = join(dir, 'relaxed.csv');
  const { truth } = await generateExport({ ...OPTS, out });
  const parsed = parse(await readFile(out), { info: true, relax_quotes: true, relax_column_count: true }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  const odd = parsed.filter((p) => p.record.length !== 8).map((p) => p.info.lines);
  const want = [...truth.badRows['broken-quote'], ...truth.badRows['wrong-column-count']].map((e) => e.line).sort((a, b) => a - b);
  assert.equal(odd, want);
  assert.is(parsed.length, OPTS.rows! + 1);
});

test('JSONL: one flat object per line; same truth checks', async () => {
  const out = join(dir, 'prod.jsonl');
  const { truth } = await generateExport({ ...OPTS, format: 'jsonl', out });
  const lines = (await readFile(out, 'utf8')).split('\n');
  assert.is(lines.pop(), '');
  assert.is(lines.length, OPTS.rows);
  const unreadable: number[] = [];
  const records: OracleRecord[] = [];
  lines.forEach((text, k) => {
    try {
      const o = JSON.parse(text) as Record<string, unknown>;
      records.push({ line: k + 1, id: o.id as string | undefined, embedding: o.embedding, text: o.text as string, tenant: o.tenant as string | undefined, lang: o.lang as string | undefined });
    } catch {
      // NaN and Infinity are not JSON: Python writes them anyway, and the whole line fails to parse
      if (/NaN/.test(text)) records.push({ line: k + 1, id: 'x', embedding: 'NaN', text: '', tenant: undefined, lang: undefined });
      else if (/Infinity/.test(text)) records.push({ line: k + 1, id: 'x', embedding: 'Infinity', text: '', tenant: undefined, lang: undefined });
      else unreadable.push(k + 1);
    }
  });
  // re-key the stand-ins so they do not count as repeated ids
  records.forEach((r) => r.id === 'x' && (r.id = `nonfinite-${r.line}`));
  checkTruth(truth, records, unreadable);
  // the origin marker (issue 14) in every record, unreadable ones included (it comes before the embedding)
  assert.ok(lines.every((l) => /^\{("id":"[^"]*",)?"vecstage_origin":"synthetic","embedding":/.test(l)));
});

test('a row count too small for the requested injections is refused with the minimum', async () => {
  const err = await generateExport({ rows: 40, out: join(dir, 'x.csv') }).then(() => undefined, (e: unknown) => e);
  assert.instance(err, VecstageError);
  assert.is((err as VecstageError).code, 'INPUT');
  assert.match((err as Error).message, /^invalid rows: 40; allowed: at least \d+/);
});

test.run();
