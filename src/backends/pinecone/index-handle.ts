import type { Metric } from '../../config/types.js';
import { invalid } from '../../errors.js';
import type { IndexInfo, ListPage, Metadata, QueryMatch, QueryRequest, VectorIndex, VectorRecord } from '../types.js';
import { PINECONE_LIMITS, planBatches, toWireVector } from './batches.js';
import type { CallTracker } from './call-tracker.js';
import { pineconeFilter } from './filter.js';
import { scoreToDistance } from './metric.js';
import type { SdkIndex, SdkMetadata } from './sdk.js';

export const MAX_TOP_K = 10000;
/** list pages hold at most 100 ids by default (ListVectors docs); asking for more returns a cursor instead */
export const LIST_PAGE_MAX = 100;
/** ids per fetch request, keeping the GET query string short */
export const FETCH_CHUNK = 100;
export const DEFAULT_NAMESPACE = '__default__';

export interface IndexHandleOptions {
  name: string;
  dimension: number;
  metric: Metric;
  namespace: string;
  sdk: SdkIndex;
  tracker: CallTracker;
  describe: () => Promise<IndexInfo>;
}

/** One Pinecone index (one namespace of it) behind the VectorIndex port. */
export function createIndexHandle(o: IndexHandleOptions): VectorIndex {
  const { name, dimension, metric, namespace, sdk, tracker } = o;
  const call = <T>(op: string, fn: () => Promise<T>): Promise<T> => tracker.run(op, name, fn);

  return {
    name,
    dimension,
    metric,
    limits: PINECONE_LIMITS,

    async upsert(records: VectorRecord[]): Promise<void> {
      // one record per id, the last occurrence winning, so a request never depends on how the server orders duplicates
      const last = new Map(records.map((r) => [r.id, r]));
      const wire = [...last.values()].map((r) => {
        if (r.values.length !== dimension) throw invalid('vector dimension', r.values.length, `${dimension} (index "${name}")`, `record "${r.id}"`);
        return toWireVector(r);
      });
      for (const batch of planBatches(wire, namespace)) {
        await call('upsert', () => sdk.upsert({ records: batch as { id: string; values: number[]; metadata?: SdkMetadata }[] }));
      }
    },

    async query(req: QueryRequest): Promise<QueryMatch[]> {
      if (!Number.isInteger(req.topK) || req.topK < 1 || req.topK > MAX_TOP_K) {
        throw invalid('topK', req.topK, `an integer from 1 to ${MAX_TOP_K}`, `query on index "${name}"`);
      }
      if (req.vector.length !== dimension) throw invalid('query vector dimension', req.vector.length, `${dimension} (index "${name}")`);
      const filter = req.filter === undefined || Object.keys(req.filter).length === 0 ? undefined : pineconeFilter(req.filter);
      const res = await call('query', () =>
        sdk.query({
          vector: Array.from(req.vector),
          topK: req.topK,
          includeMetadata: req.includeMetadata === true,
          includeValues: false,
          ...(filter ? { filter } : {}),
        }),
      );
      return res.matches.map((m) => ({
        id: m.id,
        distance: scoreToDistance(metric, m.score ?? Number.NaN),
        ...(req.includeMetadata && m.metadata ? { metadata: m.metadata as Metadata } : {}),
      }));
    },

    async fetch(ids: string[]): Promise<VectorRecord[]> {
      const found = new Map<string, VectorRecord>();
      for (let i = 0; i < ids.length; i += FETCH_CHUNK) {
        const chunk = ids.slice(i, i + FETCH_CHUNK);
        const res = await call('fetch', () => sdk.fetch({ ids: chunk }));
        for (const [id, v] of Object.entries(res.records)) {
          found.set(id, { id, values: Float32Array.from(v.values ?? []), ...(v.metadata ? { metadata: v.metadata as Metadata } : {}) });
        }
      }
      return ids.flatMap((id) => {
        const r = found.get(id);
        return r ? [r] : [];
      });
    },

    async count(): Promise<number> {
      const stats = await call('describe_index_stats', () => sdk.describeIndexStats());
      const ns = stats.namespaces ?? {};
      // API 2025-04 and later report the default namespace as "__default__"; older servers as ""
      return (ns[namespace] ?? (namespace === DEFAULT_NAMESPACE ? ns[''] : undefined))?.recordCount ?? 0;
    },

    describe: o.describe,

    async listIds(page: { cursor?: string; limit: number }): Promise<ListPage> {
      if (!Number.isInteger(page.limit) || page.limit < 1) throw invalid('list limit', page.limit, 'a positive integer');
      const res = await call('list', () =>
        sdk.listPaginated({ limit: Math.min(page.limit, LIST_PAGE_MAX), ...(page.cursor ? { paginationToken: page.cursor } : {}) }),
      );
      return {
        ids: (res.vectors ?? []).flatMap((v) => (v.id === undefined ? [] : [v.id])),
        cursor: res.pagination?.next || undefined,
      };
    },
  };
}
