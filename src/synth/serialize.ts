import { formatVector } from './format-number.js';
import type { SynthRow } from './row.js';

export const COLUMNS = ['id', 'embedding', 'text', 'tenant', 'lang', 'doc_type', 'created_at'] as const;
export const CSV_HEADER = `${COLUMNS.join(',')}\n`;

/** the unescaped quote of the broken-quote fault; the comma after it makes the row unreadable under csv-parse's relax_quotes too */
const BROKEN = 'He said "hi", then left. ';

function embeddingText(e: SynthRow['embedding']): string {
  return typeof e === 'string' ? e : formatVector(e);
}

/** RFC 4180: the embedding and text cells are always quoted, quotes doubled; other cells never need quoting */
export function csvLine(row: SynthRow): string {
  const text = row.kind === 'broken-quote' ? `"${BROKEN}${row.text.replaceAll('"', '""')}"` : `"${row.text.replaceAll('"', '""')}"`;
  const extra = row.kind === 'wrong-column-count' ? ',extra' : '';
  return `${row.id ?? ''},"${embeddingText(row.embedding)}",${text},${row.tenant ?? ''},${row.lang ?? ''},${row.docType ?? ''},${row.createdAt ?? ''}${extra}\n`;
}

/** one flat JSON object per line; missing fields are absent keys */
export function jsonlLine(row: SynthRow): string {
  const emb = embeddingText(row.embedding);
  const head = `{${row.id === undefined ? '' : `"id":${JSON.stringify(row.id)},`}"embedding":`;
  if (row.kind === 'wrong-column-count') {
    // a record cut off mid-line, as from an export killed while writing
    return `${head}${emb.slice(0, Math.max(2, emb.length >> 1))}\n`;
  }
  const cell = typeof row.embedding === 'string' ? JSON.stringify(emb) : emb;
  const text = row.kind === 'broken-quote' ? `"${BROKEN}${JSON.stringify(row.text).slice(1)}` : JSON.stringify(row.text);
  let meta = '';
  if (row.tenant !== undefined) meta += `,"tenant":${JSON.stringify(row.tenant)}`;
  if (row.lang !== undefined) meta += `,"lang":${JSON.stringify(row.lang)}`;
  if (row.docType !== undefined) meta += `,"doc_type":${JSON.stringify(row.docType)}`;
  if (row.createdAt !== undefined) meta += `,"created_at":"${row.createdAt}"`;
  return `${head}${cell},"text":${text}${meta}}\n`;
}
