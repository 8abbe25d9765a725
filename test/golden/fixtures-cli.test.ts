import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { parseGolden } from '../../src/golden/index.js';

function project(golden: string, tags?: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'vecstage-golden-'));
  writeFileSync(join(dir, 'vecstage.config.json'), JSON.stringify({ embedding: { dimension: 3 }, environments: { dev: { backend: { kind: 'memory' }, index: 'docs' } } }));
  mkdirSync(join(dir, 'fixtures'));
  if (tags) writeFileSync(join(dir, 'fixtures', 'tags.json'), JSON.stringify({ tags }));
  writeFileSync(join(dir, 'g.jsonl'), golden);
  return dir;
}

const line = (o: Record<string, unknown>) => `${JSON.stringify(o)}\n`;

test('parseGolden reads the DESIGN §4 format', () => {
  const r = parseGolden(line({ id: 'q-001', text: 'hi', embedding: [1, 0, 0], relevant: { 'doc-7': 2, 'doc-9': 1 }, tags: ['multilingual'], filter: { tenant: 'acme' } }), { source: 'g.jsonl' });
  assert.equal(r.issues, []);
  assert.is(r.dimension, 3);
  const q = r.queries[0]!;
  assert.equal(q.relevant, { 'doc-7': 2, 'doc-9': 1 });
  assert.equal(q.filter, { tenant: 'acme' });
  assert.equal(Array.from(q.embedding), [1, 0, 0]);
});

test('validate lists every problem with file:line and exits 1', async () => {
  const dir = project(
    line({ id: 'q1', embedding: [1, 0, 0], tags: ['typo'] }) +
      line({ id: 'q2', embedding: [1, 0] }) +
      line({ id: 'q1', embedding: [0, 1, 0] }) +
      '{"id": "q3", "embedding": [0,0,1],}\n' +
      line({ id: 'q4', embedding: [0, 0, 1], relevnt: {} }) +
      line({ id: 'q5', embedding: [0, 0, 1], filter: { tenant: { $like: 'a' } } }),
    { multilingual: 'text in several languages' },
  );
  const r = await runCli(['fixtures', 'validate', 'g.jsonl'], { cwd: dir });
  assert.is(r.code, 1, r.stderr);
  const out = r.stdout.trim().split('\n');
  assert.is(out.length, 6, r.stdout);
  assert.match(out[0]!, 'g.jsonl:1: query "q1": unknown tag "typo"; allowed: multilingual');
  assert.match(out[1]!, 'g.jsonl:2: query "q2": embedding has dimension 2, expected 3');
  assert.match(out[2]!, 'g.jsonl:3: duplicate query id "q1" (first on line 1)');
  assert.match(out[3]!, 'g.jsonl:4: invalid JSON');
  assert.match(out[4]!, 'g.jsonl:5: unknown key "relevnt"');
  assert.match(out[5]!, 'g.jsonl:6: query "q5"');
});

test('a clean file validates with exit 0', async () => {
  const dir = project(line({ id: 'q1', embedding: [1, 0, 0] }));
  const r = await runCli(['fixtures', 'validate', 'g.jsonl'], { cwd: dir });
  assert.is(r.code, 0);
  assert.match(r.stdout, 'g.jsonl: ok (1 queries)');
});

test('add, tag and list round-trip through the file', async () => {
  const dir = project(line({ id: 'q1', embedding: [1, 0, 0] }));
  let r = await runCli(['fixtures', 'add', 'g.jsonl', '--id', 'q2', '--embedding', '[0,1,0]', '--text', 'zweite Frage', '--relevant', 'doc-1=2,doc-2', '--tags', 'de'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  r = await runCli(['fixtures', 'add', 'g.jsonl', '--id', 'q2', '--embedding', '[0,1,0]'], { cwd: dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, 'duplicate query id "q2"');
  r = await runCli(['fixtures', 'add', 'g.jsonl', '--id', 'q3', '--embedding', '[0,1]'], { cwd: dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, 'dimension 2');
  r = await runCli(['fixtures', 'tag', 'g.jsonl', 'q1', 'q2', '--add', 'hard', '--remove', 'de'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  r = await runCli(['fixtures', 'list', 'g.jsonl', '--json'], { cwd: dir });
  const listed = JSON.parse(r.stdout);
  assert.is(listed.count, 2);
  assert.equal(listed.tags, { hard: 2 });
  const saved = parseGolden(readFileSync(join(dir, 'g.jsonl'), 'utf8'), { source: 'g' });
  assert.equal(saved.queries[1]!.relevant, { 'doc-1': 2, 'doc-2': 1 });
  assert.is(saved.queries[1]!.text, 'zweite Frage');
});

test('an unknown verb and a missing file are usage/input errors', async () => {
  const dir = project('');
  let r = await runCli(['fixtures', 'check', 'g.jsonl'], { cwd: dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, 'allowed: validate, add, tag, list');
  r = await runCli(['fixtures', 'validate', 'nope.jsonl'], { cwd: dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, 'cannot read nope.jsonl: no such file');
});

test.run();
