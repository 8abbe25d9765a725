/**
 * Issue 11 end to end, as a user runs it: raw documents -> `vecstage import` (a document sample) -> two pipelines
 * built into embedded Chroma -> bench at document level -> compare. The document-level numbers are checked against
 * an independent computation (exact search over the chunk sample in plain JS, best chunk per document, nDCG by
 * its formula) and against `vecstage metrics` on the TREC files written beside the report. Also: the declared
 * embedding contract refused before any index exists, a chunker module that throws (names the document, leaves
 * no index), and a build killed mid-load that `--resume` finishes with the exact count.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, runCli, spawnCli, type CliRun } from '../helpers/cli.js';
import { parseJsonOut, tempProject } from '../load/project.js';
import { readSample } from '../../src/arrow/index.js';
import { loadConfig, resolveEnv } from '../../src/config/index.js';
import { openBackend } from '../../src/backends/open.js';
import type { Report } from '../../src/report/types.js';

const DIM = 128;
const hashing = { kind: 'hashing', model: `hashing-${DIM}`, dimension: DIM };
const project = tempProject(
  {
    embedding: { model: `hashing-${DIM}`, dimension: DIM, metric: 'cosine' },
    pipelines: {
      whole: { chunker: { kind: 'fixed', size: 6000, unit: 'chars' }, embedder: hashing },
      windows: { chunker: { kind: 'sliding-window', size: 300, overlap: 50, unit: 'chars' }, embedder: hashing },
      'wrong-dim': { chunker: { kind: 'fixed', size: 500, unit: 'chars' }, embedder: { kind: 'hashing', model: `hashing-${DIM}`, dimension: 64 } },
      broken: { chunker: { module: './chunkers/broken.mjs' }, embedder: hashing },
    },
    environments: { dev: { backend: { kind: 'chroma', url: 'embedded' }, index: 'kb' } },
  },
  'vecstage-e2e-build-',
);
const cwd = project.dir;

/** Documents about common topics, each hiding one passage of rare words that one golden query asks for. */
function writeCorpus(): { docs: number; queries: number } {
  const topics = ['billing invoice payment refund account', 'network router firewall latency packet', 'storage disk volume backup snapshot', 'login password session token identity'];
  const rareA = ['azure', 'cobalt', 'dune', 'ember', 'fjord', 'glacier', 'harbor', 'iris', 'jade', 'krypton', 'lagoon', 'meadow', 'nectar', 'onyx', 'prairie', 'quartz', 'raven', 'sierra', 'tundra', 'umber'];
  const rareB = ['anvil', 'beacon', 'citadel', 'dynamo', 'easel', 'falcon', 'gazebo', 'hammock', 'igloo', 'javelin', 'kiosk', 'lantern', 'monsoon', 'nebula', 'obelisk', 'pylon', 'quiver', 'rotunda', 'sextant', 'trellis'];
  const docs: string[] = [];
  const queries: string[] = [];
  for (let d = 0; d < 40; d++) {
    const topic = topics[d % topics.length]!;
    const paras: string[] = [];
    for (let p = 0; p < 12; p++) paras.push(`Section ${p} about ${topic}: ${topic.split(' ').reverse().join(' ')} and more ${topic} for the ${d % 7} team.`);
    const needle = `${rareA[d % 20]} ${rareB[Math.floor(d / 2) % 20]} procedure for ${rareA[(d * 7) % 20]} ${rareB[(d * 3) % 20]} escalation`;
    paras.splice(3 + (d % 8), 0, `Important: the ${needle} must be followed.`);
    docs.push(JSON.stringify({ id: `doc-${d}`, text: paras.join('\n\n'), tenant: `t${d % 3}`, lang: 'en' }));
    if (d % 2 === 0) queries.push(JSON.stringify({ id: `q-${d}`, text: needle, relevant: { [`doc-${d}`]: 2 }, tags: [d % 4 === 0 ? 'even' : 'odd'] }));
  }
  docs.push(JSON.stringify({ id: 'doc-empty', text: '', tenant: 't0', lang: 'en' }));
  writeFileSync(join(cwd, 'docs.jsonl'), `${docs.join('\n')}\n`);
  writeFileSync(join(cwd, 'golden.jsonl'), `${queries.join('\n')}\n`);
  mkdirSync(join(cwd, 'chunkers'), { recursive: true });
  writeFileSync(join(cwd, 'chunkers', 'broken.mjs'), `export default (doc) => { if (doc.id === 'doc-7') throw new Error('cannot split this one'); return [doc.text]; };\n`);
  return { docs: docs.length, queries: queries.length };
}

let corpus = { docs: 0, queries: 0 };
test.before(async () => {
  corpus = writeCorpus();
  const r = await runCli(['import', 'docs.jsonl', '--out', 'd', '--json'], { cwd });
  if (r.code !== 0) throw new Error(`import failed: ${r.stderr}`);
});
test.after(() => {
  if (process.env.KEEP_E2E) process.stderr.write(`kept ${cwd}\n`);
  else project.remove();
});

