/**
 * The schema of an Arrow IPC file or stream, read synchronously from a few bytes at its ends (never the record
 * batches): the origin check (src/sampler/input/origin.ts) runs while a run is being resolved, before any data is read,
 * and the truth command (src/truth/sample-file.ts) takes a sample's identity and dimension from the footer.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { RecordBatchReader, type Schema } from 'apache-arrow';
// the footer decoder is not in the package's main entry; `./*` in its exports map makes the module public
import { Footer } from 'apache-arrow/ipc/metadata/file';

export interface ArrowSchemaPeek {
  fields: string[];
  metadata: Map<string, string>;
}

const MAGIC = Buffer.from('ARROW1');
/** the most bytes read for a stream's schema message or a file's footer (a schema is a few KB) */
const MAX_SCHEMA_BYTES = 16 << 20;

/** undefined when the file is not Arrow IPC (or its schema cannot be read within the budget). */
export function peekArrowSchema(path: string): ArrowSchemaPeek | undefined {
  return withFile(path, (read, size) => {
    const head = read(0, 8);
    if (head.subarray(0, 6).equals(MAGIC)) {
      const schema = footerSchema(read, size);
      return schema ? describe(schema) : undefined;
    }
    // stream format: the schema message comes first (<0xFFFFFFFF><int32 length><flatbuffer>)
    const len = head.readInt32LE(0) === -1 ? head.readInt32LE(4) : -1;
    if (len <= 0 || len > MAX_SCHEMA_BYTES) return undefined;
    const reader = RecordBatchReader.from(read(0, 8 + len));
    // opening a stream reads its schema message only (dictionaries and batches come with next())
    reader.open();
    return reader.schema ? describe(reader.schema) : undefined;
  });
}

/** The schema (field types included) of an Arrow IPC *file* from its footer alone; undefined for anything else. */
export function readArrowFileSchema(path: string): Schema | undefined {
  return withFile(path, (read, size) => (size >= 18 && read(0, 6).equals(MAGIC) ? footerSchema(read, size) : undefined));
}

type Read = (at: number, n: number) => Buffer;

/** fn over positioned reads of the file; undefined when it cannot be opened or read */
function withFile<T>(path: string, fn: (read: Read, size: number) => T | undefined): T | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const size = fstatSync(fd).size;
    const read: Read = (at, n) => {
      const b = Buffer.alloc(Math.max(0, Math.min(n, size - at)));
      readSync(fd, b, 0, b.length, at);
      return b;
    };
    return fn(read, size);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * File format: <magic><padding> ... <footer flatbuffer><int32 footer length><magic>; the JS writer puts the schema
 * only in the footer (no leading schema message), so the footer alone is decoded.
 */
function footerSchema(read: Read, size: number): Schema | undefined {
  const tail = read(size - 10, 10);
  if (!tail.subarray(4).equals(MAGIC)) return undefined;
  const len = tail.readInt32LE(0);
  if (len <= 0 || len > MAX_SCHEMA_BYTES || len + 18 > size) return undefined;
  return Footer.decode(read(size - 10 - len, len)).schema;
}

function describe(schema: Schema): ArrowSchemaPeek {
  return { fields: schema.fields.map((f) => f.name), metadata: new Map(schema.metadata) };
}
