/**
 * Atomic output folder: everything is written into `<out>.tmp-<pid>` and renamed to `<out>` when complete, so an
 * interrupted run leaves only a `.tmp-` folder, never a folder that looks like a finished sample. An existing
 * `<out>` is replaced only when it is empty or holds a previous sample (a manifest.json).
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { VecstageError } from '../../errors.js';

export interface OutputDir {
  final: string;
  tmp: string;
  commit(): void;
  abort(): void;
}

export function checkOutputDir(out: string, cwd: string): string {
  const final = resolve(cwd, out);
  if (existsSync(final)) {
    const entries = readdirSync(final);
    if (entries.length > 0 && !entries.includes('manifest.json')) {
      throw new VecstageError('USAGE', `output folder ${out} (--out) exists and is not a vecstage sample; choose a new folder or empty it`);
    }
  }
  return final;
}

export function openOutputDir(final: string): OutputDir {
  const tmp = `${final}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  return {
    final,
    tmp,
    commit() {
      if (existsSync(final)) {
        const old = `${final}.old-${process.pid}`;
        renameSync(final, old);
        renameSync(tmp, final);
        rmSync(old, { recursive: true, force: true });
      } else renameSync(tmp, final);
    },
    abort() {
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

export function outPath(dir: OutputDir, name: string): string {
  return join(dir.tmp, name);
}
