/**
 * Golden queries as Arrow IPC (DESIGN §4 allows JSONL or Arrow): columns id Utf8, text Utf8?, embedding
 * FixedSizeList<Float32> or List<Float32>, relevant Utf8? (JSON object doc -> grade), tags List<Utf8>?, filter Utf8?
 * (JSON object). Rows come back as plain values for src/golden to validate like JSONL lines.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { Field, FixedSizeList, Float32, List, Table, Utf8, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow';
import { VecstageError } from '../errors.js';

export interface GoldenArrowRow {
  /** 1-based row number, reported like a line number */
  line: number;
  value: Record<string, unknown>;
}

export async function readGoldenArrow(path: string): Promise<GoldenArrowRow[]> {
  let table: Table;
  try {
    table = tableFromIPC(await readFile(path));
  } catch (err) {
    throw new VecstageError('INPUT', `cannot read golden queries ${path} as Arrow IPC: ${(err as Error).message}`);
  }
  const names = table.schema.fields.map((f) => f.name);
  const allowed = ['id', 'text', 'embedding', 'relevant', 'tags', 'filter'];
  const unknown = names.filter((n) => !allowed.includes(n));
  if (unknown.length) throw new VecstageError('INPUT', `${path}: unknown column ${unknown.join(', ')}; allowed: ${allowed.join(', ')}`);
  const col = (n: string) => table.getChild(n);
  const rows: GoldenArrowRow[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const value: Record<string, unknown> = {};
    const id = col('id')?.get(i);
    if (id !== null && id !== undefined) value.id = String(id);
    const text = col('text')?.get(i);
    if (text !== null && text !== undefined) value.text = String(text);
    const emb = col('embedding')?.get(i);
    if (emb) value.embedding = Array.from(emb.toArray() as Float32Array);
    for (const json of ['relevant', 'filter'] as const) {
      const raw = col(json)?.get(i);
      if (raw === null || raw === undefined) continue;
      try {
        value[json] = JSON.parse(String(raw));
      } catch (err) {
        throw new VecstageError('INPUT', `${path}:${i + 1}: column ${json} is not JSON: ${(err as Error).message}`);
      }
    }
    const tags = col('tags')?.get(i);
    if (tags) value.tags = Array.from(tags.toArray() as ArrayLike<unknown>, String);
    rows.push({ line: i + 1, value });
  }
  return rows;
}

export async function writeGoldenArrow(
  path: string,
  queries: ReadonlyArray<{ id: string; text: string | null; embedding: Float32Array; relevant: Record<string, number>; tags: string[]; filter: Record<string, unknown> | null }>,
): Promise<void> {
  const dim = queries[0]?.embedding.length ?? 0;
  const table = new Table({
    id: vectorFromArray(queries.map((q) => q.id), new Utf8()),
    text: vectorFromArray(queries.map((q) => q.text), new Utf8()),
    embedding: vectorFromArray(queries.map((q) => Array.from(q.embedding)), new FixedSizeList(dim, new Field('item', new Float32(), false))),
    relevant: vectorFromArray(queries.map((q) => (Object.keys(q.relevant).length ? JSON.stringify(q.relevant) : null)), new Utf8()),
    tags: vectorFromArray(queries.map((q) => q.tags), new List(new Field('item', new Utf8(), true))),
    filter: vectorFromArray(queries.map((q) => (q.filter ? JSON.stringify(q.filter) : null)), new Utf8()),
  });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, tableToIPC(table, 'file'));
  await rename(tmp, path);
}
