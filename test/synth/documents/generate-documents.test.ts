import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { generateDocuments, DOCUMENT_COLUMNS, DOCUMENT_EDGE_KINDS, ORIGIN_MARKER_FIELD, ORIGIN_MARKER_VALUE, type DocumentTruth } from '../../../src/synth/index.js';
import { parseGolden } from '../../../src/golden/parse.js';
import { VecstageError } from '../../../src/errors.js';

interface Doc {
  id: string;
  text: string;
  tenant: string;
  lang: string;
  doc_type: string;
  vecstage_origin: string;
}

let dir = '';
const OPTS = { docs: 1000, seed: 5 };
let docs: Doc[] = [];
let truth: DocumentTruth;

test.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vecstage-docs-'));
  const r = await generateDocuments({ ...OPTS, out: join(dir, 'a.jsonl'), queries: join(dir, 'a.golden.jsonl'), truth: join(dir, 'a.truth.json') });
  assert.is(r.docs, 1000);
  docs = (await readFile(join(dir, 'a.jsonl'), 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as Doc);
  truth = JSON.parse(await readFile(join(dir, 'a.truth.json'), 'utf8')) as DocumentTruth;
});
test.after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('same seed -> identical bytes (export and queries); another seed -> different bytes; nothing temporary left', async () => {
  const b = await generateDocuments({ ...OPTS, out: join(dir, 'b.jsonl'), queries: join(dir, 'b.golden.jsonl') });
  const c = await generateDocuments({ ...OPTS, seed: 6, out: join(dir, 'c.jsonl') });
  const [a, bb, cc, qa, qb] = await Promise.all(['a.jsonl', 'b.jsonl', 'c.jsonl', 'a.golden.jsonl', 'b.golden.jsonl'].map((f) => readFile(join(dir, f))));
  assert.ok(a!.equals(bb!), 'same seed, same export bytes');
  assert.ok(qa!.equals(qb!), 'same seed, same golden bytes');
  assert.not.ok(a!.equals(cc!), 'another seed');
  assert.is(b.bytes, bb!.length);
  assert.is(c.queries, 0, 'no queries without a path');
  assert.not.ok((await readdir(dir)).some((f) => f.endsWith('.tmp')));
});

test('counts, unique ids, the fields of a raw export (no embedding) and the origin marker in every record', () => {
  assert.is(docs.length, 1000);
  assert.is(new Set(docs.map((d) => d.id)).size, 1000);
  for (const d of docs) {
    assert.equal(Object.keys(d), ['id', ORIGIN_MARKER_FIELD, 'text', 'tenant', 'lang', 'doc_type']);
    assert.is(d.vecstage_origin, ORIGIN_MARKER_VALUE);
  }
  assert.equal(new Set(docs.map((d) => d.doc_type)), new Set(['article', 'runbook', 'faq']));
  assert.equal(new Set(docs.map((d) => d.lang)), new Set(['en', 'de', 'fr', 'es', 'ja']));
});

test('CSV holds the same documents as JSONL (multi-line quoted cells), the marker last in the header', async () => {
  await generateDocuments({ ...OPTS, format: 'csv', out: join(dir, 'a.csv') });
  const text = await readFile(join(dir, 'a.csv'), 'utf8');
  assert.is(text.slice(0, text.indexOf('\n')), DOCUMENT_COLUMNS.join(','));
  assert.ok(text.startsWith('id,text,tenant,lang,doc_type,vecstage_origin\n'));
  const rows = parse(text, { columns: true }) as Doc[];
  assert.equal(rows, docs.map((d) => ({ id: d.id, text: d.text, tenant: d.tenant, lang: d.lang, doc_type: d.doc_type, vecstage_origin: d.vecstage_origin })));
});

