/**
 * What a chunk looks like in the index and in the chunk sample: the document's metadata plus where the chunk came
 * from. `doc_id` is the field bench maps chunks back to documents by (`--doc-field`, default doc_id); a document
 * metadata key of the same name is overwritten (the chunk's own document wins, always).
 */
import type { Chunk, MetadataValue } from '../pipeline/types.js';

export const DOC_FIELD = 'doc_id';

export function chunkMetadata(chunk: Chunk, docMetadata: Record<string, MetadataValue> | null): Record<string, MetadataValue> {
  const m: Record<string, MetadataValue> = { ...docMetadata, [DOC_FIELD]: chunk.docId, chunk_ordinal: chunk.ordinal };
  // backends store scalars only: offsets a module chunker could not place are left out, not stored as null
  if (chunk.start !== null && chunk.end !== null) {
    m.chunk_start = chunk.start;
    m.chunk_end = chunk.end;
  }
  return m;
}
