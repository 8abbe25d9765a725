/**
 * A live index as a stream of the sampler's raw rows, so the same validation, detectors and selection apply as to
 * a file. Ids are listed page by page (listIds: Chroma offset pages, Pinecone list tokens), filtered by shard,
 * then fetched (vectors + metadata) in the same page: memory holds one page, never the index.
 * A record becomes { <id column>: id, <embedding column>: Float32Array, ...metadata }; the text column mapping
 * (default `text`) then reads the text from metadata, every other key is metadata. `line` is the record's
 * 1-based position in the listing.
 * `wanted` (exact mode, pass 2) names the record numbers to read: the others are yielded as empty stubs (the
 * runner counts them and skips them) and their vectors are never fetched.
 */
import { createHash } from 'node:crypto';
import type { ByteTap } from '../input/input.js';
import type { ShardTally } from '../input/shard-rows.js';
import { inShard, type ShardSpec } from '../input/shard.js';
import type { RawRow } from '../types.js';
import { DEFAULT_PAGE_SIZE, LOADER_METADATA_KEYS, type LiveIndexSource } from './types.js';

export interface LiveRowsOptions {
  idColumn: string;
  embeddingColumn: string;
  shard?: ShardSpec | undefined;
  tally?: ShardTally | undefined;
  wanted?: { has(rec: number): boolean } | undefined;
  tap: ByteTap;
}

const NONE: readonly string[] = [];

export async function* liveRows(src: LiveIndexSource, o: LiveRowsOptions): AsyncGenerator<RawRow> {
  const hash = createHash('sha256');
  o.tap.bytes = 0;
  o.tap.sha256 = () => hash.copy().digest('hex');
  const pageSize = Math.max(1, src.pageSize ?? DEFAULT_PAGE_SIZE);
  const fieldsOf = new Map<string, string[]>();
  const skip = new Set([o.idColumn, o.embeddingColumn, ...LOADER_METADATA_KEYS]);
  let cursor: string | undefined;
  let listed = 0;
  let rec = 0;
  do {
    const page = await src.index.listIds(cursor === undefined ? { limit: pageSize } : { cursor, limit: pageSize });
    cursor = page.cursor;
    const mine: Array<{ id: string; line: number; rec: number }> = [];
    for (const id of page.ids) {
      hash.update(id).update('\n');
      const line = ++listed;
      if (o.shard && !inShard(id, o.shard)) {
        if (o.tally) o.tally.outside++;
        continue;
      }
      mine.push({ id, line, rec: rec++ });
    }
    const fetchIds = o.wanted ? mine.filter((m) => o.wanted!.has(m.rec)).map((m) => m.id) : mine.map((m) => m.id);
    const records = fetchIds.length ? await src.index.fetch(fetchIds) : [];
    const byId = new Map(records.map((r) => [r.id, r]));
    for (const m of mine) {
      if (o.wanted && !o.wanted.has(m.rec)) {
        yield { line: m.line, fields: NONE, values: NONE };
        continue;
      }
      const r = byId.get(m.id);
      if (!r) {
        yield { line: m.line, fields: NONE, values: NONE, error: { reason: 'unparseable_row', column: null, detail: `id ${JSON.stringify(m.id)} was listed but fetch did not return it (deleted during the scan?)` } };
        continue;
      }
      o.tap.bytes += r.values.byteLength;
      const keys = r.metadata ? Object.keys(r.metadata).filter((k) => !skip.has(k)) : [];
      const sig = keys.join('\u0000');
      let fields = fieldsOf.get(sig);
      // one fields array per key set, so the validator's per-header plan is reused across records
      if (!fields) {
        fields = [o.idColumn, o.embeddingColumn, ...keys];
        if (fieldsOf.size < 1024) fieldsOf.set(sig, fields);
      }
      const values: unknown[] = [r.id, r.values];
      for (const k of keys) values.push(r.metadata![k]);
      yield { line: m.line, fields, values };
    }
  } while (cursor !== undefined);
}
