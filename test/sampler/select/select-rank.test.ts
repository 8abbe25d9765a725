/**
 * Selection's fast paths against their definitions: rankedRows (one numeric sort, then ties of keyHi by the
 * comparator) = a comparator sort; selectRows = the comparator-sort selection it replaced, on random inputs with
 * many keyHi ties, tags with caps, and small strata; RowTagSets keeps each row's tags in order without repeats.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { allocate } from '../../../src/sampler/select/allocate.js';
import { rankedRows, selectRows, type SelectionInput, type SelectionResult } from '../../../src/sampler/select/select.js';
import { RowTagSets, TagListTable } from '../../../src/sampler/detectors/row-tag-sets.js';
import { seededRandom } from '../../../src/random.js';

function randomInput(seed: number, count: number): SelectionInput {
  const rand = seededRandom(seed);
  // few distinct keyHi values: plenty of runs that the comparator must order by keyLo, then by id
  const keyHi = Uint32Array.from({ length: count }, () => Math.floor(rand() * 7) * 0x2000_0000);
  const keyLo = Uint32Array.from({ length: count }, () => Math.floor(rand() * 3));
  const ids = Array.from({ length: count }, (_, r) => `id-${(r * 7919) % count}`);
  const strata = ['a', 'b', 'c', 'tiny'];
  const stratumOf = Uint32Array.from({ length: count }, () => (rand() < 0.01 ? 3 : Math.floor(rand() * 3)));
  const tags = new Map<number, string[]>();
  for (let r = 0; r < count; r++) {
    const t: string[] = [];
    if (rand() < 0.3) t.push('non_ascii');
    if (rand() < 0.05) t.push('zero_vector');
    if (t.length) tags.set(r, t);
  }
  return { count, keyHi, keyLo, ids, stratumOf, strata, tagsOf: tags, caps: { non_ascii: 40, default: Infinity }, fraction: 0.15, minPerStratum: 5 };
}

/** The selection as it was before rankedRows: one comparator sort per tag and per stratum. */
function referenceSelect(inp: SelectionInput): SelectionResult {
  const { count, keyHi, keyLo, ids } = inp;
  const order = (a: number, b: number): number =>
    (keyHi[a] as number) - (keyHi[b] as number) || (keyLo[a] as number) - (keyLo[b] as number) || (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0);
  const chosen = new Uint8Array(count);
  const byTag = new Map<string, number[]>();
  for (const [row, tags] of inp.tagsOf) for (const t of tags) (byTag.get(t) ?? byTag.set(t, []).get(t)!).push(row);
  const tags: SelectionResult['tags'] = {};
  for (const [tag, rows] of [...byTag].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const cap = inp.caps[tag] ?? inp.caps.default ?? Infinity;
    rows.sort(order);
    const keep = rows.slice(0, cap);
    for (const r of keep) chosen[r] = 2;
    tags[tag] = { tagged: rows.length, kept: keep.length, cap };
  }
  const k = inp.strata.length;
  const sizes = new Array<number>(k).fill(0);
  const certain = new Array<number>(k).fill(0);
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let r = 0; r < count; r++) {
    const h = inp.stratumOf[r] as number;
    sizes[h]! += 1;
    if (chosen[r] === 2) certain[h]! += 1;
    else members[h]!.push(r);
  }
  const target = Math.round(inp.fraction * count);
  const certaintyTotal = certain.reduce((a, b) => a + b, 0);
  const canon = [...inp.strata.keys()].sort((a, b) => (inp.strata[a]! < inp.strata[b]! ? -1 : 1));
  const alloc = allocate(canon.map((h) => members[h]!.length), canon.map((h) => Math.max(0, inp.minPerStratum - certain[h]!)), Math.max(0, target - certaintyTotal));
  const strata: SelectionResult['strata'] = [];
  canon.forEach((h, i) => {
    const n = alloc[i] as number;
    const rows = members[h]!;
    if (n > 0) {
      rows.sort(order);
      for (let j = 0; j < n; j++) chosen[rows[j]!] = 1;
    }
    strata.push({ stratum: inp.strata[h]!, N: sizes[h]!, certainty: certain[h]!, n, inclusionProb: rows.length ? n / rows.length : 1 });
  });
  return { chosen, strata, target, tags };
}

test('rankedRows = a comparator sort, with runs of equal keyHi ordered by keyLo then id', () => {
  for (const seed of [1, 2, 3]) {
    const inp = randomInput(seed, 3000);
    const order = (a: number, b: number): number =>
      (inp.keyHi[a] as number) - (inp.keyHi[b] as number) || (inp.keyLo[a] as number) - (inp.keyLo[b] as number) || (inp.ids[a]! < inp.ids[b]! ? -1 : inp.ids[a]! > inp.ids[b]! ? 1 : 0);
    const expected = Uint32Array.from({ length: inp.count }, (_, r) => r).sort(order);
    assert.equal([...rankedRows(inp.count, inp.keyHi, order)], [...expected]);
  }
  assert.equal([...rankedRows(0, new Uint32Array(0), () => 0)], []);
});

test('selectRows = the comparator-sort selection (chosen rows, strata, tag counts)', () => {
  for (const seed of [4, 5, 6, 7]) {
    const inp = randomInput(seed, 2500);
    const got = selectRows(inp);
    const want = referenceSelect(inp);
    assert.equal([...got.chosen], [...want.chosen], `seed ${seed}`);
    assert.equal(got.strata, want.strata);
    assert.equal(got.tags, want.tags);
    assert.is(got.target, want.target);
  }
});

test('RowTagSets: tags in the order added, no repeats, equal lists shared, rows without tags skipped', () => {
  const t = new RowTagSets(5);
  const table = new TagListTable();
  assert.is(table.id([]), 0);
  assert.is(table.id(['a', 'b']), table.id(['a', 'b']));
  assert.is.not(table.id(['a', 'b']), table.id(['b', 'a']));
  assert.is.not(table.id(['a']), table.id(['a', 'b']));
  t.setList(1, t.listId(['x', 'y']));
  t.add(1, 'x');
  t.add(1, 'z');
  t.add(3, 'y');
  t.add(3, 'y');
  assert.equal(t.get(1), ['x', 'y', 'z']);
  assert.equal(t.get(3), ['y']);
  assert.is(t.get(0), undefined);
  assert.equal([...t], [[1, ['x', 'y', 'z']], [3, ['y']]]);
  // a list another row still has is not changed by add() on this one
  t.setList(4, t.listId(['x', 'y']));
  t.add(4, 'w');
  assert.equal(t.get(4), ['x', 'y', 'w']);
  assert.equal(t.get(1), ['x', 'y', 'z']);
});

test.run();
