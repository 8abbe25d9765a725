/**
 * Strings in and out of Arrow without apache-arrow's per-value paths: the sample writer's Utf8Column and
 * Utf8ListColumn must give the values vectorFromArray gives, and readArrowFileBatches' batch decoder the strings
 * apache-arrow's own Vector.get gives, on the awkward cases (nulls, multi-byte and astral characters, lone
 * surrogates, byte order marks, invalid UTF-8, a character cut by a cell boundary).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { List, Field, RecordBatch, Schema, Struct, Utf8, makeData, tableToIPC, Table, vectorFromArray } from 'apache-arrow';
import { Utf8Column, Utf8ListColumn } from '../../src/arrow/utf8-column.js';
import { readArrowFileBatches } from '../../src/arrow/index.js';

const dir = mkdtempSync(join(tmpdir(), 'vecstage-utf8-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const AWKWARD: Array<string | null> = ['', 'a', null, 'café', '日本語', '\u{1F600}x', 'lone \uD800 high', 'lone \uDC00 low', '\uFEFFbom', 'x'.repeat(300), null, 'Ω'];

test('Utf8Column = vectorFromArray (values, nulls, growth past the initial capacity)', () => {
  const col = new Utf8Column(2, 1);
  for (const s of AWKWARD) col.push(s);
  const mine = col.data(new Utf8());
  const theirs = vectorFromArray(AWKWARD, new Utf8()).data[0]!;
  assert.is(mine.length, AWKWARD.length);
  assert.is(mine.nullCount, 2);
  const vm = new Table(new RecordBatch(new Schema([new Field('v', new Utf8(), true)]), makeData({ type: new Struct([new Field('v', new Utf8(), true)]), length: AWKWARD.length, nullCount: 0, children: [mine] }))).getChild('v')!;
  const vt = new Table(new RecordBatch(new Schema([new Field('v', new Utf8(), true)]), makeData({ type: new Struct([new Field('v', new Utf8(), true)]), length: AWKWARD.length, nullCount: 0, children: [theirs] }))).getChild('v')!;
  assert.equal(vm.toArray(), vt.toArray());
  // lone surrogates are written as U+FFFD, as apache-arrow's TextEncoder writes them
  assert.is(vm.get(6), 'lone \uFFFD high');
});

test('Utf8ListColumn = vectorFromArray of string lists', () => {
  const lists = [[], ['a'], ['b', 'ünï', ''], [], ['x'.repeat(50)]];
  const col = new Utf8ListColumn(1);
  for (const l of lists) col.push(l);
  const type = new List(new Field('item', new Utf8(), false));
  const mine = col.data(type);
  const field = new Field('v', type, false);
  const v = new Table(new RecordBatch(new Schema([field]), makeData({ type: new Struct([field]), length: lists.length, nullCount: 0, children: [mine] }))).getChild('v')!;
  assert.equal([...v].map((x) => [...(x as Iterable<string>)]), lists);
});

/** An Arrow IPC file with one Utf8 column `s` made of these raw byte cells (possibly invalid UTF-8). */
function fileOfCells(name: string, cells: Array<Uint8Array | null>): string {
  const offsets = new Int32Array(cells.length + 1);
  const valid = new Uint8Array((cells.length + 7) >> 3);
  const bytes: number[] = [];
  cells.forEach((c, i) => {
    if (c) {
      bytes.push(...c);
      valid[i >> 3]! |= 1 << (i & 7);
    }
    offsets[i + 1] = bytes.length;
  });
  const nulls = cells.filter((c) => c === null).length;
  const data = makeData({ type: new Utf8(), length: cells.length, nullCount: nulls, nullBitmap: nulls ? valid : null, valueOffsets: offsets, data: Uint8Array.from(bytes) });
  const field = new Field('s', new Utf8(), true);
  const table = new Table(new RecordBatch(new Schema([field]), makeData({ type: new Struct([field]), length: cells.length, nullCount: 0, children: [data] })));
  const path = join(dir, `${name}.arrow`);
  writeFileSync(path, tableToIPC(table, 'file'));
  return path;
}

async function decoded(path: string): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const raw of readArrowFileBatches(path, { from: 0 })) out.push(raw.values[0]);
  return out;
}

/** What apache-arrow's Vector.get gives: a TextDecoder per cell. */
function reference(cells: Array<Uint8Array | null>): unknown[] {
  return cells.map((c) => (c === null ? null : new TextDecoder('utf-8').decode(c)));
}

const enc = (s: string) => new TextEncoder().encode(s);

test('batch string decoding = per-cell TextDecoder: ASCII, multi-byte, nulls', async () => {
  for (const [name, cells] of [
    ['ascii', [enc('a'), enc(''), null, enc('doc-1')]],
    ['utf8', [enc('café'), enc('日本'), null, enc('\u{1F600}'), enc('plain')]],
  ] as Array<[string, Array<Uint8Array | null>]>) {
    assert.equal(await decoded(fileOfCells(name, cells)), reference(cells), name);
  }
});

test('batch string decoding = per-cell TextDecoder on BOMs, invalid bytes and characters cut by a cell boundary', async () => {
  const euro = enc('€'); // 3 bytes
  const cases: Array<[string, Array<Uint8Array | null>]> = [
    // a TextDecoder drops a BOM at the start of each cell
    ['bom', [enc('x'), Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]), enc('ü')]],
    // invalid UTF-8 becomes U+FFFD per cell
    ['invalid', [enc('ü'), Uint8Array.from([0x61, 0xff, 0x62]), enc('ok')]],
    // valid as a whole, but a cell boundary cuts the euro sign: each half decodes to U+FFFD
    ['split', [enc('é'), euro.subarray(0, 1), euro.subarray(1), enc('z')]],
  ];
  for (const [name, cells] of cases) {
    const got = await decoded(fileOfCells(name, cells));
    assert.equal(got, reference(cells), name);
  }
  assert.ok(String((await decoded(fileOfCells('split2', cases[2]![1])))[1]).includes('\uFFFD'));
});

test.run();