interface BuildOut {
  index: string;
  chunks: { count: number; dir: string };
  documents: { rows: number; withoutChunks: number };
  embed: { calls: number; embedded: number; cacheHits: number };
}

test('the declared embedding contract is refused (exit 3) before any index exists', async () => {
  const r = await runCli(['build', 'd', '--pipeline', 'wrong-dim'], { cwd });
  assert.is(r.code, 3, r.stderr);
  assert.match(r.stderr, /pipeline "wrong-dim" embeds with dimension 64 vs 128/);
  const ls = await runCli(['indexes', '--json'], { cwd });
  assert.equal((JSON.parse(ls.stdout) as { indexes: unknown[] }).indexes, []);
});

test('a chunker module that throws names the document and the module, and leaves no index', async () => {
  const r = await runCli(['build', 'd', '--pipeline', 'broken'], { cwd });
  assert.is(r.code, 2, r.stderr);
  assert.match(r.stderr, /doc-7/);
  assert.match(r.stderr, /broken\.mjs/);
  assert.match(r.stderr, /cannot split this one/);
  const ls = await runCli(['indexes', '--json'], { cwd });
  assert.equal((JSON.parse(ls.stdout) as { indexes: unknown[] }).indexes, []);
});

let whole: BuildOut;
let windows: BuildOut;

test('two strategies build into versioned indexes; the second re-embeds only chunks it has not seen', async () => {
  const a = await spawnCli(['build', 'd', '--pipeline', 'whole', '--json'], { cwd });
  assert.is(a.code, 0, a.stderr);
  whole = parseJsonOut<BuildOut>(a.stdout);
  assert.is(whole.index, 'kb-v1');
  assert.is(whole.documents.rows, corpus.docs);
  assert.is(whole.documents.withoutChunks, 1, 'the empty document gives no chunk');
  assert.is(whole.chunks.count, corpus.docs - 1, 'one chunk per non-empty document');
  const b = await spawnCli(['build', 'd', '--pipeline', 'windows', '--json'], { cwd });
  assert.is(b.code, 0, b.stderr);
  windows = parseJsonOut<BuildOut>(b.stdout);
  assert.is(windows.index, 'kb-v2');
  assert.ok(windows.chunks.count > 5 * whole.chunks.count, `windows: ${windows.chunks.count} chunks`);
  // building the same strategy again into a new version costs no embedding call at all
  const c = await spawnCli(['build', 'd', '--pipeline', 'windows', '--index', 'kb-v3', '--json'], { cwd });
  assert.is(c.code, 0, c.stderr);
  const again = parseJsonOut<BuildOut>(c.stdout);
  assert.is(again.embed.calls, 0);
  assert.is(again.embed.embedded, 0);
  assert.ok(again.embed.cacheHits > 0 && again.embed.cacheHits <= windows.chunks.count, `cache hits ${again.embed.cacheHits} (unique texts)`);
  const ls = await runCli(['indexes'], { cwd });
  assert.match(ls.stdout, /kb-v2 .* windows .* sliding-window size=300 overlap=50 unit=chars/);
});

