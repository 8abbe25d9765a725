/**
 * A build's record, `<builds>/<env>/<index>/build.json`: which stage it reached and what it cost. `--resume` finds
 * an unfinished build of the same pipeline and documents here; `bench` and `compare` read the finished record for
 * the strategy numbers (chunks, build time, embed calls and tokens). Replaced atomically, like the load checkpoint.
 */
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { STATE_DIR } from '../config/index.js';

export const BUILD_FILE = 'build.json';
export const CHUNKS_DIR = 'chunks';
export const DOCUMENTS_DIR = 'documents';

export interface BuildRecord {
  version: 1;
  env: string;
  index: string;
  pipeline: string;
  /** the input as given (relative to the cwd of the run) */
  input: string;
  documentsManifestHash: string | null;
  status: 'chunking' | 'loading' | 'done';
  startedAt: string;
  updatedAt: string;
  /** filled as stages finish */
  documents?: number;
  chunks?: number;
  documentsWithoutChunks?: number;
  chunkChars?: { total: number; mean: number; max: number };
  embed?: { calls: number; embedded: number; cacheHits: number; tokens: number; retries: number; seconds: number };
  seconds?: { import: number; chunkAndEmbed: number; load: number; total: number };
  /** vector bytes (count x dimension x 4) and chunk text bytes: what the index must hold, whatever the backend adds */
  size?: { vectorBytes: number; textBytes: number };
}

/** `<config dir>/.vecstage/builds/<env>` */
export function buildsRoot(configDir: string, env: string): string {
  return join(configDir, STATE_DIR, 'builds', env);
}

export function buildDir(configDir: string, env: string, index: string): string {
  return join(buildsRoot(configDir, env), index);
}

let writes = 0;

export async function writeBuildRecord(dir: string, rec: BuildRecord): Promise<void> {
  const path = join(dir, BUILD_FILE);
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${++writes}.tmp`;
  await writeFile(tmp, `${JSON.stringify(rec, null, 2)}\n`);
  await rename(tmp, path);
}

export async function readBuildRecord(dir: string): Promise<BuildRecord | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, BUILD_FILE), 'utf8')) as BuildRecord;
  } catch {
    return undefined;
  }
}

/** The newest unfinished build of `pipeline` in `env` (optionally of one index). */
export async function findUnfinished(configDir: string, env: string, pipeline: string, index: string | undefined): Promise<BuildRecord | undefined> {
  const root = buildsRoot(configDir, env);
  const names = index ? [index] : await readdir(root).catch(() => [] as string[]);
  const found: BuildRecord[] = [];
  for (const n of names) {
    const rec = await readBuildRecord(join(root, n));
    if (rec && rec.status !== 'done' && rec.pipeline === pipeline && rec.env === env) found.push(rec);
  }
  return found.sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1))[0];
}
