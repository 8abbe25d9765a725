import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, realpathSync, statSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VecstageError } from '../../errors.js';
import { findFreePort } from './free-port.js';
import { readLogTail } from './log-tail.js';
import { acquireServerLock, isAlive, type LockResult } from './server-lock.js';
import { stopOnShutdown } from './shutdown.js';

/**
 * The Chroma server that ships in the `chromadb` npm package, run as a child process (DESIGN §2, url "embedded"):
 * a free loopback port, data under `dataDir`, stdout/stderr into a log file, ready when the heartbeat answers.
 * Stopped by close(), on process exit and on SIGINT/SIGTERM/SIGHUP (see shutdown.ts). Within one process, starts
 * on the same folder share one server (reference counted); across processes, see server-lock.ts.
 */
export interface EmbeddedServerOptions {
  /** Chroma's persistence folder; created when missing */
  dataDir: string;
  /** @default `<dataDir>/chroma-server.log` (appended to, one header line per start) */
  logFile?: string;
  /** @default 30_000 */
  startTimeoutMs?: number;
  /** time between SIGTERM and SIGKILL on close @default 5_000 */
  stopGraceMs?: number;
}

export interface EmbeddedServer {
  readonly url: string;
  readonly dataDir: string;
  readonly logFile: string;
  /** the server's pid, or undefined when another process owns the server and this one only connects to it */
  readonly pid: number | undefined;
  /** why the server is unusable (it exited, with the log tail), or undefined while it is believed healthy */
  failure(): string | undefined;
  /** stops the server when this was the last user of it in this process and this process owns it */
  close(): Promise<void>;
}

export const HOST = '127.0.0.1';
const HEARTBEAT = '/api/v2/heartbeat';

/** The CLI entry inside the chromadb package, resolved through Node's resolver rather than a fixed path. */
export function chromaCliPath(): string {
  const entry = fileURLToPath(import.meta.resolve('chromadb'));
  return join(dirname(entry), 'cli.mjs');
}

interface Shared {
  ready: Promise<Running>;
  refs: number;
}
const inProcess = new Map<string, Shared>();

