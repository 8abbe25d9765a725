import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseQrels, parseRun, readQrelsFile, readRunFile } from '../../../src/bench/trec/index.js';

test('parseQrels: qid iter docno rel; comments and blank lines skipped; negative rel kept', () => {
  const q = parseQrels('# judged by A\n1 0 d1 2\n\n1 Q0 d2 -1\n2 0 d1 0\n', 'q.txt');
  assert.equal([...q.keys()], ['1', '2']);
  assert.equal([...(q.get('1') ?? [])], [['d1', 2], ['d2', -1]]);
});

test('parseQrels errors name file:line and what is allowed', () => {
  assert.throws(() => parseQrels('1 0 d1 1\n1 0 d2\n', 'q.txt'), (e: Error) =>
    e.message.startsWith('invalid qrels line: "1 0 d2" (q.txt:2); allowed: qrels lines "qid iter docno rel"') && e.message.includes('got 3 fields'));
  assert.throws(() => parseQrels('1 0 d1 yes\n', 'q.txt'), /invalid relevance: "yes" \(q\.txt:1\); allowed: an integer/);
  assert.throws(() => parseQrels('1 0 d1 1.5\n', 'q.txt'), /q\.txt:1/);
  assert.throws(() => parseQrels('1 0 d1 1\n1 0 d1 0\n', 'q.txt'), /\(q\.txt:2\); allowed: each docno judged once per query; d1 is repeated for query 1/);
});

test('parseRun: six fields at least, extra fields ignored, rank column ignored, run id from the last line', () => {
  const r = parseRun('1 Q0 d1 7 2.5 A more junk\n1 Q0 d2 1 -1e2 B\n2 Q0 d1 1 0 C\n', 'run.txt');
  assert.is(r.runId, 'C');
  assert.equal(r.queries.get('1'), [
    { docno: 'd1', score: 2.5 },
    { docno: 'd2', score: -100 },
  ]);
});

test('parseRun errors name file:line and what is allowed', () => {
  assert.throws(() => parseRun('1 Q0 d1 1 2\n', 'run.txt'), /invalid run line: "1 Q0 d1 1 2" \(run\.txt:1\); allowed: run lines "qid Q0 docno rank score tag"/);
  assert.throws(() => parseRun('\n1 Q0 d1 1 NaN t\n', 'run.txt'), /invalid score: "NaN" \(run\.txt:2\); allowed: a finite number \(column 5\)/);
  assert.throws(() => parseRun('1 Q0 d1 1 1 t\n1 Q0 d1 2 0.5 t\n', 'run.txt'), /\(run\.txt:2\); allowed: each docno retrieved once per query/);
});

test('readQrelsFile / readRunFile read real files; a missing file is an INPUT error naming it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vecstage-trec-'));
  try {
    writeFileSync(join(dir, 'q'), '1 0 d 1');
    writeFileSync(join(dir, 'r'), '1 Q0 d 1 1 t');
    assert.is((await readQrelsFile(join(dir, 'q'))).get('1')?.get('d'), 1);
    assert.is((await readRunFile(join(dir, 'r'))).runId, 't');
    await readRunFile(join(dir, 'missing')).then(
      () => assert.unreachable('should throw'),
      (e: { code: string; message: string }) => {
        assert.is(e.code, 'INPUT');
        assert.match(e.message, `cannot read run file ${join(dir, 'missing')}: no such file`);
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
