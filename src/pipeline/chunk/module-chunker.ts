/**
 * A chunker module: user code whose default export is `(doc, options) => chunks` (sync or async), imported once by
 * file URL. A module that cannot be imported or has no such export is refused when the chunker is created; one
 * that throws or returns something else than chunks fails the document with an INPUT error naming the module, the
 * document and what was wrong (the thrown error as the cause).
 */
import { pathToFileURL } from 'node:url';
import { VecstageError } from '../../errors.js';
import type { Chunker, ChunkerConfig, ChunkPiece, SourceDocument } from '../types.js';
import { MODULE_OUTPUT, modulePieces } from './module-output.js';

export type ModuleChunkerConfig = Extract<ChunkerConfig, { kind: 'module' }>;
type ChunkFn = (doc: SourceDocument, options: Record<string, unknown>) => unknown;

export async function createModuleChunker(config: ModuleChunkerConfig): Promise<Chunker> {
  const name = JSON.stringify(config.module);
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(config.path).href)) as { default?: unknown };
  } catch (err) {
    throw new VecstageError('INPUT', `chunker module ${name} could not be imported: ${message(err)}; allowed: an ES module whose default export is (doc, options) => ${MODULE_OUTPUT}`, {
      cause: err,
      details: { module: config.module },
    });
  }
  if (typeof mod.default !== 'function') {
    throw new VecstageError('INPUT', `invalid chunker module ${name}: its default export is ${mod.default === undefined ? 'missing' : `a ${typeof mod.default}`}; allowed: a default export (doc, options) => ${MODULE_OUTPUT}`, {
      details: { module: config.module },
    });
  }
  const fn = mod.default as ChunkFn;
  const fail = (doc: SourceDocument, err: unknown): VecstageError =>
    new VecstageError('INPUT', `chunker module ${name} failed on document ${JSON.stringify(doc.id)}: ${message(err)}`, {
      cause: err,
      details: { module: config.module, document: doc.id },
    });
  return {
    config,
    chunk(doc): ChunkPiece[] | Promise<ChunkPiece[]> {
      let out: unknown;
      try {
        out = fn(doc, config.options);
      } catch (err) {
        throw fail(doc, err);
      }
      if (out !== null && typeof out === 'object' && typeof (out as { then?: unknown }).then === 'function') {
        return (out as Promise<unknown>).then(
          (v) => modulePieces(v, doc, config.module),
          (err: unknown) => {
            throw fail(doc, err);
          },
        );
      }
      return modulePieces(out, doc, config.module);
    },
  };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
