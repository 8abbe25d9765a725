/**
 * The compiled entry cache (bin/compiled.js): the key follows the source tree's metadata, a build is reused by the
 * next process, builders racing on one key all end up with one complete directory, and the bundle binds
 * import.meta to the original files. Builds go to a private cache root inside the package's node_modules (bare
 * imports must resolve from there, as from the real one), removed at the end.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnNode, type CliRun } from '../helpers/cli.js';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheKey } from '../../bin/compiled.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const COMPILED = new URL('../../bin/compiled.js', import.meta.url).href;
const caches = join(ROOT, 'node_modules', '.cache', `vecstage-test-${process.pid}`);

type Child = CliRun;

/** a plain Node process (no tsx) that builds or reuses the cache under `cacheRoot`, then runs `then` */
function builder(cacheRoot: string, then = '', startAt = 0): Promise<Child> {
  const script = `
    import { compiledEntries } from ${JSON.stringify(COMPILED)};
    while (Date.now() < ${startAt}) await new Promise((r) => setTimeout(r, 5));
    const entries = await compiledEntries({ cacheRoot: ${JSON.stringify(cacheRoot)}, log: (m) => process.stderr.write(m + '\\n') });
    console.log(JSON.stringify(entries ?? null));
    ${then}`;
  return spawnNode(['--input-type=module', '-e', script], { cwd: ROOT, env: { VECSTAGE_BUNDLE: '' } });
}

const entriesOf = (c: Child): Record<string, string> => JSON.parse(c.stdout.split('\n')[0] ?? 'null') as Record<string, string>;
/** the key directory the child used (not recomputed here: src/ may change meanwhile in a shared checkout) */
const keyOf = (c: Child): string => basename(dirname(fileURLToPath(entriesOf(c).cli ?? '')));

test('the key is a function of the tree: paths, sizes and mtimes', () => {
  const src = mkdtempSync(join(tmpdir(), 'vecstage-key-'));
  try {
    mkdirSync(join(src, 'cli'));
    writeFileSync(join(src, 'index.ts'), 'export {};\n');
    writeFileSync(join(src, 'cli', 'main.ts'), 'export const a = 1;\n');
    const file = join(src, 'cli', 'main.ts');
    const mtime = new Date('2026-01-02T03:04:05Z'); // whole seconds: restorable exactly
    utimesSync(file, mtime, mtime);
    const key = cacheKey({ srcDir: src });
    assert.match(key, /^[0-9a-f]{20}$/);
    assert.is(cacheKey({ srcDir: src }), key, 'same tree, same key');
    assert.is.not(cacheKey({ srcDir: src }), cacheKey(), 'another tree, another key');

    utimesSync(file, mtime, new Date(mtime.getTime() + 1000));
    const touched = cacheKey({ srcDir: src });
    assert.is.not(touched, key, 'a touched file changes the key');
    utimesSync(file, mtime, mtime);
    assert.is(cacheKey({ srcDir: src }), key, 'the old mtime gives the old key back');

    appendFileSync(file, 'x');
    utimesSync(file, mtime, mtime);
    assert.is.not(cacheKey({ srcDir: src }), key, 'a size change with the same mtime changes the key');

    const grown = cacheKey({ srcDir: src });
    writeFileSync(join(src, 'cli', 'new.ts'), '');
    assert.is.not(cacheKey({ srcDir: src }), grown, 'a new file changes the key');
    const added = cacheKey({ srcDir: src });
    renameSync(join(src, 'cli', 'new.ts'), join(src, 'cli', 'renamed.ts'));
    utimesSync(join(src, 'cli', 'renamed.ts'), mtime, mtime);
    assert.is.not(cacheKey({ srcDir: src }), added, 'a renamed file changes the key');
  } finally {
    rmSync(src, { recursive: true, force: true });
  }
});

