import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { VecstageError } from '../errors.js';
import { parseGolden, parseGoldenObjects, throwIssues } from './parse.js';
import { readGoldenArrow } from '../arrow/index.js';
import type { GoldenSet } from './types.js';

export interface ReadGoldenOptions {
  dimension?: number | undefined;
  vocabulary?: ReadonlySet<string> | undefined;
  /** how the path is shown in messages */
  shownAs?: string;
  /** accept text-only queries (their `embedding` comes back empty, for a pipeline's embedder to fill) */
  textOnly?: boolean;
}

export async function readGolden(path: string, opts: ReadGoldenOptions = {}): Promise<GoldenSet> {
  const shown = opts.shownAs ?? path;
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new VecstageError('INPUT', code === 'ENOENT' ? `golden queries not found: ${shown}` : `cannot read golden queries ${shown}: ${(err as Error).message}`);
  }
  const parseOpts = { source: shown, dimension: opts.dimension, vocabulary: opts.vocabulary, textOnly: opts.textOnly };
  const { queries, dimension, issues } = isArrow(path, bytes)
    ? parseGoldenObjects(await readGoldenArrow(path), parseOpts)
    : parseGolden(bytes.toString('utf8'), parseOpts);
  throwIssues(shown, issues);
  if (queries.length === 0) throw new VecstageError('INPUT', `${shown} holds no golden queries (one JSON object a line: {"id","text","embedding",...})`);
  return { path, sha256: createHash('sha256').update(bytes).digest('hex'), dimension, queries };
}

/** Serialises queries back to JSONL (used by `fixtures add|tag`), keeping the key order of DESIGN §4. */
export function formatGoldenLine(q: { id: string; text: string | null; embedding: ArrayLike<number>; relevant: Record<string, number>; tags: string[]; filter: Record<string, unknown> | null }): string {
  const obj: Record<string, unknown> = { id: q.id };
  if (q.text !== null) obj.text = q.text;
  // a text-only query (embedded at bench time by a pipeline) stays text-only
  if (q.embedding.length > 0) obj.embedding = Array.from(q.embedding, (x) => Number(x.toPrecision(7)));
  if (Object.keys(q.relevant).length) obj.relevant = q.relevant;
  if (q.tags.length) obj.tags = q.tags;
  if (q.filter) obj.filter = q.filter;
  return JSON.stringify(obj);
}

/** Arrow IPC files start with the magic "ARROW1"; streams have no magic, so the extension decides for them. */
function isArrow(path: string, bytes: Buffer): boolean {
  return bytes.subarray(0, 6).toString('latin1') === 'ARROW1' || /\.(arrow|arrows|ipc|feather)$/i.test(path);
}