test('bench at document level agrees with an independent computation and with vecstage metrics', async () => {
  const reports: Report[] = [];
  for (const [index, baseline] of [['kb-v1', undefined], ['kb-v2', 'BASE']] as const) {
    const args = ['bench', '--index', index, '--queries', 'golden.jsonl', '--cutoffs', '10,50', '--concurrency', '1', '--duration', '1s', '--serial-requests', '20', '--warmup', '5', '--rate', 'off', '--out', 'reports', '--json'];
    if (baseline) args.push('--baseline', join('reports', reports[0]!.runId, 'report.json'));
    const r = await spawnCli(args, { cwd });
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    const out = parseJsonOut<{ runId: string; paths: { json: string } }>(r.stdout);
    reports.push(JSON.parse(readFileSync(join(cwd, out.paths.json), 'utf8')) as Report);
  }
  const [base, cand] = reports as [Report, Report];
  for (const [rep, build] of [[base, whole], [cand, windows]] as const) {
    const d = rep.documents!;
    assert.ok(d, 'a documents section');
    assert.is(d.queries, corpus.queries);
    assert.is(rep.quality.recall['10'], 1, 'a small index: HNSW finds the exact chunks, so the check below is exact');
    const expected = await independentNdcg10(join(cwd, build.chunks.dir));
    assert.ok(Math.abs(d.measures.ndcg_cut_10! - expected) < 1e-9, `${rep.fingerprint.index.name}: report ${d.measures.ndcg_cut_10}, independent ${expected}`);
    const dir = join(cwd, 'reports', rep.runId);
    const m = await runCli(['metrics', '--qrels', 'doc-qrels.trec', '--run', 'doc-run.trec', '-m', 'ndcg_cut.10,recip_rank,recall.10'], { cwd: dir });
    assert.is(m.code, 0, m.stderr);
    for (const line of m.stdout.trim().split('\n')) {
      const [name, , value] = line.split('\t');
      assert.ok(Math.abs(d.measures[name!.trim()]! - Number(value)) < 5e-5, `${name}: ${d.measures[name!.trim()]} vs ${value}`);
    }
  }
  // passages drown in one 6000-char chunk: the windows find them
  assert.ok(cand.documents!.measures.ndcg_cut_10! > base.documents!.measures.ndcg_cut_10! + 0.1, `whole ${base.documents!.measures.ndcg_cut_10}, windows ${cand.documents!.measures.ndcg_cut_10}`);
  const s = cand.baseline!.comparison.strategy!;
  assert.is(s.baseline!.pipeline, 'whole');
  assert.is(s.candidate!.pipeline, 'windows');
  assert.is(s.candidate!.chunks, windows.chunks.count);
  const ndcg = s.measures.find((x) => x.name === 'ndcg_cut_10')!;
  assert.ok(ndcg.delta > 0 && ndcg.ci.lo > 0, JSON.stringify(ndcg));
  assert.ok(s.wins!.candidate.length > s.wins!.baseline.length);
  const html = readFileSync(join(cwd, 'reports', cand.runId, 'report.html'), 'utf8');
  assert.match(html, /Document-level relevance/);
  assert.match(html, /Strategies compared/);
});

test('a build killed mid-load resumes with --resume to the exact count, every chunk once', async () => {
  const args = ['build', 'd', '--pipeline', 'windows', '--index', 'kb-v9', '--batch', '10', '--concurrency', '1', '--max-write-rps', '4', '--json'];
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const cpDir = join(cwd, '.vecstage', 'checkpoints', 'dev');
  await waitFor(() => {
    const f = join(cpDir, 'kb-v9.json');
    if (!existsSync(f)) return undefined;
    try {
      return (JSON.parse(readFileSync(f, 'utf8')) as { done: number[] }).done.length >= 3 ? true : undefined;
    } catch {
      return undefined;
    }
  }, `a checkpoint of kb-v9 with 3 batches (stderr: ${stderr})`);
  child.kill('SIGKILL');
  await exited;
  const second: CliRun = await spawnCli([...args, '--resume'], { cwd });
  assert.is(second.code, 0, second.stderr);
  const r = parseJsonOut<BuildOut & { resumed: boolean }>(second.stdout);
  assert.is(r.resumed, true);
  assert.is(r.index, 'kb-v9');
  assert.is(r.chunks.count, windows.chunks.count);
  assert.equal(readdirSync(cpDir).filter((f) => f.startsWith('kb-v9')), []);
  const target = resolveEnv(await loadConfig({ cwd, env: {} }), 'dev', {});
  const backend = await openBackend(target, { processEnv: {} });
  try {
    const index = await backend.openIndex('kb-v9');
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await index.listIds({ limit: 1000, ...(cursor ? { cursor } : {}) });
      ids.push(...page.ids);
      cursor = page.cursor;
    } while (cursor);
    assert.is(ids.length, windows.chunks.count);
    assert.is(new Set(ids).size, ids.length, 'no duplicate chunk');
  } finally {
    await backend.close();
  }
});

/** Exact cosine search over the chunk sample, best chunk per document, nDCG@10 by its formula (one judged doc, grade 2). */
async function independentNdcg10(chunkDir: string): Promise<number> {
  const rows = (await readSample(chunkDir)).rows;
  const golden = readFileSync(join(cwd, 'golden.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; text: string; relevant: Record<string, number> });
  // the bench embedded the query texts with the same hashing embedder: take the vectors from the embed module
  const { createEmbedder } = await import('../../src/pipeline/embed/index.js');
  const config = await loadConfig({ cwd, env: {} });
  const embedder = await createEmbedder(config.pipelines.windows!.embedder, { processEnv: {} });
  const qv = (await embedder.embed(golden.map((g) => g.text))).vectors;
  let sum = 0;
  golden.forEach((g, qi) => {
    const q = qv[qi]!;
    const scored = rows.map((r) => ({ doc: String(r.metadata!.doc_id), d: 1 - cosine(q, r.embedding) })).sort((a, b) => a.d - b.d);
    const docs: string[] = [];
    for (const s of scored) if (!docs.includes(s.doc)) docs.push(s.doc);
    const rank = docs.slice(0, 10).indexOf(Object.keys(g.relevant)[0]!);
    sum += rank < 0 ? 0 : 1 / Math.log2(rank + 2);
  });
  return sum / golden.length;
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test.run();