export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const dataDir = resolve(options.dataDir);
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (err) {
    throw new VecstageError('BACKEND_UNAVAILABLE', `embedded chroma: cannot create data folder ${dataDir}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const key = realpathSync(dataDir);
  let shared = inProcess.get(key);
  if (!shared) {
    const created: Shared = { ready: launch(key, options), refs: 0 };
    shared = created;
    inProcess.set(key, created);
    created.ready.catch(() => inProcess.delete(key));
  }
  shared.refs += 1;
  let running: Running;
  try {
    running = await shared.ready;
  } catch (err) {
    shared.refs -= 1;
    throw err;
  }
  let closed = false;
  const entry = shared;
  return {
    url: running.url,
    dataDir: key,
    logFile: running.logFile,
    pid: running.pid,
    failure: () => running.failure(),
    async close() {
      if (closed) return;
      closed = true;
      entry.refs -= 1;
      if (entry.refs > 0) return;
      if (inProcess.get(key) === entry) inProcess.delete(key);
      await running.stop();
    },
  };
}

interface Running {
  url: string;
  logFile: string;
  pid: number | undefined;
  failure(): string | undefined;
  stop(): Promise<void>;
}

async function launch(dataDir: string, options: EmbeddedServerOptions): Promise<Running> {
  const logFile = resolve(options.logFile ?? join(dataDir, 'chroma-server.log'));
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  const graceMs = options.stopGraceMs ?? 5_000;
  const lock = await acquireServerLock(dataDir, { waitMs: timeoutMs, stopOrphan: (pid) => stopOrphan(pid, dataDir, graceMs) });
  if (lock.kind === 'shared') return connectShared(lock, logFile);
  try {
    const proc = await spawnWithRetry(dataDir, logFile, timeoutMs, graceMs);
    lock.update({ ownerPid: process.pid, state: 'ready', serverPid: proc.pid, url: proc.url, startedAt: new Date().toISOString() });
    proc.onStopped(() => lock.release());
    return proc;
  } catch (err) {
    lock.release();
    throw err;
  }
}

/** Another live vecstage process owns the server on this folder: use it, never stop it. */
async function connectShared(lock: Extract<LockResult, { kind: 'shared' }>, logFile: string): Promise<Running> {
  const ok = await heartbeat(lock.url);
  if (!ok) {
    throw new VecstageError(
      'BACKEND_UNAVAILABLE',
      `embedded chroma: vecstage process ${lock.ownerPid} owns the server for this data folder (${lock.path}) at ${lock.url}, but it does not answer its heartbeat; wait for that process to finish`,
    );
  }
  return {
    url: lock.url,
    logFile,
    pid: undefined,
    failure: () => undefined,
    stop: async () => undefined,
  };
}

interface OwnedProcess extends Running {
  pid: number;
  onStopped(fn: () => void): void;
}

async function spawnWithRetry(dataDir: string, logFile: string, timeoutMs: number, graceMs: number): Promise<OwnedProcess> {
  // the port found free can be taken before Chroma binds it; retry a few times on "address in use"
  for (let attempt = 1; ; attempt++) {
    try {
      return await spawnOnce(dataDir, logFile, timeoutMs, graceMs);
    } catch (err) {
      if (!(err instanceof PortTaken) || attempt >= 3) throw err instanceof PortTaken ? err.error : err;
    }
  }
}

class PortTaken extends Error {
  constructor(readonly error: VecstageError) {
    super(error.message);
  }
}

async function spawnOnce(dataDir: string, logFile: string, timeoutMs: number, graceMs: number): Promise<OwnedProcess> {
  const port = await findFreePort(HOST);
  const url = `http://${HOST}:${port}`;
  mkdirSync(dirname(logFile), { recursive: true });
  const fd = openSync(logFile, 'a');
  const logOffset = statSync(logFile).size;
  writeSync(fd, `--- vecstage: starting chroma on ${url}, data ${dataDir}, at ${new Date().toISOString()}\n`);
  let child: ChildProcess;
  try {
    child = spawn(process.execPath, [chromaCliPath(), 'run', '--path', dataDir, '--host', HOST, '--port', String(port)], {
      cwd: dataDir,
      stdio: ['ignore', fd, fd],
      env: { ...process.env, NO_COLOR: '1' },
    });
  } finally {
    closeSync(fd);
  }
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let stopping = false;
  const stoppedFns: (() => void)[] = [];
  const exitedPromise = new Promise<void>((res) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      unregister();
      for (const fn of stoppedFns) fn();
      res();
    });
  });
  const spawnError = new Promise<Error>((res) => child.once('error', res));
  const pid = child.pid;

  const describeExit = (): string => {
    const how = exited?.signal ? `signal ${exited.signal}` : `exit code ${exited?.code}`;
    const tail = readLogTail(logFile, logOffset);
    return `embedded chroma server (pid ${pid}, ${url}) exited with ${how}; log ${logFile}${tail ? `, last lines:\n${tail}` : ''}`;
  };

  const stop = async (): Promise<void> => {
    if (exited) return;
    stopping = true;
    child.kill('SIGTERM');
    const killTimer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exitedPromise;
    clearTimeout(killTimer);
  };
  const unregister = stopOnShutdown({
    stop,
    stopSync: () => {
      stopping = true;
      if (!exited) child.kill('SIGTERM');
      for (const fn of stoppedFns) fn();
    },
  });

  if (pid === undefined) {
    const err = await spawnError;
    unregister();
    throw new VecstageError('BACKEND_UNAVAILABLE', `embedded chroma: cannot start ${process.execPath} ${chromaCliPath()}: ${err.message}`, {
      cause: err,
    });
  }

  const deadline = Date.now() + timeoutMs;
  while (!exited) {
    if (await heartbeat(url)) {
      return {
        url,
        logFile,
        pid,
        failure: () => (exited && !stopping ? describeExit() : undefined),
        stop,
        onStopped: (fn) => stoppedFns.push(fn),
      };
    }
    if (Date.now() > deadline) {
      await stop();
      const tail = readLogTail(logFile, logOffset);
      throw new VecstageError(
        'BACKEND_UNAVAILABLE',
        `embedded chroma server did not answer ${url}${HEARTBEAT} within ${timeoutMs} ms; stopped it; log ${logFile}${tail ? `, last lines:\n${tail}` : ''}`,
        { details: { url, logFile, pid } },
      );
    }
    await sleep(100);
  }
  const error = new VecstageError('BACKEND_UNAVAILABLE', describeExit(), { details: { url, logFile, pid } });
  if (/address already in use|AddrInUse|os error 98/i.test(readLogTail(logFile, logOffset))) throw new PortTaken(error);
  throw error;
}

async function heartbeat(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}${HEARTBEAT}`, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * Stops a server left running by a vecstage process that died. It is signalled only when its command line shows
 * the chromadb CLI on this data folder, so a recycled pid is never killed.
 */
async function stopOrphan(pid: number, dataDir: string, graceMs: number): Promise<void> {
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    // no /proc (macOS) or the process is gone
  }
  if (!isAlive(pid)) return;
  if (!(cmdline.includes('cli.mjs') && cmdline.includes(dataDir))) {
    if (cmdline !== '') return; // a recycled pid: not ours
    throw new VecstageError(
      'BACKEND_UNAVAILABLE',
      `embedded chroma: a stale lock in ${dataDir} names server pid ${pid}, which is still running and cannot be verified; stop it, then delete ${join(dataDir, 'vecstage-server.lock')}`,
    );
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(50);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  while (isAlive(pid) && Date.now() < deadline + 2_000) await sleep(50);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
