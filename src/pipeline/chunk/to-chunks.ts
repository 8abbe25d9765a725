/** A document's pieces, in order, as chunks with ids `<doc.id>#<ordinal>` (ordinals from 0). */
import type { Chunk, ChunkPiece, SourceDocument } from '../types.js';

export function toChunks(doc: SourceDocument, pieces: readonly ChunkPiece[]): Chunk[] {
  return pieces.map((p, ordinal) => ({ id: `${doc.id}#${ordinal}`, docId: doc.id, ordinal, text: p.text, start: p.start, end: p.end }));
}
