import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluateDocuments, formatTrecQrels, formatTrecRun, rankDocuments } from '../../../src/bench/quality/index.js';
import type { Qrels, RunEntry } from '../../../src/bench/trec/types.js';
import { seededRandom } from '../../../src/bench/quality/random.js';
import { runCli } from '../../helpers/cli.js';

test('a document ranks where its best chunk ranks; later chunks of it are dropped; unmapped chunks are counted', () => {
  const r = rankDocuments([
    { id: 'd2#0', distance: 0.1, docId: 'd2' },
    { id: 'd1#3', distance: 0.2, docId: 'd1' },
    { id: 'd2#1', distance: 0.25, docId: 'd2' },
    { id: 'x', distance: 0.3, docId: undefined },
    { id: 'd3#0', distance: 0.4, docId: 'd3' },
    { id: 'd1#0', distance: 0.5, docId: 'd1' },
  ]);
  assert.equal(r.entries, [
    { docno: 'd2', score: -0.1 },
    { docno: 'd1', score: -0.2 },
    { docno: 'd3', score: -0.4 },
  ]);
  assert.is(r.unmapped, 1);
});

test('nDCG, recall and MRR of a hand-computed example', () => {
  // q1 ranks d2, d1, d3; qrels d1=2, d4=1 (d4 never retrieved, it still counts in the ideal ranking)
  const rankings = new Map<string, RunEntry[]>([['q1', [{ docno: 'd2', score: -0.1 }, { docno: 'd1', score: -0.2 }, { docno: 'd3', score: -0.4 }]]]);
  const qrels: Qrels = new Map([['q1', new Map([['d1', 2], ['d4', 1]])]]);
  const r = evaluateDocuments(rankings, qrels, [10])!;
  const dcg = 2 / Math.log2(3);
  const idcg = 2 / Math.log2(2) + 1 / Math.log2(3);
  assert.ok(Math.abs(r.all.ndcg_cut_10! - dcg / idcg) < 1e-12);
  assert.is(r.all.recall_10, 0.5);
  assert.is(r.all.recip_rank, 0.5);
  assert.is(r.all.success_10, 1);
  assert.is(r.all.num_rel_ret, 1);
});

test('queries without qrels, or without returned documents, are not averaged (trec_eval without -c)', () => {
  const rankings = new Map<string, RunEntry[]>([
    ['q1', [{ docno: 'a', score: -0.1 }]],
    ['q2', []],
    ['q3', [{ docno: 'b', score: -0.1 }]],
  ]);
  const qrels: Qrels = new Map([['q1', new Map([['a', 1]])], ['q2', new Map([['a', 1]])]]);
  const r = evaluateDocuments(rankings, qrels, [10])!;
  assert.is(r.numQ, 1);
  assert.is(evaluateDocuments(new Map([['q9', [{ docno: 'a', score: 0 }]]]), qrels, [10]), undefined);
});

test('the measures equal `vecstage metrics` on the same run and qrels written as TREC files (random rankings, ties included)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vecstage-docrank-'));
  try {
    const rand = seededRandom(7);
    const rankings = new Map<string, RunEntry[]>();
    const qrels: Qrels = new Map();
    for (let q = 0; q < 40; q++) {
      const hits = [];
      for (let i = 0; i < 30; i++) {
        const doc = `doc-${Math.floor(rand() * 25)}`;
        // coarse distances make equal scores between documents: trec_eval breaks those ties by docno
        hits.push({ id: `${doc}#${i}`, distance: Math.round(rand() * 20) / 20, docId: doc });
      }
      hits.sort((a, b) => a.distance - b.distance);
      rankings.set(`q${q}`, rankDocuments(hits).entries);
      const judged = new Map<string, number>();
      for (let j = 0; j < 6; j++) judged.set(`doc-${Math.floor(rand() * 30)}`, Math.floor(rand() * 3));
      qrels.set(`q${q}`, judged);
    }
    const ours = evaluateDocuments(rankings, qrels, [5, 10])!;
    writeFileSync(join(dir, 'run'), formatTrecRun(rankings));
    writeFileSync(join(dir, 'qrels'), formatTrecQrels(qrels));
    const r = await runCli(['metrics', '--qrels', 'qrels', '--run', 'run', '-m', 'map,recip_rank,P.5,10,recall.5,10,ndcg_cut.5,10,success.5,10'], { cwd: dir });
    assert.is(r.code, 0, r.stderr);
    const theirs = new Map(r.stdout.trim().split('\n').map((l) => { const [name, , value] = l.split('\t'); return [name!.trim(), Number(value)]; }));
    assert.ok(theirs.size >= 9, r.stdout);
    for (const [name, value] of theirs) assert.ok(Math.abs(ours.all[name]! - value) < 5e-5, `${name}: ours ${ours.all[name]}, metrics ${value}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
