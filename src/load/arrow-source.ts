/** A SampleSource over a folder written by `vecstage sample` / `vecstage import` (or a bare .arrow file). */
import { readFile } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { iterateSample, MANIFEST_FILE } from '../arrow/index.js';
import { VecstageError } from '../errors.js';
import { isDocumentSample } from '../sampler/documents/open-document-sample.js';
import type { SampleSource } from './source.js';

export async function openSampleSource(path: string, cwd: string = process.cwd()): Promise<SampleSource> {
  const abs = resolve(cwd, path);
  const dir = existsSync(abs) && statSync(abs).isDirectory() ? abs : dirname(abs);
  const shown = relative(cwd, abs) || '.';
  // a document sample has no vectors to load: its index is built by a pipeline
  if (await isDocumentSample(abs)) {
    throw new VecstageError('INPUT', `${shown} is a document sample (no embeddings); build an index from it with \`vecstage build ${shown} --pipeline <name>\``, { details: { sample: shown } });
  }
  // the schema and the embedded manifest come with the first batch
  const first = await iterateSample(abs, 1).next();
  const head = first.value;
  if (!head) throw new Error('unreachable: iterateSample yields at least one batch');
  const sidecar = join(dir, MANIFEST_FILE);
  const manifestText = existsSync(sidecar) ? await readFile(sidecar, 'utf8') : JSON.stringify(head.manifest);
  const manifest = head.manifest as {
    sample_rows?: number;
    counts?: { sample_rows?: number };
    embedding?: { model?: string; dimension?: number; metric?: string };
    origin?: string;
    tags?: Record<string, { inSample?: number } | undefined>;
  };
  let rows = manifest.sample_rows ?? manifest.counts?.sample_rows;
  if (typeof rows !== 'number') {
    rows = 0;
    for await (const b of iterateSample(abs, 8192)) rows += b.rows.length;
  }
  const origin = manifest.origin === 'synthetic' || manifest.origin === 'fixture' || manifest.origin === 'production' ? manifest.origin : 'unknown';
  return {
    dir: shown,
    manifestHash: createHash('sha256').update(manifestText).digest('hex'),
    rows,
    dimension: head.dimension,
    model: manifest.embedding?.model ?? 'unknown',
    metric: manifest.embedding?.metric,
    origin,
    zeroVectors: manifest.tags?.zero_vector?.inSample,
    async *batches(size: number) {
      for await (const b of iterateSample(abs, size)) if (b.rows.length) yield b.rows;
    },
  };
}
