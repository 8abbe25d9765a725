import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LOCK_FILE, startEmbeddedServer } from '../../../src/backends/chroma/index.js';
import { VecstageError } from '../../../src/errors.js';

const HOLD = fileURLToPath(new URL('./hold-server.ts', import.meta.url));
const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'vecstage-chroma-srv-'));
  dirs.push(d);
  return d;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

async function waitGone(pid: number, ms = 10_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return !alive(pid);
}

async function heartbeatOk(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/v2/heartbeat`);
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

test.after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test('starts on a free loopback port, logs to a file, holds the lock, and stops without leaving a process', async () => {
  const dir = tempDir();
  const server = await startEmbeddedServer({ dataDir: dir });
  const pid = server.pid;
  assert.ok(pid !== undefined && alive(pid), 'the server process runs');
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.ok(await heartbeatOk(server.url), 'heartbeat answers');
  assert.is(server.logFile, join(server.dataDir, 'chroma-server.log'));
  assert.match(readFileSync(server.logFile, 'utf8'), /vecstage: starting chroma on http:\/\/127\.0\.0\.1/);
  const lock = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as Record<string, unknown>;
  assert.equal([lock.ownerPid, lock.serverPid, lock.url, lock.state], [process.pid, pid, server.url, 'ready']);
  assert.ok(existsSync(join(dir, 'chroma.sqlite3')), 'data lives in the given folder');

  // a second start on the same folder in this process shares the server; the last close stops it
  const again = await startEmbeddedServer({ dataDir: dir });
  assert.is(again.url, server.url);
  await server.close();
  assert.ok(alive(pid!), 'still running while another handle is open');
  await again.close();
  assert.ok(await waitGone(pid!, 1_000), `pid ${pid} is gone after close()`);
  assert.not.ok(existsSync(join(dir, LOCK_FILE)), 'lock file removed');
  assert.not.ok(await heartbeatOk(server.url), 'port no longer answers');
});

test('a second process connects to the server the first one owns; SIGTERM stops it and is re-raised', async () => {
  const dir = tempDir();
  const child = spawn(process.execPath, ['--import', 'tsx', HOLD, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let errText = '';
  child.stderr.on('data', (d) => (errText += d));
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`hold-server exited ${code}: ${errText}`)));
  });
  const owned = JSON.parse(line) as { url: string; pid: number };
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  try {
    const shared = await startEmbeddedServer({ dataDir: dir });
    assert.is(shared.url, owned.url, 'connects to the recorded URL instead of starting a second server');
    assert.is(shared.pid, undefined, 'this process does not own the server');
    await shared.close();
    assert.ok(alive(owned.pid), 'closing a shared handle does not stop the owner\'s server');
  } finally {
    child.kill('SIGTERM');
  }
  const status = await exited;
  assert.is(status.signal, 'SIGTERM', 'the signal is re-raised after the server is stopped');
  assert.ok(await waitGone(owned.pid), `server pid ${owned.pid} is gone`);
  assert.not.ok(existsSync(join(dir, LOCK_FILE)), 'the owner removed its lock');
});

test('a stale lock (owner gone) is taken over', async () => {
  const dir = tempDir();
  const dead = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => dead.once('exit', r));
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ ownerPid: dead.pid, state: 'ready', url: 'http://127.0.0.1:9', startedAt: '2020-01-01T00:00:00Z' }));
  const server = await startEmbeddedServer({ dataDir: dir });
  try {
    assert.ok(server.pid !== undefined, 'started its own server');
    const lock = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as Record<string, unknown>;
    assert.is(lock.ownerPid, process.pid);
  } finally {
    await server.close();
  }
});

test('a server that does not come up in time is BACKEND_UNAVAILABLE and is stopped', async () => {
  const dir = tempDir();
  try {
    await startEmbeddedServer({ dataDir: dir, startTimeoutMs: 1 });
    assert.unreachable('started');
  } catch (err) {
    assert.instance(err, VecstageError);
    const e = err as VecstageError;
    assert.is(e.code, 'BACKEND_UNAVAILABLE');
    assert.match(e.message, /did not answer http:\/\/127\.0\.0\.1:\d+\/api\/v2\/heartbeat within 1 ms; stopped it; log /);
    const pid = e.details?.pid as number;
    assert.ok(await waitGone(pid, 1_000), `pid ${pid} is gone`);
    assert.not.ok(existsSync(join(dir, LOCK_FILE)), 'lock released');
  }
});

test.run();
