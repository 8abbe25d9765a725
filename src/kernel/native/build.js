#!/usr/bin/env node
// Builds the native exact-search kernel (package.json `install` script). It never fails the install: without a
// compiler or headers it prints a warning and vecstage uses the portable kernel (same results, slower).
// VECSTAGE_SKIP_NATIVE=1 skips the build; VECSTAGE_MARCH=<cpu> overrides -march=native (e.g. for a shared image).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

function warn(msg) {
  process.stderr.write(`vecstage: native kernel not built (${msg}); the portable JS kernel will be used\n`);
}

function findNodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  return candidates.find((p) => p && existsSync(p));
}

// Node's own headers ship next to the binary; pointing node-gyp at them means nothing is downloaded.
function findNodeDir() {
  if (process.env.npm_config_nodedir) return process.env.npm_config_nodedir;
  const prefix = join(dirname(process.execPath), '..');
  return existsSync(join(prefix, 'include', 'node', 'node_api.h')) ? prefix : undefined;
}

function main() {
  if (process.env.VECSTAGE_SKIP_NATIVE === '1') return warn('VECSTAGE_SKIP_NATIVE=1');
  const gyp = findNodeGyp();
  if (!gyp) return warn('node-gyp not found');
  const nodedir = findNodeDir();
  if (!nodedir) return warn("Node's headers (include/node/node_api.h) not found");
  const args = [gyp, 'rebuild', '--loglevel=warn', `--nodedir=${nodedir}`, '--', `-Dmarch=${process.env.VECSTAGE_MARCH || 'native'}`];
  const res = spawnSync(process.execPath, args, { cwd: here, stdio: ['ignore', 'inherit', 'inherit'] });
  if (res.error) return warn(res.error.message);
  if (res.status !== 0) return warn(`node-gyp exited with ${res.status}`);
  process.stderr.write('vecstage: native kernel built\n');
}

try {
  main();
} catch (err) {
  warn(err instanceof Error ? err.message : String(err));
}
process.exitCode = 0;
