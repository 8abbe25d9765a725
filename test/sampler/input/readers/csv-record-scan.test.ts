/** The scanner core on hand-made records: field bounds, quoting kinds, line breaks, and what it leaves to csv-parse. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BreakCounter, fieldText, NEED_MORE, RecordShape, scanRecord, UNUSUAL } from '../../../../src/sampler/input/readers/csv-record-scan.js';

function scan(text: string, eof = true, crlf = false): { next: number; fields: string[]; kinds: number[]; breaks: number; delimited: boolean } {
  const b = Buffer.from(text);
  const shape = new RecordShape();
  const next = scanRecord(b, 0, eof, crlf, shape, new BreakCounter());
  const fields: string[] = [];
  const kinds: number[] = [];
  if (next >= 0) for (let f = 0; f < shape.fields; f++) {
    fields.push(fieldText(b, shape, f));
    kinds.push(shape.kind[f] as number);
  }
  return { next, fields, kinds, breaks: shape.breaks, delimited: shape.delimited };
}

test('plain and quoted fields, "" escapes, the offset past the delimiter', () => {
  const r = scan('a,"b,c","say ""hi""",\nnext');
  assert.equal(r.fields, ['a', 'b,c', 'say "hi"', '']);
  assert.equal(r.kinds, [0, 1, 2, 0]);
  assert.is(r.next, 'a,"b,c","say ""hi""",\n'.length);
  assert.is(r.delimited, true);
});

test('line breaks inside quotes are counted one per CR or LF byte (csv-parse counts a quoted CRLF twice)', () => {
  assert.is(scan('"x\ny\r\nz",b\n').breaks, 3);
  assert.is(scan('a,b\n').breaks, 0);
});

test('CRLF records; the last record may end without a delimiter', () => {
  const r = scan('a,"b"\r\nc', true, true);
  assert.equal(r.fields, ['a', 'b']);
  assert.is(r.next, 7);
  const last = scan('c,d', true, true);
  assert.equal(last.fields, ['c', 'd']);
  assert.is(last.delimited, false);
  assert.is(last.next, 3);
});

test('NEED_MORE when the record may continue past the bytes given', () => {
  assert.is(scan('a,"b', false).next, NEED_MORE);
  assert.is(scan('a,b', false).next, NEED_MORE);
  assert.is(scan('a,"b"', false).next, NEED_MORE);
  assert.is(scan('a,b\r', false, true).next, NEED_MORE);
});

test('UNUSUAL (left to csv-parse): stray quote, text after a closing quote, a lone CR or LF csv-parse keeps as data, an unterminated quote', () => {
  assert.is(scan('a,b"c,d\n').next, UNUSUAL);
  assert.is(scan('a,"b"c,d\n').next, UNUSUAL);
  assert.is(scan('a,b\r\n').next, UNUSUAL);
  assert.is(scan('a,b\nc\r\n', true, true).next, UNUSUAL);
  assert.is(scan('a,"b\n').next, UNUSUAL);
});

test.run();
