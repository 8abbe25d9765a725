/**
 * A load's checkpoint: which batches of the sample are known to be in the index. Written atomically after
 * batches complete, so `--resume` re-sends only batches not recorded (upserts are idempotent, so a batch that
 * landed but was not recorded is simply sent again).
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { VecstageError } from '../errors.js';

export interface Checkpoint {
  version: 1;
  env: string;
  index: string;
  sampleDir: string;
  manifestHash: string;
  batchSize: number;
  totalBatches: number;
  done: number[];
  startedAt: string;
  updatedAt: string;
}

export async function readCheckpoint(path: string): Promise<Checkpoint | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    return JSON.parse(text) as Checkpoint;
  } catch (err) {
    throw new VecstageError('INPUT', `corrupt load checkpoint ${path}: ${(err as Error).message}; drop the index and load again without --resume`);
  }
}

let writes = 0;

export async function writeCheckpoint(path: string, cp: Checkpoint): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${++writes}.tmp`;
  await writeFile(tmp, JSON.stringify(cp));
  await rename(tmp, path);
}

export async function removeCheckpoint(path: string): Promise<void> {
  await rm(path, { force: true });
}
