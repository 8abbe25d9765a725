import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseGolden } from '../../src/golden/parse.js';
import { formatGoldenLine } from '../../src/golden/read.js';

const LINES = [
  '{"id":"q1","text":"reset two factor","relevant":{"doc-7":2}}',
  '{"id":"q2","text":"with a vector","embedding":[0.1,0.2]}',
  '{"id":"q3","text":"   "}',
  '{"id":"q4"}',
].join('\n');

test('text-only queries are accepted with textOnly, with an empty embedding to fill; blank text is not', () => {
  const r = parseGolden(LINES, { source: 'g.jsonl', textOnly: true });
  assert.equal(r.queries.map((q) => [q.id, q.embedding.length]), [['q1', 0], ['q2', 2]]);
  assert.equal(r.queries[0]!.relevant, { 'doc-7': 2 });
  assert.equal(r.issues.map((i) => i.line), [3, 4]);
  assert.match(r.issues[0]!.message, /query "q3": no embedding; allowed: an array of numbers, or a non-empty text to embed/);
  assert.is(r.dimension, 2);
});

test('without textOnly a query without embedding is an issue that says how to embed it', () => {
  const r = parseGolden(LINES, { source: 'g.jsonl' });
  assert.equal(r.queries.map((q) => q.id), ['q2']);
  assert.match(r.issues[0]!.message, /query "q1": no embedding; .*text-only queries need a pipeline/);
});

test('a text-only query is written back without an embedding', () => {
  const [q] = parseGolden(LINES, { source: 'g.jsonl', textOnly: true }).queries;
  assert.is(formatGoldenLine(q!), '{"id":"q1","text":"reset two factor","relevant":{"doc-7":2}}');
});

test.run();
