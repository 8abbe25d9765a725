/**
 * JSON-file pointer store. Writers serialise on a lock file (O_EXCL) and replace the pointer file atomically
 * (write a temporary file, fsync, rename), so readers never lock and always see a complete old or new pointer.
 */
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { VecstageError } from '../errors.js';
import { type PointerState, type PointerStore, emptyPointer, promoted, rolledBack } from './types.js';

export interface FilePointerStoreOptions {
  path: string;
  env: string;
  now?: () => Date;
  /** how long to wait for another writer's lock, ms */
  lockTimeoutMs?: number;
}

export function createFilePointerStore(opts: FilePointerStoreOptions): PointerStore {
  const now = opts.now ?? (() => new Date());
  const read = async (): Promise<PointerState> => {
    let text: string;
    try {
      text = await readFile(opts.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyPointer(opts.env);
      throw new VecstageError('INPUT', `cannot read pointer file ${opts.path}: ${(err as Error).message}`, { cause: err });
    }
    try {
      const state = JSON.parse(text) as PointerState;
      if (typeof state !== 'object' || !Array.isArray(state.history) || !Array.isArray(state.stack)) throw new Error('missing history or stack');
      return state;
    } catch (err) {
      throw new VecstageError('INPUT', `corrupt pointer file ${opts.path}: ${(err as Error).message}; restore it from version control or delete it to start over`, { cause: err });
    }
  };

  const update = async (fn: (s: PointerState) => PointerState): Promise<PointerState> => {
    await mkdir(dirname(opts.path), { recursive: true });
    const release = await lock(`${opts.path}.lock`, opts.lockTimeoutMs ?? 10_000);
    try {
      const next = fn(await read());
      const tmp = `${opts.path}.${process.pid}.${Date.now()}.tmp`;
      const fh = await open(tmp, 'w');
      try {
        await fh.writeFile(`${JSON.stringify(next, null, 2)}\n`);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, opts.path);
      return next;
    } finally {
      await release();
    }
  };

  return {
    location: opts.path,
    read,
    promote: (to, meta) => update((s) => promoted(s, to, now().toISOString(), meta?.report)),
    rollback: () =>
      update((s) => {
        const next = rolledBack(s, now().toISOString());
        if (!next) throw new VecstageError('CHECK_FAILED', `nothing to roll back to: environment "${opts.env}" has no earlier live index (${opts.path})`);
        return next;
      }),
  };
}

async function lock(path: string, timeoutMs: number): Promise<() => Promise<void>> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
    try {
      const fh = await open(path, 'wx');
      await fh.writeFile(String(process.pid));
      await fh.close();
      return () => rm(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // a lock left by a dead writer is stale after the timeout: take it over rather than block forever
      const age = await stat(path).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > timeoutMs) await rm(path, { force: true });
      else if (Date.now() > deadline) throw new VecstageError('CHECK_FAILED', `pointer is locked by another writer: ${path} (waited ${timeoutMs} ms)`);
      await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
    }
  }
}
