/**
 * Differential test: the byte scanner against csv-parse, the parser of record. Exact mode must write
 * byte-identical rejects.jsonl, manifest.json and sample.arrow with either reader (serially and on 2 threads),
 * or fail with the same message, on the generator's export with all its injected bad rows, the prod-csv helper,
 * and hand-made inputs that hit every branch of the scanner and its csv-parse fallback.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { runExact } from '../../../../src/sampler/exact.js';
import { resolveRun, sample } from '../../../../src/sampler/sample.js';
import { csvParserChoice } from '../../../../src/sampler/input/readers/csv-dialect.js';
import { generateExport } from '../../../../src/synth/index.js';
import { buildProdCsv } from '../../../helpers/prod-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'vecstage-scanner-diff-'));
const data = buildProdCsv({ rows: 2500, dim: 8, seed: 9 });

function write(name: string, text: string | Buffer): string {
  const path = join(dir, `${name}.csv`);
  writeFileSync(path, text);
  return path;
}

interface VariantOptions {
  eol?: string;
  finalEol?: boolean;
  bom?: boolean;
  header?: string;
  lead?: string;
  /** write the text as latin-1 bytes (non-ASCII letters become invalid UTF-8) */
  latin1?: boolean;
}

function variant(name: string, edit: (lines: string[]) => string[], o: VariantOptions = {}): string {
  const eol = o.eol ?? '\n';
  const lines = edit(data.lines.slice());
  const text = `${o.bom ? '\ufeff' : ''}${o.lead ?? ''}${o.header ?? data.header}${eol}${lines.join(eol)}${o.finalEol === false ? '' : eol}`;
  return write(name, o.latin1 ? Buffer.from(text, 'latin1') : text);
}

/** Every 5th row edited in turn by one of these: what a hostile export holds. */
const EDITS: Array<(l: string) => string> = [
  // quotes and "" escapes inside the text
  (l) => l.replace(/,"([^"]*)","\[/, ',"she said ""yes"", then ""no""","['),
  // line breaks inside quotes: LF, CRLF, lone CR
  (l) => l.replace(/,"([^"]*)","\[/, ',"$1\nsecond\r\nthird\rfourth","['),
  // a stray quote inside an unquoted field (csv-parse: data, relax_quotes)
  (l) => l.replace(/^([^,]*),([^,]*),/, '$1,te"nant,'),
  // text after a closing quote (csv-parse: relax_quotes keeps it)
  (l) => l.replace(/,"([^"]*)","\[/, ',"$1"tail,"['),
  // an extra column, a missing column
  (l) => `${l},extra`,
  (l) => l.replace(/,"\[[^"]*\]"$/, ''),
  // embedding spellings: spaces, exponents, signs, long mantissas, NaN, -Infinity, empty, quoted escapes
  (l) => l.replace(/"\[([^"]*)\]"$/, (_m, v: string) => `" [ ${v.split(',').join(' , ')} ] "`),
  (l) => l.replace(/"\[(-?)0\.(\d)/, '"[$11.5e-1$2'),
  (l) => l.replace(/"\[/, '"[+0.12345678901234567,'),
  (l) => l.replace(/"\[[^,]*,/, '"[-Infinity,'),
  (l) => l.replace(/"\[[^"]*\]"$/, '""'),
  (l) => l.replace(/"\[[^"]*\]"$/, '"[1e400,0,0,0,0,0,0,0]"'),
  (l) => l.replace(/"\[([^"]*)\]"$/, '"[""$1""]"'),
  (l) => l.replace(/"\[([^"]*)\]"$/, '[$1]'),
  // a whitespace-only line, a line holding only "", a trailing comma
  () => '   ',
  () => '""',
  (l) => `${l},`,
  // invalid UTF-8 is decoded to U+FFFD by both (rejected as invalid_utf8): latin-1 bytes written as-is below
  (l) => l.replace(/,"([^"]*)","\[/, ',"caf\u00e9 cr\u00e8me","['),
];

const nasty = (lines: string[]): string[] => lines.flatMap((l, i) => (i % 5 === 0 ? [EDITS[(i / 5) % EDITS.length]!(l)] : i % 97 === 0 ? [l, '', ''] : [l]));

const inputs: Record<string, () => string> = {
  'prod-csv helper': () => write('helper', data.text),
  'nasty, LF': () => variant('nasty-lf', nasty),
  'nasty, CRLF': () => variant('nasty-crlf', nasty, { eol: '\r\n' }),
  'nasty, BOM, leading empty lines, no final newline': () => variant('nasty-bom', nasty, { bom: true, lead: '\n\n', finalEol: false }),
  'nasty, CRLF, BOM, no final newline': () => variant('nasty-crlf-bom', nasty, { eol: '\r\n', bom: true, finalEol: false }),
  'latin-1 bytes (invalid UTF-8)': () => variant('latin1', nasty, { latin1: true }),
  'quoted header (csv-parse reads the file)': () => variant('quoted-header', nasty, { header: '"id",tenant,lang,text,embedding' }),
  'CR line ends (csv-parse reads the file)': () => variant('cr', (l) => l, { eol: '\r' }),
  'empty trailing lines, CRLF': () => variant('trailing', (l) => [...l, '', '', ''], { eol: '\r\n' }),
};

type Outcome = { files: string[] } | { error: string };

