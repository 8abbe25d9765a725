import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { VecstageError } from '../../errors.js';

/**
 * One embedded Chroma server per data folder, across processes. Two servers writing the same SQLite file and
 * HNSW segments would corrupt each other, so the first vecstage process creates `<dataDir>/vecstage-server.lock`
 * with O_EXCL and records its pid, the server's pid and URL. Policy:
 * a second process finding a live owner connects to the recorded URL instead of starting a server; the owner
 * stops the server when it exits, and the second process then gets BACKEND_UNAVAILABLE naming the URL.
 * A lock whose owner is gone is stale: a server it left behind is stopped (after checking its command line)
 * and the lock is taken over.
 */
export const LOCK_FILE = 'vecstage-server.lock';

export interface LockRecord {
  ownerPid: number;
  state: 'starting' | 'ready';
  serverPid?: number;
  url?: string;
  startedAt: string;
}

export type LockResult =
  | { kind: 'owner'; path: string; update(rec: LockRecord): void; release(): void }
  | { kind: 'shared'; path: string; url: string; ownerPid: number };

export interface AcquireLockOptions {
  /** how long to wait for another process that is still starting its server @default 30_000 */
  waitMs?: number;
  /** stops a server left behind by a dead owner; resolves when it is gone */
  stopOrphan(pid: number): Promise<void>;
}

export async function acquireServerLock(dataDir: string, opts: AcquireLockOptions): Promise<LockResult> {
  const path = join(dataDir, LOCK_FILE);
  const deadline = Date.now() + (opts.waitMs ?? 30_000);
  for (;;) {
    const created = tryCreate(path);
    if (created) return ownerHandle(path);
    const rec = readLock(path);
    if (rec === 'missing') continue;
    // a record naming this very process is stale: the in-process registry (embedded-server.ts) is consulted
    // before the lock, and a container restart can hand the same pid to a new process
    const ownerAlive = rec !== 'unreadable' && rec.ownerPid !== process.pid && isAlive(rec.ownerPid);
    if (typeof rec === 'object' && ownerAlive && rec.state === 'ready' && rec.url) {
      return { kind: 'shared', path, url: rec.url, ownerPid: rec.ownerPid };
    }
    if (rec === 'unreadable' || ownerAlive) {
      // the owner is between the O_EXCL create and writing its record, or its server is still starting
      if (Date.now() > deadline) {
        const who = rec === 'unreadable' ? 'another process' : `vecstage process ${rec.ownerPid}`;
        throw new VecstageError(
          'BACKEND_UNAVAILABLE',
          `embedded chroma: ${who} holds ${path} but its server did not become ready in ${opts.waitMs ?? 30_000} ms; stop that process, or delete the lock file if no vecstage process is running`,
        );
      }
      await sleep(100);
      continue;
    }
    // stale: the owner died without cleaning up (SIGKILL, crash)
    if (rec.serverPid !== undefined && isAlive(rec.serverPid)) await opts.stopOrphan(rec.serverPid);
    removeIfUnchanged(path, rec);
  }
}

function tryCreate(path: string): boolean {
  try {
    const fd = openSync(path, 'wx');
    try {
      const rec: LockRecord = { ownerPid: process.pid, state: 'starting', startedAt: new Date().toISOString() };
      writeSync(fd, JSON.stringify(rec));
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new VecstageError('BACKEND_UNAVAILABLE', `embedded chroma: cannot create lock file ${path}: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

function ownerHandle(path: string): LockResult {
  return {
    kind: 'owner',
    path,
    update(rec) {
      // write-then-rename so a reader never sees a half-written record
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(rec));
      renameSync(tmp, path);
    },
    release() {
      const rec = readLock(path);
      if (typeof rec === 'object' && rec.ownerPid !== process.pid) return;
      try {
        unlinkSync(path);
      } catch {
        // already gone
      }
    },
  };
}

export function readLock(path: string): LockRecord | 'missing' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable';
  }
  try {
    const rec = JSON.parse(text) as Partial<LockRecord>;
    if (typeof rec.ownerPid !== 'number') return 'unreadable';
    return rec as LockRecord;
  } catch {
    return 'unreadable';
  }
}

/** Removes a stale lock unless another process replaced it meanwhile (narrows, does not close, the race). */
function removeIfUnchanged(path: string, seen: LockRecord): void {
  const now = readLock(path);
  if (typeof now === 'object' && (now.ownerPid !== seen.ownerPid || now.startedAt !== seen.startedAt)) return;
  try {
    unlinkSync(path);
  } catch {
    // another process removed it first
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to another user
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/** An exited child nobody reaped yet still answers kill(0); on Linux its state in /proc is Z. */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
