import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { CliContext } from '../../src/cli/command.js';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured streams (fast; use for most CLI tests). */
export async function runCli(argv: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const stdin = new PassThrough();
  stdin.end(opts.stdin ?? '');
  const ctx: CliContext = { stdout, stderr, stdin, env: { ...process.env, ...opts.env }, cwd: opts.cwd ?? process.cwd() };
  const code = await main(argv, ctx);
  return { code, stdout: out, stderr: err };
}

export const BIN = fileURLToPath(new URL('../../bin/vecstage.js', import.meta.url));

/** Runs bin/vecstage.js as a child process, as a user would. */
export function spawnCli(argv: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<CliRun> {
  return spawnNode([BIN, ...argv], opts);
}

/** Runs `node <args>` as a child process (env added to this process's), with its output collected. */
export function spawnNode(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: out, stderr: err }));
    child.stdin.end(opts.stdin ?? '');
  });
}
