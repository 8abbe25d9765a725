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
  tagsOf: ReadonlyMap<number, readonly string[]>;
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
  // canonical stratum order (by name) so remainder ties do not depend on which stratum appeared first
  const canon = [...inp.strata.keys()].sort((a, b) => (inp.strata[a]! < inp.strata[b]! ? -1 : 1));
  const residual = canon.map((h) => members[h]!.length);
  const mins = canon.map((h) => Math.max(0, inp.minPerStratum - certain[h]!));
  const alloc = allocate(residual, mins, Math.max(0, target - certaintyTotal));
  const strata: StratumAllocation[] = [];
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