test('prose with headings and paragraphs; sizes from a few hundred to several thousand characters; long multi-topic documents', () => {
  const plain = docs.filter((d) => !truthIds().has(d.id));
  const lengths = plain.map((d) => d.text.length).sort((a, b) => a - b);
  assert.ok((lengths[0] as number) >= 150 && (lengths[0] as number) < 600, `shortest ordinary document ${lengths[0]}`);
  const long = plain.filter((d) => d.text.length > 4000);
  assert.ok(long.length > plain.length * 0.2, `${long.length} documents over 4000 chars`);
  for (const d of long) assert.ok((d.text.match(/^## /gm) ?? []).length >= 4, `${d.id}: sections`);
  assert.ok(plain.every((d) => d.text.startsWith('# ') && d.text.includes('\n\n')), 'a title and paragraphs');
  assert.ok(plain.filter((d) => d.doc_type === 'faq').every((d) => /^Q: .*\nA: /m.test(d.text)), 'FAQs are questions and answers');
});

test('edge cases: empty, very short, very long, mixed scripts, near duplicates, a rare stratum; non-ASCII text', () => {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const get = (id: string) => byId.get(id) as Doc;
  for (const k of DOCUMENT_EDGE_KINDS) assert.ok(truth.edgeCases[k].length >= 2, `${k}: ${truth.edgeCases[k].length}`);
  assert.equal(truth.badRows, {});
  for (const e of truth.edgeCases['empty-text']) assert.is(get(e.id).text.trim(), '');
  for (const e of truth.edgeCases['short-text']) assert.ok(get(e.id).text.length > 0 && get(e.id).text.length < 16);
  for (const e of truth.edgeCases['long-text']) assert.ok(get(e.id).text.length > 20000, `${e.id}: ${get(e.id).text.length}`);
  for (const e of truth.edgeCases['mixed-script']) {
    const t = get(e.id).text;
    assert.ok(/\p{Script=Latin}/u.test(t) && /[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u.test(t), e.id);
    assert.ok(new Set([...t.matchAll(/\p{L}/gu)].map(([c]) => scriptOf(c))).size >= 3, `${e.id}: three scripts`);
  }
  for (const e of truth.edgeCases['near-duplicate']) {
    const copy = get(e.id);
    const src = get(e.of as string);
    assert.is.not(copy.text, src.text);
    assert.ok(jaccard(words(copy.text), words(src.text)) > 0.9, `${e.id} is close to ${e.of}`);
    assert.equal([copy.tenant, copy.lang, copy.doc_type], [src.tenant, src.lang, src.doc_type]);
  }
  const { tenant, lang, ids } = truth.rareStratum;
  assert.is(ids.length, 3);
  assert.equal(docs.filter((d) => d.tenant === tenant && d.lang === lang).map((d) => d.id), ids);
  assert.ok(docs.filter((d) => d.tenant === tenant).length > 20, 'the tenant writes elsewhere');
  assert.ok(docs.filter((d) => d.lang === 'ja').length > 10, 'non-ASCII documents');
});

test('golden queries: the fixtures format, text only, qrels on existing documents (one grade 2, the rest grade 1), tags', async () => {
  const text = await readFile(join(dir, 'a.golden.jsonl'), 'utf8');
  const parsed = parseGolden(text, { source: 'a.golden.jsonl', textOnly: true });
  assert.equal(parsed.issues, []);
  assert.is(parsed.queries.length, 200);
  const ids = new Set(docs.map((d) => d.id));
  const sources = new Set<string>();
  const byId = new Map(docs.map((d) => [d.id, d]));
  for (const q of parsed.queries) {
    assert.is(q.embedding.length, 0, 'no embedding');
    assert.ok((q.text ?? '').trim().length > 0);
    const grades = Object.entries(q.relevant);
    for (const [doc] of grades) assert.ok(ids.has(doc), `${q.id}: ${doc} exists`);
    const top = grades.filter(([, g]) => g === 2);
    assert.is(top.length, 1, q.id);
    assert.ok(grades.every(([, g]) => g === 1 || g === 2));
    const src = byId.get((top[0] as [string, number])[0]) as Doc;
    sources.add(src.id);
    assert.ok(src.text.length > 100, `${q.id} comes from a real passage`);
    // paraphrase-level overlap: some query words are the passage document's own words
    const own = words(src.text);
    assert.ok(words(q.text ?? '').size > 0 && [...words(q.text ?? '')].some((w) => own.has(w)), `${q.id}: shares words with its document`);
  }
  assert.is(sources.size, 200, 'one query per passage document');
  const tagged = (t: string) => parsed.queries.filter((q) => q.tags.includes(t)).length;
  for (const t of ['long-doc', 'multilingual', 'short-query', 'rare-stratum']) assert.ok(tagged(t) >= 1, t);
  assert.ok(tagged('long-doc') > 40, `long-doc ${tagged('long-doc')}`);
});

test('bad options are errors that say what is allowed', async () => {
  const err = async (o: Partial<Parameters<typeof generateDocuments>[0]>, re: RegExp) => {
    try {
      await generateDocuments({ ...OPTS, out: join(dir, 'never.jsonl'), ...o });
      assert.unreachable('should throw');
    } catch (e) {
      assert.instance(e, VecstageError);
      assert.match((e as Error).message, re);
    }
  };
  await err({ docs: 10 }, /invalid docs: 10; allowed: an integer in \[50, /);
  await err({ seed: -1 }, /invalid seed: -1/);
  await err({ format: 'xml' as 'csv' }, /invalid format: "xml"; allowed: jsonl, csv/);
  await err({ queryCount: 2000 }, /invalid queryCount: 2000; allowed: an integer in \[0, 1000\]/);
  await err({ edgeRates: { 'empty-txt': 0.01 } as never }, /invalid edge kind: "empty-txt"; allowed: empty-text, short-text/);
  assert.not.ok((await readdir(dir)).includes('never.jsonl'));
});

function truthIds(): Set<string> {
  return new Set([...Object.values(truth.edgeCases).flat().map((e) => e.id), ...truth.rareStratum.ids]);
}

function words(s: string): Set<string> {
  return new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let both = 0;
  for (const w of a) if (b.has(w)) both++;
  return both / (a.size + b.size - both);
}

function scriptOf(c: string): string {
  for (const s of ['Latin', 'Han', 'Cyrillic', 'Arabic', 'Hebrew', 'Greek', 'Hangul', 'Thai', 'Devanagari', 'Hiragana', 'Katakana']) {
    if (new RegExp(`\\p{Script=${s}}`, 'u').test(c)) return s;
  }
  return 'other';
}

test.run();
