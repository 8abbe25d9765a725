/**
 * Repeated ids must not make the sample depend on row order (issue 13): of an id's occurrences the one with the
 * smallest record hash is kept, so a file and the same file with its rows shuffled give the same sample ids, the
 * same rows and the same manifest counts. The exports come from the generator with many repeated ids, whose
 * occurrences mostly sit in different strata (the repeat copies only the id of an earlier row).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSample } from '../../../src/arrow/index.js';
import { runExact } from '../../../src/sampler/exact.js';
import { openDocumentSample } from '../../../src/sampler/documents/open-document-sample.js';
import { resolveRun, sample } from '../../../src/sampler/sample.js';
import { generateDocuments, generateExport, xoshiro128 } from '../../../src/synth/index.js';

const dir = mkdtempSync(join(tmpdir(), 'vecstage-repeated-ids-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const ROWS = 20_000;
const REPEATS = 200;
const OPTS = { seed: '7', fraction: 0.15, stratifyBy: ['tenant', 'lang'] };

/** The lines of a file in a seeded random order (Fisher-Yates); a CSV keeps its header first. */
function shuffled(path: string, header: boolean, seed: number): string {
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l !== '');
  const head = header ? lines.splice(0, 1) : [];
  const rng = xoshiro128(seed, 0);
  for (let i = lines.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [lines[i], lines[j]] = [lines[j] as string, lines[i] as string];
  }
  const out = path.replace(/(\.\w+)$/, `-shuffled-${seed}$1`);
  writeFileSync(out, `${[...head, ...lines].join('\n')}\n`);
  return out;
}

interface Outcome {
  ids: string[];
  rows: Map<string, string>;
  manifest: Record<string, unknown>;
  rejected: string[];
}

/** The manifest without what names the file or depends on its first rows (the fingerprint, the origin's evidence, the inferred dimension's count). */
function manifestOf(out: string): Record<string, unknown> {
  const { source: _s, originSource: _o, ...m } = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const embedding = m.embedding as Record<string, unknown> | undefined;
  if (embedding) delete embedding.dimensionSource;
  return m;
}

async function outcome(out: string): Promise<Outcome> {
  const s = await readSample(out);
  const rows = new Map(s.rows.map((r) => [r.id, JSON.stringify({ ...r, embedding: Array.from(r.embedding), edgeTags: [...r.edgeTags].sort() })]));
  const manifest = manifestOf(out);
  const rejected = readFileSync(join(out, 'rejects.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id?: string; reason: string }).map((r) => `${r.reason}:${r.id ?? ''}`).sort();
  return { ids: [...rows.keys()].sort(), rows, manifest, rejected };
}

function assertSame(a: Outcome, b: Outcome, what: string): void {
  assert.equal(b.ids, a.ids, `${what}: sample ids`);
  assert.equal(b.manifest, a.manifest, `${what}: manifest (counts, strata, tags, rejects)`);
  assert.ok(Array.isArray(a.manifest.strata) && (a.manifest.strata as unknown[]).length > 10, 'strata compared');
  assert.equal(b.rejected, a.rejected, `${what}: reject reasons and ids`);
  for (const [id, row] of a.rows) assert.is(b.rows.get(id), row, `${what}: row ${id}`);
}

/** ids whose occurrences lie in more than one stratum. */
function repeatsAcrossStrata(path: string): number {
  const strata = new Map<string, Set<string>>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line) continue;
    try {
      const r = JSON.parse(line) as { id?: string; tenant?: string; lang?: string };
      if (r.id) (strata.get(r.id) ?? strata.set(r.id, new Set()).get(r.id)!).add(`${r.tenant}/${r.lang}`);
    } catch {
      // a bad row the generator injected
    }
  }
  return [...strata.values()].filter((s) => s.size > 1).length;
}

