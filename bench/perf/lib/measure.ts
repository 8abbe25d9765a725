import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const HOOK = new URL('./report-rss.mjs', import.meta.url).href;

export interface ChildRun {
  label: string;
  ms: number;
  /** the child's own peak resident set (getrusage ru_maxrss) */
  maxRssKB: number;
  cpuMs: number;
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node [--import tsx] <script> ...args` as a child with the RSS hook preloaded; wall time is measured by the
 * parent from spawn to exit, so process start-up is included (it is the same for every contender).
 */
export function runNode(label: string, script: string, args: string[], opts: { tsx?: boolean; nodeArgs?: string[] } = {}): Promise<ChildRun> {
  const nodeArgs = [...(opts.tsx ? ['--import', 'tsx'] : []), '--import', HOOK, ...(opts.nodeArgs ?? [])];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...nodeArgs, script, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let usage = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (d) => (usage += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      const u = usage.trim() ? (JSON.parse(usage.trim().split('\n').pop()!) as { maxRssKB: number; userMs: number; systemMs: number }) : { maxRssKB: NaN, userMs: NaN, systemMs: NaN };
      resolve({ label, ms, maxRssKB: u.maxRssKB, cpuMs: u.userMs + u.systemMs, code: code ?? -1, stdout, stderr });
    });
  });
}

export function assertOk(r: ChildRun): ChildRun {
  if (r.code !== 0) throw new Error(`${r.label} exited ${r.code}: ${r.stderr.slice(-2000)}`);
  return r;
}

/** the median run of n (by wall time); n = 1 on large inputs */
export async function medianOf(n: number, once: () => Promise<ChildRun>): Promise<ChildRun> {
  const runs: ChildRun[] = [];
  for (let k = 0; k < n; k++) runs.push(assertOk(await once()));
  return medianRun(runs);
}

/** The median run by wall time (the lower middle one of an even count). */
function medianRun(runs: ChildRun[]): ChildRun {
  return [...runs].sort((a, b) => a.ms - b.ms)[Math.floor((runs.length - 1) / 2)]!;
}

/**
 * Every contender once per round, `n` rounds, each contender's median run returned (by wall time), with every
 * round's runs. Interleaved so that a slow spell of a shared machine falls on all contenders alike, not on
 * whichever happened to run then.
 */
export async function interleavedMedians(n: number, contenders: Array<() => Promise<ChildRun>>): Promise<{ medians: ChildRun[]; rounds: ChildRun[][] }> {
  const rounds: ChildRun[][] = [];
  for (let k = 0; k < n; k++) {
    const round: ChildRun[] = [];
    for (const run of contenders) round.push(assertOk(await run()));
    rounds.push(round);
  }
  const medians = contenders.map((_, c) => medianRun(rounds.map((r) => r[c]!)));
  return { medians, rounds };
}
