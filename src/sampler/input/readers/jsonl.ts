/**
 * JSONL rows: one JSON object a line. Lines are split on raw bytes so invalid UTF-8 is detected exactly
 * (buffer.isUtf8) instead of being silently replaced by U+FFFD.
 */
import { isUtf8 } from 'node:buffer';
import type { Readable } from 'node:stream';
import type { RawRow } from '../../types.js';

export async function* readJsonl(bytes: Readable): AsyncGenerator<RawRow> {
  let pending: Buffer[] = [];
  let lineNo = 0;
  for await (const chunk of bytes as AsyncIterable<Buffer>) {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) break;
      const part = chunk.subarray(start, nl);
      const line = pending.length ? Buffer.concat([...pending, part]) : part;
      pending = [];
      lineNo++;
      const row = parseLine(line, lineNo);
      if (row) yield row;
      start = nl + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  if (pending.length) {
    lineNo++;
    const row = parseLine(Buffer.concat(pending), lineNo);
    if (row) yield row;
  }
}

const NO_FIELDS: string[] = [];

function parseLine(buf: Buffer, line: number): RawRow | undefined {
  let end = buf.length;
  if (end && buf[end - 1] === 13) end--;
  const bytes = buf.subarray(0, end);
  if (bytes.every((b) => b === 32 || b === 9)) return undefined;
  if (!isUtf8(bytes)) {
    return { line, fields: NO_FIELDS, values: NO_FIELDS, error: { reason: 'invalid_utf8', column: null, detail: 'the line is not valid UTF-8' } };
  }
  const text = bytes.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { line, fields: NO_FIELDS, values: NO_FIELDS, error: { reason: 'unparseable_row', column: null, detail: `invalid JSON: ${(err as Error).message}` } };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { line, fields: NO_FIELDS, values: NO_FIELDS, error: { reason: 'unparseable_row', column: null, detail: 'expected a JSON object per line' } };
  }
  return { line, fields: Object.keys(value), values: Object.values(value) };
}
