/** Flat [start, end, ...] ranges of a text to chunk pieces; whitespace-only ranges are dropped (nothing to embed). */
import type { ChunkPiece } from '../types.js';
import { skipWhitespace } from './whitespace.js';

export function rangesToPieces(text: string, ranges: readonly number[]): ChunkPiece[] {
  const pieces: ChunkPiece[] = [];
  for (let i = 0; i < ranges.length; i += 2) {
    const start = ranges[i]!;
    const end = ranges[i + 1]!;
    if (skipWhitespace(text, start, end) === end) continue;
    pieces.push({ text: text.slice(start, end), start, end });
  }
  return pieces;
}