test('JSONL: repeated ids in different strata; the shuffled file gives the same sample, rows and counts', async () => {
  const path = join(dir, 'prod.jsonl');
  await generateExport({ out: path, rows: ROWS, dim: 16, seed: 13, format: 'jsonl', badRates: { 'repeated-id': REPEATS / ROWS } });
  const across = repeatsAcrossStrata(path);
  assert.ok(across >= REPEATS / 2, `${across} repeated ids span strata`);
  const base = await sample({ input: path, out: join(dir, 'jsonl-0'), ...OPTS });
  assert.is(base.manifest.rejects.duplicate_id, REPEATS);
  // the kept occurrence is not always the first one (else the rule would be "first wins")
  const rejects = readFileSync(join(dir, 'jsonl-0', 'rejects.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { line: number; reason: string; detail: string });
  const dups = rejects.filter((r) => r.reason === 'duplicate_id');
  const laterKept = dups.filter((r) => Number(/line (\d+)/.exec(r.detail)?.[1]) > r.line).length;
  assert.ok(laterKept > REPEATS / 4 && laterKept < (3 * REPEATS) / 4, `${laterKept} of ${REPEATS} keep the later occurrence`);
  const a = await outcome(join(dir, 'jsonl-0'));
  for (const seed of [1, 2]) {
    const out = join(dir, `jsonl-${seed}`);
    await sample({ input: shuffled(path, false, seed), out, ...OPTS });
    assertSame(a, await outcome(out), `shuffle ${seed}`);
  }
});

test('CSV, scanned in parallel: the shuffled file gives the same sample, rows and counts as the file in order', async () => {
  const path = join(dir, 'prod.csv');
  // one record a line, so lines can be shuffled: no broken quotes (a cut quote would swallow the next lines)
  await generateExport({ out: path, rows: ROWS, dim: 16, seed: 17, format: 'csv', badRates: { 'repeated-id': REPEATS / ROWS, 'broken-quote': 0 } });
  const run = async (input: string, out: string, threads: number): Promise<Outcome> => {
    await runExact(resolveRun({ input, out, ...OPTS }, false), { threads, minBytesPerThread: 0, passTwoMinRows: 0 });
    return outcome(out);
  };
  const a = await run(path, join(dir, 'csv-serial'), 1);
  assert.is((a.manifest.rejects as Record<string, number>).duplicate_id, REPEATS);
  assertSame(a, await run(path, join(dir, 'csv-3'), 3), '3 threads');
  const mixed = shuffled(path, true, 3);
  assertSame(a, await run(mixed, join(dir, 'csv-shuffled-1'), 1), 'shuffled, serial');
  assertSame(a, await run(mixed, join(dir, 'csv-shuffled-3'), 3), 'shuffled, 3 threads');
});

test('documents: repeated ids in different strata; the shuffled export gives the same document sample', async () => {
  const path = join(dir, 'docs.jsonl');
  await generateDocuments({ out: path, docs: 3000, seed: 5 });
  // every 15th document takes the id of the one 7 before it (another tenant or language, mostly)
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  let across = 0;
  const edited = lines.map((l, i) => {
    if (i % 15 !== 14) return l;
    const from = JSON.parse(lines[i - 7] as string) as { id: string; tenant: string; lang: string };
    const doc = JSON.parse(l) as { id: string; tenant: string; lang: string };
    if (from.tenant !== doc.tenant || from.lang !== doc.lang) across++;
    return JSON.stringify({ ...doc, id: from.id });
  });
  assert.ok(across >= 100, `${across} repeats across strata`);
  const withRepeats = join(dir, 'docs-repeats.jsonl');
  writeFileSync(withRepeats, `${edited.join('\n')}\n`);
  const docOutcome = async (out: string): Promise<{ ids: string[]; rows: Map<string, string>; manifest: Record<string, unknown> }> => {
    const manifest = manifestOf(out);
    const s = await openDocumentSample(out, dir);
    const rows = new Map<string, string>();
    for await (const batch of s.documents(1000)) for (const r of batch) rows.set(r.id, JSON.stringify({ ...r, edgeTags: [...r.edgeTags].sort() }));
    return { ids: [...rows.keys()].sort(), rows, manifest };
  };
  await sample({ input: withRepeats, out: join(dir, 'docs-0'), documents: true, ...OPTS });
  const a = await docOutcome(join(dir, 'docs-0'));
  assert.is((a.manifest.rejects as Record<string, number>).duplicate_id, 200);
  await sample({ input: shuffled(withRepeats, false, 4), out: join(dir, 'docs-1'), documents: true, ...OPTS });
  const b = await docOutcome(join(dir, 'docs-1'));
  assert.equal(b.ids, a.ids, 'document ids');
  assert.equal(b.manifest, a.manifest, 'document manifest');
  for (const [id, row] of a.rows) assert.is(b.rows.get(id), row, `document ${id}`);
});

test.run();
