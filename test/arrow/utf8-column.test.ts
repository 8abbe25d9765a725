/**
 * Strings into Arrow without apache-arrow's per-value builders: the sample writer's Utf8Column and Utf8ListColumn
 * must give the values vectorFromArray gives, on the awkward cases (nulls, multi-byte and astral characters, lone
 * surrogates, byte order marks, growth past the initial capacity).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { List, Field, RecordBatch, Schema, Struct, Utf8, makeData, Table, vectorFromArray } from 'apache-arrow';
import { Utf8Column, Utf8ListColumn } from '../../src/arrow/utf8-column.js';

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

test.run();
