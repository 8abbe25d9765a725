/**
 * A built-in chunker: the document's text measured in the configured unit and cut by the kind's pure function.
 * Empty or whitespace-only text gives no chunks, and whitespace-only chunks are dropped (rangesToPieces).
 */
import type { Chunker, ChunkerConfig, ChunkPiece } from '../types.js';
import { charMeasure } from './char-measure.js';
import { fixedRanges } from './fixed.js';
import type { Measure } from './measure.js';
import { rangesToPieces } from './pieces.js';
import { recursiveRanges } from './recursive.js';
import { sentenceChunkRanges } from './sentence.js';
import { slidingWindowRanges } from './sliding-window.js';
import { loadTokenSpans } from './token-spans.js';
import { spanMeasure } from './unit-spans.js';
import { isBlank } from './whitespace.js';
import { wordSpans } from './word-spans.js';
import { DEFAULT_ENCODING } from './config.js';

export type BuiltInChunkerConfig = Exclude<ChunkerConfig, { kind: 'module' }>;

export async function createBuiltInChunker(config: BuiltInChunkerConfig): Promise<Chunker> {
  const measureOf = await measureFor(config);
  const cut = cutter(config);
  return {
    config,
    chunk: (doc): ChunkPiece[] => (isBlank(doc.text) ? [] : rangesToPieces(doc.text, cut(doc.text, measureOf(doc.text)))),
  };
}

/** Pieces of one text (no document needed): for tests and benchmarks. */
export async function chunkText(config: BuiltInChunkerConfig, text: string): Promise<ChunkPiece[]> {
  return (await createBuiltInChunker(config)).chunk({ id: '', text, metadata: null }) as ChunkPiece[];
}

async function measureFor(config: BuiltInChunkerConfig): Promise<(text: string) => Measure> {
  switch (config.unit) {
    case 'chars':
      return charMeasure;
    case 'words':
      return (text) => spanMeasure(wordSpans(text));
    case 'tokens': {
      const spans = await loadTokenSpans(config.encoding ?? DEFAULT_ENCODING);
      return (text) => spanMeasure(spans(text));
    }
  }
}

function cutter(c: BuiltInChunkerConfig): (text: string, m: Measure) => number[] {
  switch (c.kind) {
    case 'fixed':
      return (text, m) => fixedRanges(text, m, c.size);
    case 'sliding-window':
      return (text, m) => slidingWindowRanges(text, m, c.size, c.overlap);
    case 'sentence':
      return (text, m) => sentenceChunkRanges(text, m, c.size, c.overlap);
    case 'recursive':
      return (text, m) => recursiveRanges(text, m, c.size, c.overlap, c.separators);
  }
}