async function sampleWith(input: string, out: string, parser: 'scanner' | 'csv-parse', threads: number): Promise<Outcome & { parser?: string }> {
  try {
    const run = resolveRun({ input, out, seed: '3', stratifyBy: ['tenant', 'lang'], fraction: 0.15 }, false);
    // passTwoMinRows 0: with threads > 1 pass 2 runs in worker threads too, with either reader
    const r = await runExact(run, { threads, minBytesPerThread: 0, csvParser: parser, passTwoMinRows: 0 });
    return { files: ['rejects.jsonl', 'manifest.json', 'sample.arrow'].map((f) => readFileSync(join(out, f)).toString('base64')), parser: r.parser };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

function same(a: Outcome, b: Outcome, what: string): void {
  if ('error' in a || 'error' in b) {
    assert.equal('error' in b ? b.error : 'no error', 'error' in a ? a.error : 'no error', `${what}: error`);
    return;
  }
  assert.equal(b.files[0], a.files[0], `${what}: rejects.jsonl`);
  assert.equal(b.files[1], a.files[1], `${what}: manifest.json`);
  assert.ok(b.files[2] === a.files[2], `${what}: sample.arrow`);
}

test.before(async () => {
  const g = await generateExport({ out: join(dir, 'generated.csv'), rows: 4000, dim: 16, seed: 11, format: 'csv' });
  inputs['generator export (every injected bad row)'] = () => g.out;
});

for (const name of ['generator export (every injected bad row)', ...Object.keys(inputs)]) {
  test(`${name}: scanner (1 and 2 threads) == csv-parse, byte for byte`, async () => {
    const input = inputs[name]!();
    const key = name.replace(/\W+/g, '-');
    const ref = await sampleWith(input, join(dir, `${key}-ref`), 'csv-parse', 1);
    for (const threads of [1, 2]) {
      const got = await sampleWith(input, join(dir, `${key}-scan-${threads}`), 'scanner', threads);
      same(ref, got, `${name} x${threads}`);
      if (!name.includes('csv-parse reads') && 'files' in got) assert.is(got.parser, 'scanner', `${name}: the scanner ran`);
    }
    if ('files' in ref && name.startsWith('nasty')) {
      const rejects = Buffer.from(ref.files[0]!, 'base64').toString('utf8');
      for (const reason of ['unparseable_row', 'unparseable_embedding', 'non_finite', 'wrong_dimension', 'duplicate_id']) assert.ok(rejects.includes(`"${reason}"`), `${name}: has ${reason}`);
    }
  });
}

/** Bernoulli mode and stdin read through the stream scanner; VECSTAGE_CSV_PARSER=csv-parse gives the reference. */
async function streamWith(input: string, out: string, parser: 'scanner' | 'csv-parse', chunked: boolean): Promise<Outcome> {
  const saved = process.env.VECSTAGE_CSV_PARSER;
  process.env.VECSTAGE_CSV_PARSER = parser;
  try {
    // chunks of 1 to 97 bytes: every record, quote, CRLF and BOM straddles chunk edges somewhere
    const bytes = readFileSync(input);
    const chunks: Buffer[] = [];
    for (let at = 0, k = 0; at < bytes.length; k++) {
      const len = 1 + ((k * 37) % 97);
      chunks.push(bytes.subarray(at, at + len));
      at += len;
    }
    const opts = { out, seed: '3', stratifyBy: ['tenant', 'lang'], fraction: 0.15, mode: 'bernoulli' as const };
    await (chunked ? sample({ ...opts, input: '-', stdin: Readable.from(chunks), format: 'csv' }) : sample({ ...opts, input }));
    return { files: ['rejects.jsonl', 'sample.arrow'].map((f) => readFileSync(join(out, f)).toString('base64')).concat(manifestWithoutSource(join(out, 'manifest.json'))) };
  } catch (err) {
    return { error: (err as Error).message };
  } finally {
    if (saved === undefined) delete process.env.VECSTAGE_CSV_PARSER;
    else process.env.VECSTAGE_CSV_PARSER = saved;
  }
}

/** the manifest names its output folder nowhere, but stdin and file runs differ in the source fingerprint */
function manifestWithoutSource(path: string): string {
  const m = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  delete m.source;
  delete m.created_at;
  delete m.createdAt;
  return JSON.stringify(m);
}

for (const name of ['generator export (every injected bad row)', 'nasty, LF', 'nasty, CRLF, BOM, no final newline', 'latin-1 bytes (invalid UTF-8)']) {
  test(`${name}: Bernoulli mode through the stream scanner (file, and stdin in 1-97 byte chunks) == csv-parse`, async () => {
    const input = inputs[name]!();
    const key = `stream-${name.replace(/\W+/g, '-')}`;
    for (const chunked of [false, true]) {
      const ref = await streamWith(input, join(dir, `${key}-${chunked}-ref`), 'csv-parse', chunked);
      const got = await streamWith(input, join(dir, `${key}-${chunked}-scan`), 'scanner', chunked);
      same(ref, got, `${name}, ${chunked ? 'stdin' : 'file'}`);
    }
  });
}

test('an unterminated quote at EOF: the same error from both readers', async () => {
  const input = variant('unterminated', (l) => [...l, 'doc-x,acme,en,"never closed,[1,2]', 'doc-y,acme,en,text,[3]'], { finalEol: false });
  const ref = await sampleWith(input, join(dir, 'unterminated-ref'), 'csv-parse', 1);
  assert.ok('error' in ref, 'csv-parse fails on it');
  for (const threads of [1, 2]) same(ref, await sampleWith(input, join(dir, `unterminated-${threads}`), 'scanner', threads), `unterminated x${threads}`);
});

test('VECSTAGE_CSV_PARSER: csv-parse or scanner; anything else is a usage error naming both', () => {
  assert.is(csvParserChoice({}), 'scanner');
  assert.is(csvParserChoice({ VECSTAGE_CSV_PARSER: 'csv-parse' }), 'csv-parse');
  assert.throws(() => csvParserChoice({ VECSTAGE_CSV_PARSER: 'fast' }), (e: Error) => /VECSTAGE_CSV_PARSER/.test(e.message) && /scanner, csv-parse/.test(e.message));
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
