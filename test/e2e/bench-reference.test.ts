/**
 * `vecstage import` -> `load` -> `bench` on the TEXMEX reference sets (../shared/data), as a user runs it:
 * the exact memory backend must score tie-aware recall@10 and @100 = 1.0, both against vecstage's own ground truth
 * (--sample) and against the published neighbours (--truth built from *_groundtruth.ivecs, an oracle vecstage did
 * not compute); embedded Chroma's HNSW reports its actual recall, recorded here, not asserted to be 1.
 * The memory backend lives in the process, so every command runs in-process (runCli).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { startChroma, type ChromaTestServer } from '../helpers/chroma.js';
import { SHARED_DATA, readFvecs, readIvecs, sharedDataMissing, squaredL2, writeVecsJsonl as writeJsonl, type Vecs } from '../helpers/reference-data.js';
import { writeTruthFile } from '../../src/arrow/index.js';
import type { Report } from '../../src/report/types.js';

/** short latency passes: this file is about recall; latency is covered by bench-chroma-report */
const QUICK = ['--concurrency', '1', '--duration', '300ms', '--serial-requests', '10', '--warmup', '0', '--rate', 'off'];

interface Project {
  dir: string;
  base: Vecs<Float32Array>;
  queries: Vecs<Float32Array>;
  gt: Vecs<Int32Array>;
}

async function project(name: string, chromaUrl: string): Promise<Project> {
  const dir = mkdtempSync(join(tmpdir(), `vecstage-e2e-${name}-`));
  const base = readFvecs(`${SHARED_DATA}${name}/${name}_base.fvecs`);
  const queries = readFvecs(`${SHARED_DATA}${name}/${name}_query.fvecs`);
  const gt = readIvecs(`${SHARED_DATA}${name}/${name}_groundtruth.ivecs`);
  await writeJsonl(join(dir, 'base.jsonl'), base, '');
  await writeJsonl(join(dir, 'queries.jsonl'), queries, 'q');
  writeFileSync(
    join(dir, 'vecstage.config.json'),
    JSON.stringify({
      embedding: { model: name, dimension: base.dim, metric: 'l2' },
      environments: { dev: { backend: { kind: 'memory' }, index: 'ref' }, staging: { backend: { kind: 'chroma', url: chromaUrl }, index: name } },
    }),
  );
  const r = await runCli(['import', 'base.jsonl', '--out', 'sample'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  return { dir, base, queries, gt };
}

async function load(p: Project, env: string): Promise<string> {
  const r = await runCli(['load', 'sample', '--env', env, '--json'], { cwd: p.dir });
  assert.is(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { index: string; count: number };
  assert.is(j.count, p.base.n);
  return j.index;
}

async function bench(p: Project, args: string[]): Promise<Report> {
  const r = await runCli(['bench', '--queries', 'queries.jsonl', '--cutoffs', '10,100', ...QUICK, '--json', ...args], { cwd: p.dir });
  assert.is(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { paths: { json: string } };
  return JSON.parse(readFileSync(join(p.dir, j.paths.json), 'utf8')) as Report;
}

/** The published neighbours as a vecstage truth file: ids from the .ivecs, float64 squared-L2 distances. */
async function writePublishedTruth(p: Project, sampleManifestHash: string): Promise<string> {
  const rows = [];
  for (let q = 0; q < p.queries.n; q++) {
    const ids: string[] = [];
    const distances: number[] = [];
    for (let r = 0; r < p.gt.dim; r++) {
      const j = p.gt.data[q * p.gt.dim + r]!;
      ids.push(String(j));
      distances.push(squaredL2(p.queries.data, q * p.queries.dim, p.base.data, j * p.base.dim, p.base.dim));
    }
    rows.push({ queryId: `q${q}`, ids, distances });
  }
  const queriesHash = createHash('sha256').update(readFileSync(join(p.dir, 'queries.jsonl'))).digest('hex');
  const path = join(p.dir, 'published-truth.arrow');
  await writeTruthFile(path, { k: p.gt.dim, metric: 'l2', sampleManifestHash, queriesHash, sample: 'sample', queries: 'queries.jsonl', createdAt: '2009-01-01T00:00:00.000Z' }, rows);
  return path;
}

let chroma: ChromaTestServer | undefined;
const recorded: string[] = [];

for (const name of ['siftsmall', 'fmnistsmall']) {
  const skip = sharedDataMissing(name);
  test(`${name}: memory backend recall@10 = recall@100 = 1.0 (own truth and published truth); Chroma reports its own${skip ? ` (skipped: ${skip})` : ''}`, async () => {
    if (skip) return;
    chroma ??= await startChroma();
    const p = await project(name, chroma.url);
    try {
      const mem = await load(p, 'dev');
      const own = await bench(p, ['--index', mem, '--sample', 'sample']);
      assert.is(own.fingerprint.index.metric, 'l2');
      assert.is(own.fingerprint.backend.kind, 'memory');
      assert.is(own.quality.queries, p.queries.n);
      assert.is(own.quality.errored, 0);
      assert.equal(own.quality.recall, { '10': 1, '100': 1 }, 'exact search against its own exact truth');
      assert.is(own.quality.recallDistribution['100']!.p10, 1);

      const published = await writePublishedTruth(p, own.fingerprint.truth!.sampleManifestHash!);
      const ref = await bench(p, ['--index', mem, '--truth', published, '--sample', 'sample']);
      assert.equal(ref.quality.recall, { '10': 1, '100': 1 }, 'exact search against the published TEXMEX neighbours (tie-aware)');
      assert.is(ref.fingerprint.truth!.path, published);

      const hnsw = await load(p, 'staging');
      const c = await bench(p, ['--env', 'staging', '--index', hnsw, '--truth', published, '--sample', 'sample']);
      assert.is(c.fingerprint.backend.kind, 'chroma');
      assert.is(c.quality.errored, 0);
      for (const k of ['10', '100']) {
        const r = c.quality.recall[k]!;
        assert.ok(r > 0 && r <= 1, `chroma recall@${k} = ${r}`);
      }
      recorded.push(`${name}: chroma ${c.fingerprint.backend.version} recall@10 ${c.quality.recall['10']!.toFixed(4)}, recall@100 ${c.quality.recall['100']!.toFixed(4)}`);
    } finally {
      rmSync(p.dir, { recursive: true, force: true });
    }
  });
}

test.after(async () => {
  await chroma?.stop();
  if (recorded.length) process.stderr.write(`\nembedded Chroma (default HNSW) on the reference sets:\n  ${recorded.join('\n  ')}\n`);
});

test.run();
