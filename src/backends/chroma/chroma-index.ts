import { invalid } from '../../errors.js';
import type { Metric } from '../../config/types.js';
import type { BatchLimits, IndexInfo, ListPage, Metadata, QueryMatch, QueryRequest, VectorIndex, VectorRecord } from '../types.js';
import type { ChromaClientWhere, ChromaCollection, ChromaRecordMetadata } from './client.js';
import { type BatchSizing, chunkRecords } from './batches.js';
import { toChromaWhere } from './filter.js';
import { metadataToProvenance } from './provenance.js';

/** Runs one client call, mapping its failure to a VecstageError (provided by the backend). */
export type Guard = <T>(what: string, fn: () => Promise<T>) => Promise<T>;

export class ChromaIndex implements VectorIndex {
  readonly limits: BatchLimits;

  constructor(
    private readonly collection: ChromaCollection,
    readonly name: string,
    readonly dimension: number,
    readonly metric: Metric,
    private readonly sizing: BatchSizing,
    private readonly guard: Guard,
  ) {
    this.limits = { records: sizing.records, bytes: sizing.bytes };
  }

  /**
   * Chunks itself (callers may pass any number of records): at most the server's max batch of records and about
   * limits.bytes of request body per call (see batches.ts). Chroma's upsert merges
   * metadata into an existing record's; our contract replaces it, so records whose stored metadata has keys the
   * new metadata lacks are deleted first. Within one call a repeated id keeps its last occurrence.
   */
  async upsert(records: VectorRecord[]): Promise<void> {
    const byId = new Map<string, VectorRecord>();
    records.forEach((r, i) => {
      this.checkRecord(r, i);
      byId.delete(r.id);
      byId.set(r.id, r);
    });
    for (const chunk of chunkRecords([...byId.values()], this.dimension, this.sizing)) {
      const ids = chunk.map((r) => r.id);
      const what = `upserting ${chunk.length} records into "${this.name}"`;
      const existing = await this.guard(what, () => this.collection.get({ ids, include: ['metadatas'] }));
      const stale = staleMetadataIds(existing.ids, existing.metadatas, byId);
      if (stale.length > 0) await this.guard(what, () => this.collection.delete({ ids: stale }));
      const hasMetadata = chunk.some((r) => r.metadata && Object.keys(r.metadata).length > 0);
      await this.guard(what, () =>
        this.collection.upsert({
          ids,
          embeddings: chunk.map((r) => Array.from(r.values)),
          // Chroma rejects an empty metadata object; null means "none"
          ...(hasMetadata ? { metadatas: chunk.map((r) => nonEmpty(r.metadata)) as ChromaRecordMetadata[] } : {}),
        }),
      );
    }
  }

  async query(req: QueryRequest): Promise<QueryMatch[]> {
    this.checkVector(req.vector, 'query vector');
    if (!Number.isInteger(req.topK) || req.topK < 1) throw invalid('topK', req.topK, 'an integer >= 1', `query on "${this.name}"`);
    const where = toChromaWhere(req.filter);
    const res = await this.guard(`querying "${this.name}"`, () =>
      this.collection.query({
        queryEmbeddings: [Array.from(req.vector)],
        nResults: req.topK,
        ...(where ? { where: where as ChromaClientWhere } : {}),
        include: req.includeMetadata ? ['distances', 'metadatas'] : ['distances'],
      }),
    );
    const ids = res.ids[0] ?? [];
    const distances = res.distances[0] ?? [];
    const metadatas = res.metadatas[0] ?? [];
    return ids.map((id, i) => {
      const m: QueryMatch = { id, distance: distances[i] ?? Number.NaN };
      const meta = metadatas[i];
      if (req.includeMetadata && meta) m.metadata = meta as Metadata;
      return m;
    });
  }

  /** Missing ids are omitted; found records come back in the order asked. */
  async fetch(ids: string[]): Promise<VectorRecord[]> {
    const found = new Map<string, VectorRecord>();
    // responses carry embeddings as JSON numbers (about 20 bytes each): keep them within the byte budget too
    const step = Math.max(1, Math.min(this.limits.records, Math.floor(this.sizing.bytes / (this.dimension * 20 + 64))));
    for (let start = 0; start < ids.length; start += step) {
      const chunk = ids.slice(start, start + step);
      const res = await this.guard(`fetching ${chunk.length} ids from "${this.name}"`, () =>
        this.collection.get({ ids: chunk, include: ['embeddings', 'metadatas'] }),
      );
      res.ids.forEach((id, i) => {
        const rec: VectorRecord = { id, values: Float32Array.from(res.embeddings[i] ?? []) };
        const meta = res.metadatas[i];
        if (meta) rec.metadata = meta as Metadata;
        found.set(id, rec);
      });
    }
    return [...new Set(ids)].flatMap((id) => {
      const r = found.get(id);
      return r ? [r] : [];
    });
  }

  count(): Promise<number> {
    return this.guard(`counting "${this.name}"`, () => this.collection.count());
  }

  async describe(): Promise<IndexInfo> {
    const count = await this.count();
    return { name: this.name, dimension: this.dimension, metric: this.metric, count, provenance: metadataToProvenance(this.collection.metadata) };
  }

  /** The cursor is a decimal offset; pages follow Chroma's storage order, stable while nobody writes. */
  async listIds(page: { cursor?: string; limit: number }): Promise<ListPage> {
    if (!Number.isInteger(page.limit) || page.limit < 1) throw invalid('limit', page.limit, 'an integer >= 1', `listIds on "${this.name}"`);
    const offset = page.cursor === undefined ? 0 : Number(page.cursor);
    if (!Number.isInteger(offset) || offset < 0 || !/^\d+$/.test(page.cursor ?? '0')) {
      throw invalid('cursor', page.cursor, 'a cursor returned by a previous listIds call', `listIds on "${this.name}"`);
    }
    const limit = Math.min(page.limit, this.limits.records);
    const res = await this.guard(`listing ids of "${this.name}"`, () => this.collection.get({ limit, offset, include: [] }));
    return { ids: res.ids, cursor: res.ids.length === limit ? String(offset + limit) : undefined };
  }

  private checkRecord(r: VectorRecord, i: number): void {
    if (typeof r.id !== 'string' || r.id.length === 0) throw invalid('record id', r.id, 'a non-empty string', `record ${i} upserted into "${this.name}"`);
    this.checkVector(r.values, `vector of record ${JSON.stringify(r.id)}`);
  }

  private checkVector(v: Float32Array, what: string): void {
    if (v.length !== this.dimension) {
      throw invalid(`${what} dimension`, v.length, `${this.dimension} (the dimension of index "${this.name}")`);
    }
    for (let j = 0; j < v.length; j++) {
      if (!Number.isFinite(v[j])) throw invalid(`${what} value at [${j}]`, v[j], 'a finite number');
    }
  }
}

function nonEmpty(m: Metadata | undefined): Metadata | null {
  return m && Object.keys(m).length > 0 ? m : null;
}

/** Ids whose stored metadata has a key the new record lacks (Chroma would keep that key on upsert). */
function staleMetadataIds(ids: string[], stored: (Record<string, unknown> | null)[], next: Map<string, VectorRecord>): string[] {
  return ids.filter((id, i) => {
    const old = stored[i];
    if (!old) return false;
    const fresh = next.get(id)?.metadata ?? {};
    return Object.keys(old).some((k) => !(k in fresh));
  });
}
