/**
 * Is the input a document export (no embedding column)? Decided on the header: the CSV header line, the fields
 * of the first JSONL record that parses, an Arrow file's schema. stdin is peeked at: the bytes read are put back
 * in front of the rest (`input.stdin` is replaced), so either path then reads the whole stream.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { arrowSchemaInfo } from '../../arrow/index.js';
import type { InputDescription } from '../input/input.js';
import { csvRecords } from '../input/readers/csv.js';

/** the header must show within this many bytes; beyond, the input is taken for what the flags say */
const HEAD_LIMIT = 64 << 20;

/** The input's field names, or undefined when they cannot be told from its start (the vector path decides then). */
export async function inputFields(desc: InputDescription, input: { stdin?: NodeJS.ReadableStream | undefined }): Promise<string[] | undefined> {
  if (desc.format === 'arrow') {
    if (desc.path === undefined) return undefined;
    try {
      return (await arrowSchemaInfo(desc.path)).fields;
    } catch {
      return undefined;
    }
  }
  const source = desc.path !== undefined ? createReadStream(desc.path, { highWaterMark: 1 << 20 }) : (input.stdin as Readable | undefined);
  if (source === undefined) return undefined;
  const it = (source as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let ended = false;
  let fields: string[] | undefined;
  try {
    let size = 0;
    while (fields === undefined && size < HEAD_LIMIT) {
      const n = await it.next();
      if (n.done) ended = true;
      else {
        head.push(n.value);
        size += n.value.length;
      }
      const all = Buffer.concat(head);
      fields = desc.format === 'csv' ? await csvHeader(all, ended, desc.display) : jsonlFields(all, ended);
      if (ended) break;
    }
  } finally {
    if (desc.path !== undefined) (source as ReturnType<typeof createReadStream>).destroy();
    else input.stdin = replay(head, ended ? undefined : it);
  }
  return fields;
}

/** The bytes already read, then the rest of the stream. */
function replay(head: Buffer[], rest: AsyncIterator<Buffer> | undefined): Readable {
  return Readable.from(
    (async function* () {
      yield* head;
      if (rest) for (let n = await rest.next(); !n.done; n = await rest.next()) yield n.value;
    })(),
    { objectMode: false },
  );
}

/** The first record (the header) once a line break outside quotes shows, or at the end. */
async function csvHeader(buf: Buffer, ended: boolean, source: string): Promise<string[] | undefined> {
  let quoting = false;
  let end = -1;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (c === 34) quoting = !quoting;
    else if (!quoting && (c === 10 || c === 13)) {
      end = i;
      break;
    }
  }
  if (end < 0 && !ended) return undefined;
  const line = end < 0 ? buf : buf.subarray(0, end);
  try {
    for await (const rec of csvRecords(Readable.from([line]), { bom: true, source })) return rec.values.map((h) => h.trim());
  } catch {
    return [];
  }
  return [];
}

/** The keys of the first line that parses as a JSON object; [] when none does by the end. */
function jsonlFields(buf: Buffer, ended: boolean): string[] | undefined {
  let start = 0;
  for (;;) {
    const nl = buf.indexOf(10, start);
    if (nl < 0 && !ended) return undefined;
    const line = buf.subarray(start, nl < 0 ? buf.length : nl).toString('utf8').trim();
    if (line !== '') {
      try {
        const v = JSON.parse(line) as unknown;
        if (v !== null && typeof v === 'object' && !Array.isArray(v)) return Object.keys(v);
      } catch {
        // an unparseable line is a reject; the next one decides
      }
    }
    if (nl < 0) return [];
    start = nl + 1;
  }
}

/** An input whose fields lack the embedding column (`embeddingColumn`) is a document export. */
export async function lacksEmbedding(desc: InputDescription, input: { stdin?: NodeJS.ReadableStream | undefined }, embeddingColumn: string): Promise<boolean> {
  const fields = await inputFields(desc, input);
  return fields !== undefined && fields.length > 0 && !fields.includes(embeddingColumn);
}

