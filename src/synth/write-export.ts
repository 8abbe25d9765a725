import { open, rename, rm, writeFile } from 'node:fs/promises';
import { VecstageError } from '../errors.js';
import { ByteSink } from './byte-sink.js';
import { writeExportRows } from './export-lines.js';
import { resolveGenerateOptions, type ExportFormat, type GenerateOptions } from './options.js';
import { planExport } from './plan.js';
import { groundTruth, type GroundTruth } from './truth.js';

export interface GenerateExportOptions extends GenerateOptions {
  /** the export file; written as `<out>.tmp`, renamed when complete */
  out: string;
  /** also write the ground truth as JSON to this path (conventionally `<out>.truth.json`) */
  truth?: string;
  /** called after each chunk is written */
  onProgress?: (rowsDone: number, bytes: number) => void;
  /** bytes gathered before each write. @default 4 MiB */
  chunkBytes?: number;
}

export interface GenerateResult {
  out: string;
  truthPath: string | undefined;
  format: ExportFormat;
  rows: number;
  dim: number;
  seed: number;
  bytes: number;
  truth: GroundTruth;
}

/**
 * Streams a synthetic production export to disk: rows are produced one at a time and written in large chunks,
 * so memory stays flat at any size (100k x 768 is about 800 MB of CSV).
 */
export async function generateExport(options: GenerateExportOptions): Promise<GenerateResult> {
  const resolved = resolveGenerateOptions(options);
  const plan = planExport(resolved);
  const chunkBytes = options.chunkBytes ?? 4 * 1024 * 1024;
  const tmp = `${options.out}.tmp`;
  let bytes = 0;
  let fh;
  try {
    fh = await open(tmp, 'w');
  } catch (err) {
    throw new VecstageError('INPUT', `cannot write ${options.out}: ${(err as Error).message}`, { cause: err });
  }
  try {
    const sink = new ByteSink(chunkBytes + (1 << 20));
    await writeExportRows(plan, sink, chunkBytes, async (done) => {
      for (let at = 0; at < sink.pos; ) at += (await fh.write(sink.buf, at, sink.pos - at)).bytesWritten;
      bytes += sink.pos;
      sink.pos = 0;
      options.onProgress?.(done, bytes);
    });
    await fh.close();
    await rename(tmp, options.out);
  } catch (err) {
    await fh.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
  const truth = groundTruth(plan);
  if (options.truth !== undefined) await writeFile(options.truth, `${JSON.stringify(truth, null, 1)}\n`);
  return { out: options.out, truthPath: options.truth, format: resolved.format, rows: resolved.rows, dim: resolved.dim,
    seed: resolved.seed, bytes, truth };
}
