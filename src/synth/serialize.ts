import { ByteSink } from './byte-sink.js';
import { formatVector } from './format-number.js';
import { ORIGIN_MARKER_FIELD, ORIGIN_MARKER_JSON, ORIGIN_MARKER_VALUE } from './origin-marker.js';
import type { SynthRow } from './row.js';

/** the origin marker is the last CSV column (origin-marker.ts): ids, vectors and the other cells keep their bytes */
export const COLUMNS = ['id', 'embedding', 'text', 'tenant', 'lang', 'doc_type', 'created_at', ORIGIN_MARKER_FIELD] as const;
export const CSV_HEADER = `${COLUMNS.join(',')}\n`;

/** the unescaped quote of the broken-quote fault; the comma after it makes the row unreadable under csv-parse's relax_quotes too */
const BROKEN = 'He said "hi", then left. ';

/** RFC 4180: the embedding and text cells are always quoted, quotes doubled; other cells never need quoting */
export function writeCsvRow(s: ByteSink, row: SynthRow): void {
  if (row.id !== undefined) s.ascii(row.id);
  s.ascii(',"');
  if (typeof row.embedding === 'string') s.ascii(row.embedding);
  else s.vector(row.embedding);
  s.ascii('","');
  if (row.kind === 'broken-quote') s.ascii(BROKEN);
  s.utf8(row.text.includes('"') ? row.text.replaceAll('"', '""') : row.text);
  s.ascii(`",${row.tenant ?? ''},${row.lang ?? ''},${row.docType ?? ''},${row.createdAt ?? ''},${ORIGIN_MARKER_VALUE}`);
  if (row.kind === 'wrong-column-count') s.ascii(',extra');
  s.byte(0x0a);
}

/**
 * one flat JSON object per line; missing fields are absent keys. The origin marker comes right after the id, before
 * the embedding, so a record cut off mid-embedding (wrong-column-count) still carries it.
 */
export function writeJsonlRow(s: ByteSink, row: SynthRow): void {
  s.ascii(row.id === undefined ? `{${ORIGIN_MARKER_JSON},"embedding":` : `{"id":${JSON.stringify(row.id)},${ORIGIN_MARKER_JSON},"embedding":`);
  if (row.kind === 'wrong-column-count') {
    // a record cut off mid-line, as from an export killed while writing
    const emb = typeof row.embedding === 'string' ? row.embedding : formatVector(row.embedding);
    s.ascii(`${emb.slice(0, Math.max(2, emb.length >> 1))}\n`);
    return;
  }
  if (typeof row.embedding === 'string') s.ascii(JSON.stringify(row.embedding));
  else s.vector(row.embedding);
  s.utf8(row.kind === 'broken-quote' ? `,"text":"${BROKEN}${JSON.stringify(row.text).slice(1)}` : `,"text":${JSON.stringify(row.text)}`);
  if (row.tenant !== undefined) s.ascii(`,"tenant":${JSON.stringify(row.tenant)}`);
  if (row.lang !== undefined) s.ascii(`,"lang":${JSON.stringify(row.lang)}`);
  if (row.docType !== undefined) s.ascii(`,"doc_type":${JSON.stringify(row.docType)}`);
  if (row.createdAt !== undefined) s.ascii(`,"created_at":"${row.createdAt}"`);
  s.ascii('}\n');
}

export function csvLine(row: SynthRow): string {
  const s = new ByteSink(1 << 12);
  writeCsvRow(s, row);
  return s.toString();
}

export function jsonlLine(row: SynthRow): string {
  const s = new ByteSink(1 << 12);
  writeJsonlRow(s, row);
  return s.toString();
}
