/** Reads every record of an index (list ids page by page, fetch in batches) into a Corpus for exact search. */
import type { VectorIndex } from '../../backends/types.js';
import type { Corpus } from '../../truth/corpus.js';

export async function scanCorpus(index: VectorIndex, expected: number): Promise<Corpus> {
  const dim = index.dimension;
  const ids: string[] = [];
  const metadata: Corpus['metadata'] = [];
  const strata: string[] = [];
  const tags: string[][] = [];
  let vectors = new Float32Array(Math.max(expected, 1) * dim);
  let cursor: string | undefined;
  do {
    const page = await index.listIds({ limit: 100, ...(cursor ? { cursor } : {}) });
    cursor = page.cursor;
    if (page.ids.length === 0) continue;
    for (const rec of await index.fetch(page.ids)) {
      if (vectors.length < (ids.length + 1) * dim) {
        const grown = new Float32Array(vectors.length * 2);
        grown.set(vectors);
        vectors = grown;
      }
      vectors.set(rec.values, ids.length * dim);
      ids.push(rec.id);
      metadata.push(rec.metadata ?? null);
      strata.push(String(rec.metadata?.vecstage_stratum ?? '(none)'));
      tags.push(String(rec.metadata?.vecstage_tags ?? '').split(',').filter(Boolean));
    }
  } while (cursor);
  const index_ = new Map(ids.map((id, i) => [id, i]));
  return { ids, index: index_, dim, vectors: vectors.subarray(0, ids.length * dim), metadata, strata, tags, weights: new Float64Array(ids.length).fill(1), manifest: {} };
}
