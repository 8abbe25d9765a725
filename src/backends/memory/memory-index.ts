/**
 * One in-process index: ids and metadata by row, vectors in a VectorSlab, queries answered exactly by the
 * top-k kernel (filters become a per-query row mask). Upsert overwrites an existing id's row in place.
 */
import type { Metric } from '../../config/types.js';
import { invalid } from '../../errors.js';
import { exactTopK } from '../../kernel/index.js';
import { matchesFilter, validateFilter } from '../filter.js';
import type {
  BatchLimits, IndexInfo, IndexProvenance, ListPage, Metadata, QueryMatch, QueryRequest, VectorIndex, VectorRecord,
} from '../types.js';
import { VectorSlab } from './vector-slab.js';

/** No request bodies here; the record limit only keeps a caller's batches comparable with the other adapters. */
export const MEMORY_LIMITS: BatchLimits = { records: 10_000 };

export class MemoryIndex implements VectorIndex {
  readonly limits = MEMORY_LIMITS;
  private readonly slab: VectorSlab;
  private readonly ids: string[] = [];
  private readonly rowOf = new Map<string, number>();
  private readonly metadata: (Metadata | undefined)[] = [];

  constructor(
    readonly name: string,
    readonly dimension: number,
    readonly metric: Metric,
    private readonly provenance: IndexProvenance,
  ) {
    this.slab = new VectorSlab(dimension);
  }

  async upsert(records: VectorRecord[]): Promise<void> {
    // validate the whole batch first, so a bad record leaves the index untouched
    records.forEach((r, i) => this.checkRecord(r, i));
    for (const r of records) {
      const meta = r.metadata === undefined ? undefined : { ...r.metadata };
      const row = this.rowOf.get(r.id);
      if (row === undefined) {
        this.rowOf.set(r.id, this.slab.append(r.values));
        this.ids.push(r.id);
        this.metadata.push(meta);
      } else {
        this.slab.overwrite(row, r.values);
        this.metadata[row] = meta;
      }
    }
  }

  async query(req: QueryRequest): Promise<QueryMatch[]> {
    this.checkVector(req.vector, `query vector (index ${this.name})`);
    if (!Number.isSafeInteger(req.topK) || req.topK < 1) throw invalid('topK', req.topK, 'an integer >= 1', `query on ${this.name}`);
    const filter = req.filter === undefined ? undefined : validateFilter(req.filter, `query filter on ${this.name}`);
    const n = this.slab.size;
    const k = Math.min(req.topK, n);
    const mask = filter ? Uint8Array.from(this.metadata, (m) => (matchesFilter(filter, m) ? 1 : 0)) : undefined;
    const { indices, distances } = exactTopK(this.slab.matrix, n, this.dimension, req.vector, 1, k, this.metric, { mask: () => mask });
    const out: QueryMatch[] = [];
    for (let r = 0; r < k; r++) {
      const row = indices[r]!;
      if (row < 0) break;
      const match: QueryMatch = { id: this.ids[row]!, distance: distances[r]! };
      const meta = this.metadata[row];
      if (req.includeMetadata && meta !== undefined) match.metadata = { ...meta };
      out.push(match);
    }
    return out;
  }

  async fetch(ids: string[]): Promise<VectorRecord[]> {
    const out: VectorRecord[] = [];
    for (const id of ids) {
      const row = this.rowOf.get(id);
      if (row === undefined) continue;
      const meta = this.metadata[row];
      out.push(meta === undefined ? { id, values: this.slab.read(row) } : { id, values: this.slab.read(row), metadata: { ...meta } });
    }
    return out;
  }

  async count(): Promise<number> {
    return this.slab.size;
  }

  async describe(): Promise<IndexInfo> {
    return this.info();
  }

  info(): IndexInfo {
    return { name: this.name, dimension: this.dimension, metric: this.metric, count: this.slab.size, provenance: { ...this.provenance } };
  }

  /** ids in insertion order; the cursor is the next row number */
  async listIds(page: { cursor?: string; limit: number }): Promise<ListPage> {
    if (!Number.isSafeInteger(page.limit) || page.limit < 1) throw invalid('limit', page.limit, 'an integer >= 1', `listIds on ${this.name}`);
    const start = page.cursor === undefined ? 0 : Number(page.cursor);
    const wellFormed = page.cursor === undefined || String(start) === page.cursor;
    if (!wellFormed || !Number.isSafeInteger(start) || start < 0 || start > this.ids.length) {
      throw invalid('cursor', page.cursor, 'a cursor returned by a previous listIds call', `listIds on ${this.name}`);
    }
    const end = Math.min(start + page.limit, this.ids.length);
    return { ids: this.ids.slice(start, end), cursor: end < this.ids.length ? String(end) : undefined };
  }

  private checkRecord(r: VectorRecord, i: number): void {
    const where = `record ${i} of the upsert into ${this.name}`;
    if (typeof r?.id !== 'string' || r.id.length === 0) throw invalid('id', r?.id, 'a non-empty string', where);
    this.checkVector(r.values, `record ${JSON.stringify(r.id)} of the upsert into ${this.name}`);
    if (r.metadata !== undefined) {
      if (typeof r.metadata !== 'object' || r.metadata === null || Array.isArray(r.metadata)) {
        throw invalid('metadata', r.metadata, 'an object of string, number or boolean values', where);
      }
      for (const [key, v] of Object.entries(r.metadata)) {
        if (!(typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)))) {
          throw invalid(`metadata.${key}`, v, 'a string, finite number or boolean', `record ${JSON.stringify(r.id)} of the upsert into ${this.name}`);
        }
      }
    }
  }

  private checkVector(v: Float32Array, where: string): void {
    if (!(v instanceof Float32Array)) throw invalid('vector', typeof v, 'a Float32Array', where);
    if (v.length !== this.dimension) {
      throw invalid('vector dimension', v.length, `${this.dimension} (the index dimension)`, where);
    }
    for (let i = 0; i < v.length; i++) {
      if (!Number.isFinite(v[i])) throw invalid(`vector value [${i}]`, String(v[i]), 'finite numbers (no NaN or Infinity)', where);
    }
  }
}
