import { open, rename, rm, writeFile } from 'node:fs/promises';
import { VecstageError } from '../errors.js';
import { exportLines } from './export-lines.js';
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
  /** characters gathered before each write. @default 4 MiB */
  chunkChars?: number;
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
  const chunkChars = options.chunkChars ?? 4 * 1024 * 1024;
  const tmp = `${options.out}.tmp`;
  let bytes = 0;
  let fh;
  try {
    fh = await open(tmp, 'w');
  } catch (err) {
    throw new VecstageError('INPUT', `cannot write ${options.out}: ${(err as Error).message}`, { cause: err });
  }
  try {
    let parts: string[] = [];
    let chars = 0;
    let done = 0;
    const flush = async () => {
      const { bytesWritten } = await fh.write(parts.join(''));
      bytes += bytesWritten;
      parts = [];
      chars = 0;
      options.onProgress?.(done, bytes);
    };
    for (const line of exportLines(plan)) {
      parts.push(line);
      chars += line.length;
      done++;
      if (chars >= chunkChars) await flush();
    }
    await flush();
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
