/**
 * `vecstage import` + `vecstage truth` on standard-normal and on the generator's clustered vectors (src/synth)
 * equal an independent float64 brute force (plain sequential sums, one full stable sort) for every metric: ids
 * at every rank, ties (exact duplicates planted across record batches) by sample row, distances to float32.
 * The sample has several record batches, so the memory-mapped, chunked read is what is tested; the portable
 * kernel (VECSTAGE_KERNEL=js, whole-file read) must write the same rows; metadata filters are honoured; the
 * sample's identity (manifest hash) is what openSampleSource computes.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { readSampleColumns, readTruthFile } from '../../src/arrow/index.js';
import type { Metric } from '../../src/config/types.js';
import { openSampleSource } from '../../src/load/arrow-source.js';
import { seededRandom } from '../../src/random.js';
import { BAD_KINDS, EDGE_KINDS, planExport, resolveGenerateOptions } from '../../src/synth/index.js';
import { cleanVector } from '../../src/synth/vector.js';
import { describeTruthSample } from '../../src/truth/sample-file.js';

const N = 9000;
const DIM = 48;
const M = 24;
const K = 30;
const TENANTS = ['acme', 'globex', 'initech'];

function gaussian(count: number, seed: number): Float32Array {
  const r = seededRandom(seed);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  return out;
}

function clustered(rows: number, dim: number, seed: number): Float32Array {
  const zero = (kinds: readonly string[]) => Object.fromEntries(kinds.map((k) => [k, 0]));
  const plan = planExport(resolveGenerateOptions({ rows, dim, seed, edgeRates: zero(EDGE_KINDS), badRates: zero(BAD_KINDS), rareStratumRows: 0 }));
  const out = new Float32Array(rows * dim);
  for (let i = 0; i < rows; i++) out.set(cleanVector(plan, i), i * dim);
  return out;
}

async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  for (const line of lines) if (!out.write(line)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

/** A sample of `base` (ids d<i>, tenant metadata) and golden queries: the first third filtered to one tenant. */
async function setUp(name: string, base: Float32Array, queries: Float32Array): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `vecstage-truth-${name}-`));
  // exact duplicates: row 7 again at 4500 and 8999 (other batches), row 100 at 4096 (a batch's first row)
  for (const [from, to] of [[7, 4500], [7, 8999], [100, 4096]] as const) base.copyWithin(to * DIM, from * DIM, (from + 1) * DIM);
  const vec = (v: Float32Array, i: number) => `[${Array.from(v.subarray(i * DIM, (i + 1) * DIM)).join(',')}]`;
  await writeLines(join(dir, 'base.jsonl'), (function* () {
    for (let i = 0; i < N; i++) yield `{"id":"d${i}","embedding":${vec(base, i)},"metadata":{"tenant":"${TENANTS[i % 3]}"}}\n`;
  })());
  await writeLines(join(dir, 'queries.jsonl'), (function* () {
    for (let q = 0; q < M; q++) yield `{"id":"q${q}","embedding":${vec(queries, q)}${q < M / 3 ? `,"filter":{"tenant":"${TENANTS[q % 3]}"}` : ''}}\n`;
  })());
  writeFileSync(join(dir, 'vecstage.config.json'), JSON.stringify({ embedding: { model: name, dimension: DIM, metric: 'cosine' }, environments: { dev: { backend: { kind: 'memory' }, index: 'x' } } }));
  const r = await runCli(['import', 'base.jsonl', '--out', 'sample'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  return dir;
}

/** The independent reference: every allowed row's float64 distance, sequential sums, one stable sort. */
function bruteForce(vectors: Float32Array, allowed: (row: number) => boolean, q: Float32Array, qo: number, metric: Metric): Array<{ row: number; d: number }> {
  const n = vectors.length / DIM;
  const all: Array<{ row: number; d: number }> = [];
  for (let row = 0; row < n; row++) {
    if (!allowed(row)) continue;
    let dot = 0, qq = 0, bb = 0, l2 = 0;
    for (let p = 0; p < DIM; p++) {
      const a = q[qo + p]!, b = vectors[row * DIM + p]!;
      dot += a * b; qq += a * a; bb += b * b; l2 += (a - b) * (a - b);
    }
    all.push({ row, d: metric === 'l2' ? l2 : metric === 'ip' ? 1 - dot : qq === 0 || bb === 0 ? 1 : 1 - dot / Math.sqrt(qq * bb) });
  }
  return all.sort((a, b) => a.d - b.d || a.row - b.row);
}

const DATA: Array<[string, () => { base: Float32Array; queries: Float32Array }]> = [
  ['gaussian', () => ({ base: gaussian(N * DIM, 11), queries: gaussian(M * DIM, 12) })],
  ['clustered', () => {
    const both = clustered(N + M, DIM, 5);
    return { base: both.slice(0, N * DIM), queries: both.slice(N * DIM) };
  }],
];

for (const [name, make] of DATA) {
  test(`${name}: vecstage truth equals an independent brute force for cosine, ip and l2 (ties by sample row, filters)`, async () => {
    const { base, queries } = make();
    // query 20 is row 7, which has two exact copies (setUp): three tied nearest rows in every metric
    queries.set(base.subarray(7 * DIM, 8 * DIM), 20 * DIM);
    const dir = await setUp(name, base, queries);
    const sample = await readSampleColumns(join(dir, 'sample'));
    assert.ok(sample.ids.length === N, 'every row imported');
    const source = await openSampleSource('sample', dir);
    assert.is(describeTruthSample('sample', dir)?.manifestHash, source.manifestHash, 'the footer-only identity is openSampleSource\'s');
    for (const metric of ['cosine', 'ip', 'l2'] as const) {
      const out = `truth-${metric}.arrow`;
      const r = await runCli(['truth', '--sample', 'sample', '--queries', 'queries.jsonl', '--k', String(K), '--metric', metric, '--out', out, '--no-cache'], { cwd: dir });
      assert.is(r.code, 0, r.stderr);
      const truth = await readTruthFile(join(dir, out));
      assert.is(truth.meta.sampleManifestHash, source.manifestHash);
      assert.is(truth.rows.length, M);
      assert.equal(truth.rows[20]!.ids.slice(0, 3), ['d7', 'd4500', 'd8999'], `${name} ${metric}: a tie comes out by sample row`);
      assert.is(truth.rows[20]!.distances[0], truth.rows[20]!.distances[2], `${name} ${metric}: the tie's distances are equal`);
      for (const [q, row] of truth.rows.entries()) {
        const golden = q < M / 3 ? TENANTS[q % 3] : undefined;
        const want = bruteForce(sample.vectors, (j) => !golden || sample.metadata[j]?.tenant === golden, queries, q * DIM, metric).slice(0, K);
        assert.equal(row.ids, want.map((w) => sample.ids[w.row]), `${name} ${metric} q${q}: ids`);
        for (const [rank, w] of want.entries()) {
          assert.ok(Math.abs(row.distances[rank]! - w.d) <= 1e-6 * Math.max(1, Math.abs(w.d)), `${name} ${metric} q${q} rank ${rank}: ${row.distances[rank]} vs ${w.d}`);
        }
        if (golden) assert.ok(row.ids.every((id) => sample.metadata[sample.ids.indexOf(id)]?.tenant === golden), `${name} q${q}: filter`);
      }
      // the portable kernel and the whole-file read write the same rows
      const js = await runCli(['truth', '--sample', 'sample', '--queries', 'queries.jsonl', '--k', String(K), '--metric', metric, '--out', `js-${out}`, '--no-cache'], { cwd: dir, env: { VECSTAGE_KERNEL: 'js' } });
      assert.is(js.code, 0, js.stderr);
      assert.equal((await readTruthFile(join(dir, `js-${out}`))).rows, truth.rows, `${name} ${metric}: js kernel`);
    }
  });
}

test.run();
