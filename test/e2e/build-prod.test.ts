/**
 * The prod rebuild job (issue 11 part 6), as a deploy job runs it: `vecstage build <full raw export> --env prod`
 * with an openai-compatible embedder (the loopback stand-in of the public embeddings API) into embedded Chroma.
 * Refused without the double opt-in, from a document sample, and from synthetic documents (the generator's origin
 * marker, issue 14); with both opt-ins a production export builds the next prod version from every document, at
 * most --max-embed-rps embedding calls per second, never touching the live index, and the final count matches.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { startEmbeddingsStandin, type EmbeddingsStandin } from '../helpers/embeddings-stand-in.js';
import { parseJsonOut, tempProject } from '../load/project.js';

const DIM = 64;
const project = tempProject({}, 'vecstage-e2e-build-prod-');
const cwd = project.dir;
const SEALED = { VECSTAGE_ALLOW_SEALED: '1' };
let standin: EmbeddingsStandin;
let exportDocs = 0;

test.before(async () => {
  standin = await startEmbeddingsStandin({ dimension: DIM });
  const embedder = { kind: 'openai-compatible', url: standin.url, model: 'text-embedding-3-small', dimension: DIM, batch: 16, concurrency: 4 };
  project.writeConfig({
    embedding: { model: 'text-embedding-3-small', dimension: DIM, metric: 'cosine' },
    pipelines: { sw: { chunker: { kind: 'sliding-window', size: 600, overlap: 80, unit: 'chars' }, embedder } },
    environments: {
      staging: { backend: { kind: 'chroma', url: 'embedded' }, index: 'kb' },
      prod: { backend: { kind: 'chroma', url: 'embedded' }, index: 'prodkb', sealed: true },
    },
  });
  const gen = await runCli(['generate', '--documents', '--out', 'synthetic.jsonl', '--docs', '60', '--seed', '3'], { cwd });
  if (gen.code !== 0) throw new Error(gen.stderr);
  // a production export stands in: the same documents without the generator's origin marker
  const lines = readFileSync(join(cwd, 'synthetic.jsonl'), 'utf8').trim().split('\n');
  const stripped = lines.map((l) => {
    const o = JSON.parse(l) as Record<string, unknown>;
    delete o.vecstage_origin;
    return JSON.stringify(o);
  });
  exportDocs = stripped.length;
  writeFileSync(join(cwd, 'prod-export.jsonl'), `${stripped.join('\n')}\n`);
  const imp = await runCli(['import', 'prod-export.jsonl', '--out', 'doc-sample', '--origin', 'production'], { cwd });
  if (imp.code !== 0) throw new Error(imp.stderr);
});
test.after(async () => {
  await standin.close();
  project.remove();
});

async function prodIndexes(): Promise<{ name: string; count: number; provenance?: Record<string, unknown> }[]> {
  const r = await runCli(['indexes', '--env', 'prod', '--json'], { cwd });
  assert.is(r.code, 0, r.stderr);
  return parseJsonOut<{ indexes: { name: string; count: number; provenance?: Record<string, unknown> }[] }>(r.stdout).indexes;
}

test('a sealed build needs both opt-ins, refuses a sample and synthetic documents, and embeds nothing first', async () => {
  const none = await runCli(['build', 'prod-export.jsonl', '--env', 'prod', '--pipeline', 'sw'], { cwd });
  assert.is(none.code, 3, none.stderr);
  assert.match(none.stderr, /sealed/);
  const flagOnly = await runCli(['build', 'prod-export.jsonl', '--env', 'prod', '--pipeline', 'sw', '--allow-sealed'], { cwd });
  assert.is(flagOnly.code, 3, flagOnly.stderr);
  assert.match(flagOnly.stderr, /VECSTAGE_ALLOW_SEALED/);
  const fromSample = await runCli(['build', 'doc-sample', '--env', 'prod', '--pipeline', 'sw', '--allow-sealed'], { cwd, env: SEALED });
  assert.is(fromSample.code, 3, fromSample.stderr);
  assert.match(fromSample.stderr, /from the sample doc-sample; a sealed env is rebuilt from the full raw export/);
  const synthetic = await runCli(['build', 'synthetic.jsonl', '--env', 'prod', '--pipeline', 'sw', '--allow-sealed'], { cwd, env: SEALED });
  assert.is(synthetic.code, 3, synthetic.stderr);
  assert.match(synthetic.stderr, /refused: synthetic.jsonl holds synthetic documents \(.*vecstage_origin.*\) and environment "prod" is sealed/);
  assert.not.ok(existsSync(join(cwd, ".vecstage", "builds", "prod")), "nothing imported before the refusal");
  assert.is(standin.counters.requests, 0, 'no embedding call before a refusal');
  assert.equal(await prodIndexes(), []);
});

test('with both opt-ins the full export builds prodkb-v1 from every document, rate-capped, count checked', async () => {
  standin.resetCounters();
  const rps = 15;
  const r = await runCli(['build', 'prod-export.jsonl', '--env', 'prod', '--pipeline', 'sw', '--allow-sealed', '--max-embed-rps', String(rps), '--json'], { cwd, env: SEALED });
  assert.is(r.code, 0, r.stderr);
  const out = parseJsonOut<{ index: string; env: string; documents: { rows: number; withoutChunks: number }; chunks: { count: number }; embed: { calls: number; embedded: number } }>(r.stdout);
  assert.is(out.index, 'prodkb-v1');
  assert.is(out.env, 'prod');
  // every document of the export, imported whole (the generator writes no invalid document)
  assert.is(out.documents.rows, exportDocs);
  assert.ok(out.chunks.count > exportDocs, `${out.chunks.count} chunks from ${exportDocs} documents`);
  assert.is(out.embed.calls, standin.counters.statuses['200']);
  assert.ok(out.embed.calls >= 8, `${out.embed.calls} calls: enough to see the rate`);
  // the cap, measured where the calls arrive: n calls at most `rps` per second span at least (n - 1) / rps seconds
  const t = standin.counters.arrivals;
  const spanS = (t[t.length - 1]! - t[0]!) / 1000;
  assert.ok(spanS >= ((t.length - 1) / rps) * 0.9, `${t.length} calls in ${spanS.toFixed(2)} s exceed ${rps}/s`);

  const [idx] = await prodIndexes();
  assert.is(idx?.name, 'prodkb-v1');
  assert.is(idx?.count, out.chunks.count, 'the final count check: every chunk once');
  assert.is(idx?.provenance?.pipeline, 'sw');
  assert.is(idx?.provenance?.source, 'production');
  assert.is(idx?.provenance?.documents, exportDocs);
  // building never moves the pointer: prod still serves what it served (nothing, here)
  const ls = await runCli(['indexes', '--env', 'prod', '--json'], { cwd });
  assert.is(parseJsonOut<{ live: string | null }>(ls.stdout).live ?? null, null);
});

test.run();
