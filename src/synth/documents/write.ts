import { open, rename, rm } from 'node:fs/promises';
import { VecstageError } from '../../errors.js';
import { buildDocument } from './compose.js';
import { resolveDocumentOptions, type GenerateDocumentsOptions, type GenerateDocumentsResult } from './options.js';
import { planDocuments } from './plan.js';
import { buildQueries, queryLine } from './queries.js';
import { DOCUMENT_CSV_HEADER, documentLine } from './serialize.js';
import { documentTruth } from './truth.js';

const CHUNK_CHARS = 4 * 1024 * 1024;

/**
 * Writes a synthetic raw-document export (no embeddings) and, optionally, golden queries judged on its document
 * ids and the ground truth. Documents are produced one at a time and written in large chunks; every file is
 * written under a temporary name and renamed when complete.
 */
export async function generateDocuments(options: GenerateDocumentsOptions): Promise<GenerateDocumentsResult> {
  const o = resolveDocumentOptions(options);
  const plan = planDocuments(o);
  const line = documentLine(o.format);
  let bytes = 0;
  await atomicWrite(options.out, async (write) => {
    const parts: string[] = o.format === 'csv' ? [DOCUMENT_CSV_HEADER] : [];
    let chars = 0;
    for (let i = 0; i < o.docs; i++) {
      const s = line(buildDocument(plan, i));
      parts.push(s);
      chars += s.length;
      if (chars >= CHUNK_CHARS || i === o.docs - 1) {
        bytes += await write(parts.join(''));
        parts.length = 0;
        chars = 0;
        options.onProgress?.(i + 1, bytes);
      }
    }
  });
  let queries = 0;
  if (options.queries !== undefined) {
    const list = buildQueries(plan);
    queries = list.length;
    await atomicWrite(options.queries, async (write) => void (await write(list.map(queryLine).join(''))));
  }
  if (options.truth !== undefined) {
    const truth = documentTruth(plan);
    await atomicWrite(options.truth, async (write) => void (await write(`${JSON.stringify(truth, null, 1)}\n`)));
  }
  return { docs: o.docs, bytes, queries };
}

/** Opens `<path>.tmp`, lets `fill` write strings (each returns its byte count), renames it to path when done. */
async function atomicWrite(path: string, fill: (write: (s: string) => Promise<number>) => Promise<void>): Promise<void> {
  const tmp = `${path}.tmp`;
  let fh;
  try {
    fh = await open(tmp, 'w');
  } catch (err) {
    throw new VecstageError('INPUT', `cannot write ${path}: ${(err as Error).message}`, { cause: err });
  }
  try {
    await fill(async (s) => {
      const buf = Buffer.from(s, 'utf8');
      await fh.write(buf);
      return buf.length;
    });
    await fh.close();
    await rename(tmp, path);
  } catch (err) {
    await fh.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
}
