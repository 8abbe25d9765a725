// The compiled entry cache. bin/vecstage.js and bin/lib.js used to load src/ through tsx on every run (~0.45 s of
// module loading for `sample`); instead one esbuild build of all entry points (compiled-build.js) is kept in
//   <package>/node_modules/.cache/vecstage/<key>/{cli,lib,scan-worker}.mjs (+ chunks/)
// where bare imports resolve to the package's own node_modules. <key> (compiled-key.js) hashes Node's and esbuild's
// versions, the package's location and the path, size and mtime of every file under src/ (and of the builder), so
// an edit to src/ simply selects a new directory (the key costs ~6 ms: ~300 stats). A build goes to a fresh temp
// directory that is then renamed into place: processes building at once (the test suite spawns many CLIs) each
// finish, one rename wins, the others use the winner's. Directories of other keys unused for a day are removed; a
// process using one touches it (again every hour while it runs), so a directory in use is never removed.
// Any failure (no esbuild, a read-only package directory, a build error) falls back to tsx, silently.
//   VECSTAGE_BUNDLE=0        always run the sources through tsx
//   VECSTAGE_BUNDLE_DEBUG=1  say on stderr which way the sources were loaded and why
// `node bin/compiled.js` builds the cache (the package's install script) and never fails.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { INLINED } from './compiled-build.js';
import { treeKey } from './compiled-key.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(HERE);
/** entry name -> [source relative to the package root, output file name without .mjs] */
export const ENTRIES = { cli: ['src/cli/main.ts', 'cli'], lib: ['src/index.ts', 'lib'], scanWorker: ['src/sampler/parallel/scan-worker.ts', 'scan-worker'] };
/** globalThis[IN_USE] holds the entries' URLs once code runs from the bundle (read by parallel/worker-source.ts) */
export const IN_USE = Symbol.for('vecstage.compiled-entries');
const BUILDER = ['compiled.js', 'compiled-build.js', 'compiled-key.js', 'import-meta.js'].map((f) => join(HERE, f));
const HOUR = 3_600_000;
const UNUSED_MS = 24 * HOUR;

const debugLog = (msg) => {
  if (process.env.VECSTAGE_BUNDLE_DEBUG === '1') process.stderr.write(`vecstage bundle: ${msg}\n`);
};

/** The cache key of the sources under `srcDir` (default: the package's src/). */
export function cacheKey({ root = ROOT, srcDir = join(root, 'src') } = {}) {
  const esbuild = createRequire(import.meta.url)('esbuild/package.json').version;
  const salt = `node ${process.version} ${process.platform} ${process.arch}\nesbuild ${esbuild}\nroot ${root}`;
  // an inlined package's package.json changes (mtime, size) whenever it is installed again
  const inlined = INLINED.map((name) => join(root, 'node_modules', name, 'package.json'));
  return treeKey(salt, [srcDir, join(root, 'tsconfig.json'), ...BUILDER, ...inlined], root);
}

/**
 * File URLs of the compiled entries ({ cli, lib, scanWorker }), built first if the cache for the current sources
 * is missing; undefined when the bundle cannot be had (the reason goes to `log`).
 */
export async function compiledEntries({ cacheRoot = join(ROOT, 'node_modules', '.cache', 'vecstage'), log = debugLog } = {}) {
  if (process.env.VECSTAGE_BUNDLE === '0') return log('VECSTAGE_BUNDLE=0: running the sources through tsx'), undefined;
  try {
    const t0 = performance.now();
    const key = cacheKey();
    const dir = join(cacheRoot, key);
    const found = statSync(dir, { throwIfNoEntry: false });
    const t1 = performance.now();
    if (found === undefined) {
      const won = await build(cacheRoot, key);
      log(`${won ? 'built' : 'another process built'} ${dir} in ${Math.round(performance.now() - t1)} ms (key ${Math.round(t1 - t0)} ms)`);
    } else {
      log(`reusing ${dir} (key ${Math.round(t1 - t0)} ms)`);
    }
    markInUse(dir, found);
    removeUnused(cacheRoot, key, log);
    return Object.fromEntries(Object.entries(ENTRIES).map(([name, [, out]]) => [name, pathToFileURL(join(dir, `${out}.mjs`)).href]));
  } catch (err) {
    log(`no compiled bundle, running the sources through tsx: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}

/** true when this process's build was renamed into place, false when another process's was first */
async function build(cacheRoot, key) {
  const { buildBundle } = await import('./compiled-build.js');
  mkdirSync(cacheRoot, { recursive: true });
  const tmp = join(cacheRoot, `.tmp-${key}-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await buildBundle(ROOT, Object.fromEntries(Object.values(ENTRIES).map(([src, out]) => [out, src])), tmp);
    writeFileSync(join(tmp, 'built.json'), `${JSON.stringify({ key, pid: process.pid, at: new Date().toISOString() })}\n`);
    renameSync(tmp, join(cacheRoot, key));
    return true;
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    // a lost rename race (ENOTEMPTY): the directory in place is as good as ours
    if (statSync(join(cacheRoot, key), { throwIfNoEntry: false })?.isDirectory()) return false;
    throw err;
  }
}

function markInUse(dir, found) {
  const touch = () => {
    try {
      const now = new Date();
      utimesSync(dir, now, now);
    } catch {
      // removed by hand: nothing to keep alive
    }
  };
  if (found !== undefined && Date.now() - found.mtimeMs > HOUR) touch();
  setInterval(touch, HOUR).unref();
}

/** Removes other keys' directories (and abandoned temp ones) not touched for a day. */
function removeUnused(cacheRoot, key, log) {
  try {
    for (const name of readdirSync(cacheRoot)) {
      const path = join(cacheRoot, name);
      const st = name === key ? undefined : statSync(path, { throwIfNoEntry: false });
      if (st !== undefined && Date.now() - st.mtimeMs > UNUSED_MS) {
        rmSync(path, { recursive: true, force: true });
        log(`removed ${path} (unused for a day)`);
      }
    }
  } catch (err) {
    log(`could not clean ${cacheRoot}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

let tsxRegistered = false;

/** The module of entry `name`: from the compiled bundle, else through tsx (no bundle, VECSTAGE_BUNDLE=0, or it fails to load). */
export async function loadEntry(name) {
  const entries = await compiledEntries();
  if (entries !== undefined) {
    try {
      globalThis[IN_USE] = entries;
      return await import(entries[name]);
    } catch (err) {
      delete globalThis[IN_USE];
      debugLog(`${entries[name]} did not load, running the sources through tsx: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (!tsxRegistered) {
    const { register } = await import('tsx/esm/api');
    register();
    tsxRegistered = true;
  }
  return import(pathToFileURL(join(ROOT, ENTRIES[name][0])).href);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await compiledEntries({ log: (msg) => process.stderr.write(`vecstage: compiled bundle: ${msg}\n`) });
  process.exitCode = 0;
}
