/**
 * A document sample read back for the build step: its manifest (and the hash that pins it in an index's
 * provenance), its origin, and its documents in batches. A folder written by `vecstage sample|import` of a
 * document export, or its sample.arrow.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { MANIFEST_FILE, SAMPLE_FILE, arrowSchemaInfo, iterateDocumentRows } from '../../arrow/index.js';
import { VecstageError, invalid } from '../../errors.js';
import type { SourceDocument } from '../../pipeline/types.js';
import { ORIGINS, type SampleOrigin } from '../input/origin.js';

export type DocumentSampleRow = SourceDocument & { stratum: string; edgeTags: string[]; inclusionProb: number; weight: number };

export interface DocumentSample {
  /** the path as given, relative to cwd */
  dir: string;
  /** sha256 of manifest.json (of the schema's manifest for a bare .arrow file) */
  manifestHash: string;
  manifest: Record<string, unknown>;
  origin: SampleOrigin | 'unknown';
  rows: number;
  /** the documents in sample order, `batchSize` at a time (a null text comes out as '') */
  documents(batchSize: number): AsyncIterable<DocumentSampleRow[]>;
}

interface Located {
  arrow: string;
  /** manifest.json next to sample.arrow, when there is one */
  sidecar: string | undefined;
}

function locate(abs: string): Located {
  if (statSync(abs).isDirectory()) {
    const sidecar = join(abs, MANIFEST_FILE);
    return { arrow: join(abs, SAMPLE_FILE), sidecar: existsSync(sidecar) ? sidecar : undefined };
  }
  const sidecar = join(dirname(abs), MANIFEST_FILE);
  return { arrow: abs, sidecar: basename(abs) === SAMPLE_FILE && existsSync(sidecar) ? sidecar : undefined };
}

export async function openDocumentSample(path: string, cwd: string = process.cwd()): Promise<DocumentSample> {
  const abs = resolve(cwd, path);
  const shown = relative(cwd, abs) || '.';
  if (!existsSync(abs)) throw new VecstageError('INPUT', `document sample not found: ${path}; expected a folder written by \`vecstage sample\` of a document export (with ${SAMPLE_FILE}) or its .arrow file`);
  const at = locate(abs);
  if (!existsSync(at.arrow)) throw new VecstageError('INPUT', `document sample not found: ${shown} has no ${SAMPLE_FILE}`);
  if (at.sidecar === undefined && !startsWithArrowMagic(at.arrow)) {
    throw new VecstageError('INPUT', `${shown} is not a document sample (not an Arrow IPC file); expected a folder written by \`vecstage sample\` of a document export, or its ${SAMPLE_FILE}`);
  }
  const manifestText = at.sidecar !== undefined ? await readFile(at.sidecar, 'utf8') : (await arrowSchemaInfo(at.arrow)).manifest;
  if (manifestText === undefined) throw new VecstageError('INPUT', `${shown}: no manifest (neither ${MANIFEST_FILE} nor "vecstage:manifest" schema metadata); not a vecstage sample`);
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(manifestText) as Record<string, unknown>;
  } catch (err) {
    throw new VecstageError('INPUT', `${shown}: unreadable manifest (${(err as Error).message})`, { cause: err });
  }
  if (manifest.kind !== 'documents') {
    throw new VecstageError('INPUT', `${shown} is not a document sample (manifest kind ${JSON.stringify(manifest.kind)}, expected "documents"); a vector sample is loaded with \`vecstage load\``);
  }
  const counts = manifest.counts as { sample_rows?: unknown } | undefined;
  const rows = typeof counts?.sample_rows === 'number' ? counts.sample_rows : 0;
  const origin = ORIGINS.includes(manifest.origin as SampleOrigin) ? (manifest.origin as SampleOrigin) : 'unknown';
  const arrow = at.arrow;
  return {
    dir: shown,
    manifestHash: createHash('sha256').update(manifestText).digest('hex'),
    manifest,
    origin,
    rows,
    async *documents(batchSize: number) {
      if (!Number.isInteger(batchSize) || batchSize < 1) throw invalid('batchSize', batchSize, 'an integer >= 1', 'DocumentSample.documents', 'USAGE');
      for await (const batch of iterateDocumentRows(arrow, batchSize)) {
        yield batch.map((r) => ({ id: r.id, text: r.text ?? '', metadata: r.metadata, stratum: r.stratum, edgeTags: r.edgeTags, inclusionProb: r.inclusionProb, weight: r.weight }));
      }
    },
  };
}

const ARROW_MAGIC = Buffer.from('ARROW1');

/** True for a folder or .arrow file whose manifest has kind "documents"; false for anything else, never throws. */
export async function isDocumentSample(path: string): Promise<boolean> {
  try {
    const abs = resolve(path);
    if (!existsSync(abs)) return false;
    const at = locate(abs);
    if (at.sidecar !== undefined) return (JSON.parse(readFileSync(at.sidecar, 'utf8')) as { kind?: unknown }).kind === 'documents';
    if (!existsSync(at.arrow) || !startsWithArrowMagic(at.arrow)) return false;
    const text = (await arrowSchemaInfo(at.arrow)).manifest;
    return text !== undefined && (JSON.parse(text) as { kind?: unknown }).kind === 'documents';
  } catch {
    return false;
  }
}

/** An Arrow IPC file starts with "ARROW1"; the stream format with a continuation marker (0xFFFFFFFF). */
function startsWithArrowMagic(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(6);
    const n = readSync(fd, head, 0, 6, 0);
    return (n === 6 && head.equals(ARROW_MAGIC)) || (n >= 4 && head.readUInt32LE(0) === 0xffffffff);
  } finally {
    closeSync(fd);
  }
}
