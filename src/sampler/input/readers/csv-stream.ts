/**
 * CSV rows from a stream (stdin, Bernoulli mode's one pass, a shard): the byte scanner fed by the stream's
 * chunks, every cell decoded (the stream reader does not know the column mapping). csv-parse reads the stream
 * instead when VECSTAGE_CSV_PARSER=csv-parse or when the first line shows a dialect the scanner does not take.
 */
import { Readable } from 'node:stream';
import type { RawRow } from '../../types.js';
import { readCsv } from './csv.js';
import { csvParserChoice, scannerDelimiter } from './csv-dialect.js';
import { CsvRangeReader, requireHeader, WAIT, type ByteSource } from './csv-range-reader.js';

/** the first line break must show within this many bytes, else csv-parse reads the stream */
const HEAD_BYTES = 1 << 16;

export async function* readCsvRows(bytes: Readable, source: string): AsyncGenerator<RawRow> {
  const chunks = bytes[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  let delimiter: '\n' | '\r\n' | undefined;
  const scanning = csvParserChoice() === 'scanner';
  while (scanning && headBytes < HEAD_BYTES) {
    const n = await chunks.next();
    if (n.done) {
      ended = true;
      break;
    }
    head.push(n.value);
    headBytes += n.value.length;
    const all = Buffer.concat(head);
    delimiter = scannerDelimiter(all);
    // undecided until a line break shows (a CR as the last byte so far may still start "\r\n")
    const lf = all.indexOf(10);
    const cr = all.indexOf(13);
    const first = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
    if (first >= 0 && !(first === cr && cr === all.length - 1)) break;
  }
  if (delimiter === undefined) {
    const replay = Readable.from((async function* () {
      yield* head;
      if (!ended) for (let n = await chunks.next(); !n.done; n = await chunks.next()) yield n.value;
    })());
    yield* readCsv(replay, source);
    return;
  }
  const input = new ChunkSource(head, ended);
  const reader = new CsvRangeReader({ path: input, start: 0, to: Infinity, header: null, recordDelimiter: delimiter, columns: undefined, source });
  try {
    for (;;) {
      const row = reader.poll();
      if (row === WAIT) {
        const n = await chunks.next();
        if (n.done) input.ended = true;
        else input.chunks.push(n.value);
        continue;
      }
      if (row === undefined) break;
      yield row;
    }
  } finally {
    reader.close();
    if (!input.ended) await chunks.return?.();
  }
  requireHeader(reader, source);
}

/** A stream's chunks as a ByteSource: read in order (the position is ignored). */
class ChunkSource implements ByteSource {
  private off = 0;
  constructor(
    readonly chunks: Buffer[],
    public ended: boolean,
  ) {}

  read(into: Buffer, at: number, length: number): number | typeof WAIT {
    let n = 0;
    while (n < length && this.chunks.length > 0) {
      const c = this.chunks[0] as Buffer;
      const k = c.copy(into, at + n, this.off, Math.min(c.length, this.off + length - n));
      n += k;
      this.off += k;
      if (this.off >= c.length) {
        this.chunks.shift();
        this.off = 0;
      }
    }
    if (n > 0) return n;
    return this.ended ? 0 : WAIT;
  }

  close(): void {}
}
