import { readFile } from 'node:fs/promises';
import { VecstageError } from '../../errors.js';
import { parseQrels } from './parse-qrels.js';
import { parseRun } from './parse-run.js';
import type { Qrels, Run } from './types.js';

/** IO edge: reads and parses a qrels file. */
export async function readQrelsFile(path: string): Promise<Qrels> {
  return parseQrels(await readText(path, 'qrels'), path);
}

/** IO edge: reads and parses a run file. */
export async function readRunFile(path: string): Promise<Run> {
  return parseRun(await readText(path, 'run'), path);
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((err as Error).message);
    throw new VecstageError('INPUT', `cannot read ${what} file ${path}: ${reason}; allowed: a readable TREC ${what} file`, { cause: err });
  }
}
