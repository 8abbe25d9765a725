import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDocumentSample } from '../../../src/sampler/index.js';
import { runCli } from '../../helpers/cli.js';
import { buildDocs, csvLines, jsonlLines, writeLines } from './corpus.js';

const dir = mkdtempSync(join(tmpdir(), 'vecstage-docs-cli-'));
const docs = buildDocs(600, 21);
writeLines(join(dir, 'docs.csv'), csvLines(docs));
const jsonl = `${jsonlLines(docs).join('\n')}\n`;
writeFileSync(join(dir, 'docs.jsonl'), jsonl);
writeFileSync(join(dir, 'vecstage.config.json'), JSON.stringify({ embedding: { dimension: 8 }, environments: { dev: { backend: { kind: 'memory' }, index: 'dev' } } }));
const manifest = (out: string) => JSON.parse(readFileSync(join(dir, out, 'manifest.json'), 'utf8'));

test('vecstage sample detects a document export (no embedding column) and writes a document sample', async () => {
  const r = await runCli(['sample', 'docs.csv', '--out', 'cs', '--stratify-by', 'tenant', '--seed', '3', '--json'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.is(out.kind, 'documents');
  assert.is(out.counts.sample_rows, out.counts.stratified + out.counts.edge_cases);
  assert.ok(out.text.input.documents > 0);
  assert.not.ok('embedding' in out);
  const m = manifest('cs');
  assert.is(m.kind, 'documents');
  assert.is(m.seed, '3');
  assert.equal(m.stratifyBy, ['tenant']);
  const plain = await runCli(['sample', 'docs.csv', '--out', 'cs2', '--fraction', '0.12', '--min-per-stratum', '2'], { cwd: dir });
  assert.is(plain.code, 0, plain.stderr);
  assert.match(plain.stderr, /document sample written to cs2: \d+ rows \(\d+ stratified \+ \d+ edge cases\) of \d+ valid/);
  assert.is(manifest('cs2').fraction.requested, 0.12);
});

test('vecstage sample - (stdin): the header is peeked at, the whole stream sampled in bernoulli mode', async () => {
  const r = await runCli(['sample', '-', '--format', 'jsonl', '--out', 'stdin', '--seed', '3'], { cwd: dir, stdin: jsonl });
  assert.is(r.code, 0, r.stderr);
  const m = manifest('stdin');
  assert.is(m.kind, 'documents');
  assert.is(m.mode, 'bernoulli');
  assert.is(m.counts.rows_read, docs.length);
  assert.is(m.source.kind, 'stdin');
});

test('vecstage import and inspect of a document sample; load refuses it with exit 2', async () => {
  const imp = await runCli(['import', 'docs.jsonl', '--out', 'imp', '--origin', 'synthetic'], { cwd: dir });
  assert.is(imp.code, 0, imp.stderr);
  const m = manifest('imp');
  assert.equal([m.kind, m.purpose, m.origin, m.counts.sample_rows], ['documents', 'import', 'synthetic', docs.length]);
  const ins = await runCli(['inspect', 'imp'], { cwd: dir });
  assert.is(ins.code, 0, ins.stderr);
  assert.match(ins.stdout, /^document sample imp: 611 documents \(kind documents, import\), text column text/);
  assert.match(ins.stdout, /text chars: min 0, mean [\d.]+, max \d+; empty 3/);
  assert.match(ins.stdout, /edge tag\s+rows\n(.*\n)*near_duplicate\s+2/);
  const json = JSON.parse((await runCli(['inspect', 'imp', '--json'], { cwd: dir })).stdout);
  assert.is(json.kind, 'documents');
  assert.is(json.rows, 611);
  const load = await runCli(['load', 'imp'], { cwd: dir });
  assert.is(load.code, 2);
  assert.match(load.stderr, /imp is a document sample \(no embeddings\); build an index from it with `vecstage build imp --pipeline <name>`/);
});

test('--documents forces the document path; bad input exits 2 with a clear message', async () => {
  // a vector export read as documents: the embedding column is ignored, not metadata
  writeLines(join(dir, 'vec.csv'), ['id,embedding,text,tenant', 'v1,"[1,2]",hello there world,acme', 'v2,"[3,4]",general kenobi,acme']);
  const forced = await runCli(['import', 'vec.csv', '--out', 'forced', '--documents', '--json'], { cwd: dir });
  assert.is(forced.code, 0, forced.stderr);
  assert.is(JSON.parse(forced.stdout).kind, 'documents');
  const rows: Array<{ metadata: unknown }> = [];
  for await (const b of (await openDocumentSample('forced', dir)).documents(10)) rows.push(...b);
  assert.equal(rows.map((r) => r.metadata), [{ tenant: 'acme' }, { tenant: 'acme' }]);
  const vec = await runCli(['import', 'vec.csv', '--out', 'vec', '--json'], { cwd: dir });
  const vecOut = JSON.parse(vec.stdout);
  assert.ok('embedding' in vecOut, 'with an embedding column and no flag: the vector path');
  assert.not.ok('kind' in vecOut);
  writeLines(join(dir, 'body.csv'), ['id,body', 'x,hello']);
  const noText = await runCli(['sample', 'body.csv', '--out', 'nt'], { cwd: dir });
  assert.is(noText.code, 2);
  assert.match(noText.stderr, /text column "text" not found in body\.csv \(header\); columns: id, body; a document export needs one: choose it with --text/);
  const shard = await runCli(['sample', 'docs.csv', '--out', 'sh', '--shard', '1/2'], { cwd: dir });
  assert.is(shard.code, 2);
  assert.match(shard.stderr, /invalid --shard: 1\/2 with a document export/);
  const bounds = await runCli(['sample', 'docs.csv', '--out', 'fb', '--fraction', '0.5'], { cwd: dir });
  assert.is(bounds.code, 2);
  assert.match(bounds.stderr, /invalid fraction: 0\.5/);
});

test.run();
