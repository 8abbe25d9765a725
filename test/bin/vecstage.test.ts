/**
 * bin/vecstage.js and bin/lib.js from the compiled bundle and through tsx (VECSTAGE_BUNDLE=0) must behave the same:
 * same output for --version, --help, and a real sample run big enough for two pass-1 worker threads (which run the
 * bundle's scan-worker entry in one case and an in-memory bundle in the other). VECSTAGE_BUNDLE_DEBUG=1 shows which
 * way each process went.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIN, spawnNode, type CliRun } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'vecstage-bin-'));

function node(args: string[], bundle: boolean): Promise<CliRun> {
  return spawnNode(args, { cwd: ROOT, env: { VECSTAGE_BUNDLE: bundle ? '' : '0', VECSTAGE_BUNDLE_DEBUG: '1', VECSTAGE_THREADS: '2' } });
}

const COMPILED = /^vecstage bundle: (built|another process built|reusing) /m;
const TSX = /^vecstage bundle: VECSTAGE_BUNDLE=0: running the sources through tsx$/m;

test('--version and --help: the same output from the bundle and through tsx', async () => {
  for (const args of [['--version'], ['--help'], ['sample', '--help']]) {
    const [compiled, tsx] = await Promise.all([node([BIN, ...args], true), node([BIN, ...args], false)]);
    assert.is(compiled.code, 0, compiled.stderr);
    assert.match(compiled.stderr, COMPILED);
    assert.not.match(compiled.stderr, TSX);
    assert.is(tsx.code, 0, tsx.stderr);
    assert.match(tsx.stderr, TSX);
    assert.not.match(tsx.stderr, COMPILED);
    assert.is(compiled.stdout, tsx.stdout, args.join(' '));
  }
});

test('sample with two worker threads: byte-identical output; workers run the bundle entry or an in-memory bundle', async () => {
  const csv = join(dir, 'prod.csv');
  // 8200 x 768 is 68.5 MB: just over the 2 x 32 MiB that pass 1 needs to use two threads
  const gen = await node([BIN, 'generate', '--out', csv, '--rows', '8200', '--dim', '768', '--seed', '3'], true);
  assert.is(gen.code, 0, gen.stderr);
  const out = { compiled: join(dir, 'compiled'), tsx: join(dir, 'tsx') };
  const sample = (which: 'compiled' | 'tsx'): Promise<CliRun> =>
    node([BIN, 'sample', csv, '--out', out[which], '--fraction', '0.15', '--stratify-by', 'tenant,lang', '--seed', '1', '--json'], which === 'compiled');
  const compiled = await sample('compiled');
  const tsx = await sample('tsx');
  assert.is(compiled.code, 0, compiled.stderr);
  assert.is(tsx.code, 0, tsx.stderr);
  assert.match(compiled.stderr, /^vecstage bundle: scan workers run file:\/\/\/.*\/node_modules\/\.cache\/vecstage\/[0-9a-f]{20}\/scan-worker\.mjs$/m);
  assert.match(tsx.stderr, /^vecstage bundle: scan workers run an in-memory bundle$/m);
  assert.is(compiled.stdout.replaceAll(out.compiled, '<out>'), tsx.stdout.replaceAll(out.tsx, '<out>'));
  for (const f of ['sample.arrow', 'manifest.json', 'rejects.jsonl']) {
    assert.ok(readFileSync(join(out.compiled, f)).equals(readFileSync(join(out.tsx, f))), f);
  }
});

test("the library entry (import 'vecstage'): same exports, same kernel (the addon found from the bundle)", async () => {
  const code = `const lib = await import('vecstage');
    console.log(Object.keys(lib).sort().map((k) => k + ':' + typeof lib[k]).join(' '));
    const memory = await lib.openBackend({ config: { dir: '/' }, env: { name: 't', backend: { kind: 'memory' } } });
    console.log(await memory.version());`;
  const [compiled, tsx] = await Promise.all([node(['--input-type=module', '-e', code], true), node(['--input-type=module', '-e', code], false)]);
  assert.is(compiled.code, 0, compiled.stderr);
  assert.match(compiled.stderr, COMPILED);
  assert.is(tsx.code, 0, tsx.stderr);
  assert.match(tsx.stderr, TSX);
  assert.match(compiled.stdout, /runCli:function/);
  // the native addon is loaded relative to src/kernel/native-binding.ts: from the bundle only if import.meta is bound
  if (existsSync(join(ROOT, 'src/kernel/native/build/Release/vecstage_kernel.node'))) assert.match(compiled.stdout, /native kernel/);
  assert.is(compiled.stdout, tsx.stdout);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
