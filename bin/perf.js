#!/usr/bin/env node
// `npm run perf [-- name... [--flag value...]]`: runs the toolkit's own benchmarks, bench/perf/<name>.ts, through
// tsx (as bin/vecstage.js runs the CLI). A name selects a benchmark; every other argument goes to each benchmark.
// Each module exports `run(argv: string[]): Promise<void>`; one that throws is reported and sets the exit code.
// A module without a `run` export is a script that reads process.argv itself: it runs as a child process instead.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const dir = new URL('../bench/perf/', import.meta.url);
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .sort();
const args = process.argv.slice(2);
const chosen = args.filter((a) => available.includes(a));
const rest = args.filter((a) => !available.includes(a));
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`usage: npm run perf -- [${available.join('|')}...] [--rows N] [...]\nsee bench/README.md\n`);
  process.exit(0);
}
let failed = 0;
for (const name of chosen.length > 0 ? chosen : available) {
  process.stdout.write(`\n== perf: ${name} ==\n`);
  const file = new URL(`${name}.ts`, dir);
  try {
    if (/export\s+async\s+function\s+run\b|export\s+(const|function)\s+run\b/.test(readFileSync(file, 'utf8'))) {
      const mod = await import(file.href);
      await mod.run(rest);
    } else {
      const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(file), ...rest], { stdio: 'inherit', cwd: fileURLToPath(new URL('..', import.meta.url)) });
      if (r.status !== 0) throw new Error(`exited ${r.status ?? r.signal}`);
    }
  } catch (err) {
    failed++;
    process.stdout.write(`perf ${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
