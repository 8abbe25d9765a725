/**
 * Ground truth as an Arrow IPC file: one row per query (query_id Utf8, ids List<Utf8>, distances List<Float32>),
 * the truth's identity (k, metric, sample manifest hash, queries hash) in schema metadata `vecstage:truth`.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { Field, Float64, List, Table, Utf8, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow';
import { VecstageError } from '../errors.js';

export const TRUTH_KEY = 'vecstage:truth';

export interface TruthFileMeta {
  k: number;
  metric: string;
  sampleManifestHash: string;
  queriesHash: string;
  sample: string;
  queries: string;
  createdAt: string;
}

export interface TruthFileRow {
  queryId: string;
  ids: string[];
  distances: number[];
}

export async function writeTruthFile(path: string, meta: TruthFileMeta, rows: readonly TruthFileRow[]): Promise<void> {
  const table = new Table({
    query_id: vectorFromArray(rows.map((r) => r.queryId), new Utf8()),
    ids: vectorFromArray(rows.map((r) => r.ids), new List(new Field('item', new Utf8(), true))),
    // float64 keeps the exact reference distances (they are computed in float64)
    distances: vectorFromArray(rows.map((r) => r.distances), new List(new Field('item', new Float64(), true))),
  });
  table.schema.metadata.set(TRUTH_KEY, JSON.stringify(meta));
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, tableToIPC(table, 'file'));
  await rename(tmp, path);
}

export async function readTruthFile(path: string): Promise<{ meta: TruthFileMeta; rows: TruthFileRow[] }> {
  let table: Table;
  try {
    table = tableFromIPC(await readFile(path));
  } catch (err) {
    throw new VecstageError('INPUT', `cannot read ground truth ${path}: ${(err as Error).message}`);
  }
  const metaJson = table.schema.metadata.get(TRUTH_KEY);
  if (!metaJson) throw new VecstageError('INPUT', `${path} is not a vecstage ground truth file (no ${TRUTH_KEY} schema metadata); write one with vecstage truth`);
  const q = table.getChild('query_id');
  const ids = table.getChild('ids');
  const dists = table.getChild('distances');
  if (!q || !ids || !dists) throw new VecstageError('INPUT', `${path}: missing columns; expected query_id, ids, distances`);
  const rows: TruthFileRow[] = [];
  for (let i = 0; i < table.numRows; i++) {
    rows.push({
      queryId: String(q.get(i)),
      ids: Array.from(ids.get(i)?.toArray() ?? [], String),
      distances: Array.from(dists.get(i)?.toArray() ?? [], Number),
    });
  }
  return { meta: JSON.parse(metaJson) as TruthFileMeta, rows };
}
