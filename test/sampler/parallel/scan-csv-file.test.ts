/**
 * Parallel pass 1 (worker threads over byte ranges) and pass 2 by byte span must give byte-identical output to
 * the serial scan: same rejects with the same lines, same manifest, same sample.arrow. The inputs are built to
 * put range cuts in awkward places: quoted fields holding line breaks (a cut there must be detected and the file
 * scanned serially), empty lines, a stray quote, CRLF line ends, no final line break, a BOM.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runExact } from '../../../src/sampler/exact.js';
import { SelectedWorkerPool } from '../../../src/sampler/parallel/read-selected-parallel.js';
import { resolveRun } from '../../../src/sampler/sample.js';
import { buildProdCsv } from '../../helpers/prod-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'vecstage-parallel-'));
const data = buildProdCsv({ rows: 3000, dim: 8, seed: 5 });

function variant(name: string, edit: (lines: string[]) => string[], eol = '\n', finalEol = true, bom = false): string {
  const lines = edit(data.lines.slice());
  const path = join(dir, `${name}.csv`);
  writeFileSync(path, `${bom ? '\ufeff' : ''}${data.header}${eol}${lines.join(eol)}${finalEol ? eol : ''}`);
  return path;
}

/** every 7th text holds line breaks inside its quotes; blank lines; one stray quote in an unquoted field */
const awkward = (lines: string[]): string[] =>
  lines.flatMap((l, i) => {
    if (i % 7 === 3) l = l.replace(/,"([^"]*)","\[/, ',"$1\nsecond line\n\nthird","[');
    if (i === 1500) l = l.replace(/^([^,]*),/, '$1,"broken ');
    return i % 113 === 0 ? [l, '', ''] : [l];
  });

const inputs = {
  plain: variant('plain', (l) => l),
  awkward: variant('awkward', awkward),
  crlf: variant('crlf', awkward, '\r\n'),
  unterminated: variant('unterminated', (l) => l, '\n', false, true),
  // one quoted text of 400,000 line breaks in the middle of the file: every cut lands inside it
  straddle: variant('straddle', (l) => l.map((x, i) => (i === 1000 ? x.replace(/,"([^"]*)","\[/, `,"$1${'y\n'.repeat(400_000)}","[`) : x))),
};

async function sampleWith(input: string, out: string, threads: number): Promise<{ files: string[]; threads: number; passTwoThreads: number }> {
  const run = resolveRun({ input, out, seed: '7', stratifyBy: ['tenant', 'lang'], fraction: 0.15 }, false);
  // passTwoMinRows 0: pass 2 in worker threads too whenever pass 1 ran in them (and the fingerprint's sha256 is
  // still computing in its thread while sample.arrow is written: the manifest's digest is put in place at the end)
  const r = await runExact(run, { threads, minBytesPerThread: 0, passTwoMinRows: 0 });
  return { files: ['rejects.jsonl', 'manifest.json', 'sample.arrow'].map((f) => readFileSync(join(out, f)).toString('base64')), threads: r.threads, passTwoThreads: r.passTwoThreads };
}

for (const [name, input] of Object.entries(inputs)) {
  test(`${name}: ${name === 'plain' ? '2, 3 and 8' : '2 and 3'} threads give the serial output byte for byte`, async () => {
    const serial = await sampleWith(input, join(dir, `${name}-1`), 1);
    assert.is(serial.threads, 1);
    for (const threads of name === 'plain' ? [2, 3, 8] : [2, 3]) {
      const par = await sampleWith(input, join(dir, `${name}-${threads}`), threads);
      assert.equal(par.files[0], serial.files[0], `${name} x${threads}: rejects.jsonl`);
      assert.equal(par.files[1], serial.files[1], `${name} x${threads}: manifest.json`);
      assert.ok(par.files[2] === serial.files[2], `${name} x${threads}: sample.arrow`);
      if (name === 'plain' || name === 'unterminated') {
        assert.is(par.threads, threads, `${name}: the parallel path ran`);
        assert.is(par.passTwoThreads, threads, `${name}: pass 2 ran in worker threads`);
      }
      if (name === 'straddle') assert.is(par.threads, 1, 'a cut inside a quoted field is detected; the file is scanned serially');
    }
  });
}

test('the awkward input still rejects the stray-quote row and keeps lines exact', () => {
  const rejects = readFileSync(join(dir, 'awkward-3', 'rejects.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { line: number; reason: string });
  const text = readFileSync(inputs.awkward, 'utf8').split('\n');
  for (const r of rejects.filter((x) => x.reason === 'duplicate_id')) assert.match(text[r.line - 1]!, /^doc-\d+,/, `line ${r.line}`);
  assert.ok(rejects.some((r) => r.reason === 'unparseable_row'), 'a row with a stray quote is rejected');
});

test('a failure after pass 1 (the output folder cannot be made) rejects, and stops pass 2\'s early-started worker', async () => {
  const blocker = join(dir, 'a-file');
  writeFileSync(blocker, 'not a folder');
  const run = resolveRun({ input: inputs.plain, out: join(blocker, 'out'), seed: '7', stratifyBy: ['tenant', 'lang'], fraction: 0.15 }, false);
  const t0 = Date.now();
  try {
    await runExact(run, { threads: 2, minBytesPerThread: 0, passTwoMinRows: 0 });
    assert.unreachable('the output folder cannot be created');
  } catch (err) {
    assert.match((err as Error).message, /ENOTDIR|not a directory|a-file/);
  }
  // a pool left open would keep a CLI process alive after the error
  assert.is(SelectedWorkerPool.open, 0, 'every pass-2 worker pool is closed');
  assert.ok(Date.now() - t0 < 60_000);
});

test('successful runs close their pass-2 worker pools too', () => {
  assert.is(SelectedWorkerPool.open, 0);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
