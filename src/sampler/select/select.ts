/**
 * Exact-mode selection over pass-1 state (pure). Tagged rows are kept with certainty, at most `cap` per tag,
 * the rows with the smallest u first so caps do not depend on input order. The stratified part is drawn from
 * the remaining rows: the target round(fraction * N) minus the certainty rows, allocated over strata by
 * allocate(), and in each stratum the n_h smallest u are kept (bottom-k by hash: Cohen & Kaplan 2007).
 * Inclusion probability of a stratified row: n_h / R_h (R_h = stratum rows not kept with certainty).
 */
import { allocate } from './allocate.js';

export interface SelectionInput {
  count: number;
  keyHi: Uint32Array;
  keyLo: Uint32Array;
  ids: readonly string[];
  stratumOf: Uint32Array;
  strata: readonly string[];
  /** the rows with tags (a Map from row to tags will do) */
  tagsOf: Iterable<readonly [number, readonly string[]]>;
  /** tags granting certainty (Bernoulli mode excludes global ones; exact mode: all) */
  caps: Record<string, number>;
  fraction: number;
  minPerStratum: number;
}

export interface StratumAllocation {
  stratum: string;
  N: number;
  /** rows kept with certainty (edge cases) in this stratum */
  certainty: number;
  /** stratified rows kept */
  n: number;
  inclusionProb: number;
}

export interface SelectionResult {
  /** per row: 0 not selected, 1 stratified, 2 certainty */
  chosen: Uint8Array;
  strata: StratumAllocation[];
  target: number;
  tags: Record<string, { tagged: number; kept: number; cap: number }>;
}

export function selectRows(inp: SelectionInput): SelectionResult {
  const { count, keyHi, keyLo, ids } = inp;
  const order = (a: number, b: number): number =>
    (keyHi[a] as number) - (keyHi[b] as number) || (keyLo[a] as number) - (keyLo[b] as number) || (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0);
  // every row's place in that order, from one sort: each tag's and each stratum's rows are then taken in it
  const ranked = rankedRows(count, keyHi, order);
  const rank = new Uint32Array(count);
  for (let i = 0; i < count; i++) rank[ranked[i] as number] = i;
  const chosen = new Uint8Array(count);
  const byTag = new Map<string, number[]>();
  for (const [row, tags] of inp.tagsOf) for (const t of tags) (byTag.get(t) ?? byTag.set(t, []).get(t)!).push(rank[row] as number);
  const tags: SelectionResult['tags'] = {};
  for (const [tag, ranks] of [...byTag].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const cap = inp.caps[tag] ?? inp.caps.default ?? Infinity;
    const keep = Uint32Array.from(ranks).sort().subarray(0, Math.min(cap, ranks.length));
    for (const i of keep) chosen[ranked[i] as number] = 2;
    tags[tag] = { tagged: ranks.length, kept: keep.length, cap };
  }
  const k = inp.strata.length;
  const sizes = new Array<number>(k).fill(0);
  const certain = new Array<number>(k).fill(0);
  // each stratum's rows not kept with certainty, in order
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < count; i++) {
    const r = ranked[i] as number;
    const h = inp.stratumOf[r] as number;
    sizes[h]! += 1;
    if (chosen[r] === 2) certain[h]! += 1;
    else members[h]!.push(r);
  }
  const target = Math.round(inp.fraction * count);
  const certaintyTotal = certain.reduce((a, b) => a + b, 0);
  // canonical stratum order (by name) so remainder ties do not depend on which stratum appeared first
  const canon = [...inp.strata.keys()].sort((a, b) => (inp.strata[a]! < inp.strata[b]! ? -1 : 1));
  const residual = canon.map((h) => members[h]!.length);
  const mins = canon.map((h) => Math.max(0, inp.minPerStratum - certain[h]!));
  const alloc = allocate(residual, mins, Math.max(0, target - certaintyTotal));
  const strata: StratumAllocation[] = [];
  canon.forEach((h, i) => {
    const n = alloc[i] as number;
    const rows = members[h]!;
    for (let j = 0; j < n; j++) chosen[rows[j]!] = 1;
    strata.push({ stratum: inp.strata[h]!, N: sizes[h]!, certainty: certain[h]!, n, inclusionProb: rows.length ? n / rows.length : 1 });
  });
  return { chosen, strata, target, tags };
}

/** Rows up to this count are ranked by one numeric sort of keyHi * RANK_SPAN + row (exact in a double). */
const RANK_SPAN = 2 ** 21;

/**
 * The rows 0..count-1 sorted by `order`, whose first criterion is keyHi: a typed-array sort of keyHi and the row
 * packed in one double (no comparator calls), then the rare runs of equal keyHi (about count^2 / 2^33 pairs)
 * sorted by `order` itself. Beyond RANK_SPAN rows, one comparator sort.
 */
export function rankedRows(count: number, keyHi: Uint32Array, order: (a: number, b: number) => number): Uint32Array {
  if (count > RANK_SPAN) return Uint32Array.from({ length: count }, (_, r) => r).sort(order);
  const packed = new Float64Array(count);
  for (let r = 0; r < count; r++) packed[r] = (keyHi[r] as number) * RANK_SPAN + r;
  packed.sort();
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) out[i] = (packed[i] as number) % RANK_SPAN;
  for (let i = 0; i < count; ) {
    const h = keyHi[out[i] as number];
    let j = i + 1;
    while (j < count && keyHi[out[j] as number] === h) j++;
    if (j - i > 1) out.subarray(i, j).sort(order);
    i = j;
  }
  return out;
}