test('the first process builds, the next reuses the same directory; the bundle runs and keeps import.meta', async () => {
  const cacheRoot = join(caches, 'reuse');
  // --version reads package.json relative to src/cli/main.ts: from the cache directory only if import.meta is bound
  const run = `const { main } = await import(entries.cli); await main(['--version']);`;
  const first = await builder(cacheRoot, run);
  assert.is(first.code, 0, first.stderr);
  assert.match(first.stderr, /^built .* in \d+ ms/m);
  const entries = entriesOf(first);
  assert.equal(Object.keys(entries).sort(), ['cli', 'lib', 'scanWorker']);
  const dir = fileURLToPath(new URL('.', entries.cli));
  for (const url of Object.values(entries)) assert.ok(statSync(fileURLToPath(url)).isFile(), url);
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  assert.is(first.stdout.split('\n')[1], version);
  const built = readFileSync(join(dir, 'built.json'), 'utf8');
  const inode = statSync(dir).ino;

  const second = await builder(cacheRoot, run);
  assert.is(second.code, 0, second.stderr);
  assert.match(second.stderr, /^reusing /m);
  assert.not.match(second.stderr, /built/);
  assert.equal(entriesOf(second), entries);
  assert.is(second.stdout.split('\n')[1], version);
  assert.is(readFileSync(join(dir, 'built.json'), 'utf8'), built, 'not rebuilt');
  assert.is(statSync(dir).ino, inode, 'not replaced');

  // no import.meta in the output that would mean the bundle's file: .url/.filename/.dirname or a relative resolve
  // (a bare specifier resolves to the same package from the cache as from src/)
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.mjs'));
  assert.ok(files.length > 3);
  for (const f of files) {
    const code = readFileSync(join(dir, f), 'utf8');
    const bad = /import\.meta\.(url|filename|dirname)\b|import\.meta\.resolve\(\s*[^"'\s]|import\.meta\.resolve\(\s*["'][./#]/.exec(code);
    assert.is(bad?.[0], undefined, f);
  }
  assert.match(readdirSync(join(dir, 'chunks')).join(' '), /\.mjs/);
  // apache-arrow is bundled in (one chunk, not ~160 modules to load per thread); other packages stay external
  const code = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
  assert.not.match(code, /from\s*["']apache-arrow/);
  assert.match(code, /RecordBatchReader/);
  assert.match(code, /from\s*["']csv-parse/);
});

test('the key follows the inlined packages: reinstalling apache-arrow (its package.json) changes it', () => {
  const root = mkdtempSync(join(tmpdir(), 'vecstage-key-root-'));
  try {
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 1;\n');
    const before = cacheKey({ root });
    const pkg = join(root, 'node_modules', 'apache-arrow', 'package.json');
    mkdirSync(dirname(pkg), { recursive: true });
    writeFileSync(pkg, '{"version":"1.0.0"}');
    const installed = cacheKey({ root });
    assert.is.not(installed, before);
    writeFileSync(pkg, '{"version":"1.0.10"}');
    assert.is.not(cacheKey({ root }), installed);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('processes building one key at once: one rename wins, all use one complete directory, no temp left', async () => {
  const cacheRoot = join(caches, 'race');
  const run = `const { main } = await import(entries.cli); process.exitCode = await main(['--help']);`;
  const startAt = Date.now() + 1500; // started together after Node's start-up, so that the builds overlap
  const runs = await Promise.all([1, 2, 3, 4].map(() => builder(cacheRoot, run, startAt)));
  for (const r of runs) {
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, /sample/);
  }
  const log = runs.map((r) => r.stderr).join('');
  assert.is(log.match(/^built /gm)?.length, 1, log);
  assert.ok((log.match(/^another process built /gm)?.length ?? 0) >= 1, `no builds overlapped:\n${log}`);
  const urls = runs.map((r) => JSON.stringify(entriesOf(r)));
  assert.is(new Set(urls).size, 1);
  assert.equal(readdirSync(cacheRoot), [keyOf(runs[0] as Child)]);
});

test('stale directories of other keys go, fresh ones and temp builds in progress stay', async () => {
  const cacheRoot = join(caches, 'clean');
  const old = new Date(Date.now() - 25 * 3_600_000);
  for (const name of ['old-key', 'fresh-key', '.tmp-abandoned', '.tmp-building']) {
    mkdirSync(join(cacheRoot, name), { recursive: true });
    writeFileSync(join(cacheRoot, name, 'x.mjs'), '');
  }
  utimesSync(join(cacheRoot, 'old-key'), old, old);
  utimesSync(join(cacheRoot, '.tmp-abandoned'), old, old);
  const r = await builder(cacheRoot);
  assert.is(r.code, 0, r.stderr);
  assert.equal(readdirSync(cacheRoot).sort(), ['.tmp-building', keyOf(r), 'fresh-key'].sort());
  assert.match(r.stderr, /removed .*old-key/);
});

test('a cache root that cannot be created: no bundle, no error, the reason logged', async () => {
  const file = join(caches, 'not-a-dir');
  mkdirSync(caches, { recursive: true });
  writeFileSync(file, '');
  const r = await builder(file);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout.trim(), 'null');
  assert.match(r.stderr, /no compiled bundle, running the sources through tsx/);
});

test.after(() => rmSync(caches, { recursive: true, force: true }));

test.run();
