/**
 * Joins range scans into exact mode's pass-1 state, in file order: absolute line numbers, repeated ids (of an id's
 * occurrences the one with the smallest record hash is kept, decided over all scans first: repeated-ids.ts; the
 * rejects name the kept line), duplicate vectors (the first row with a vector gets the tag when a later one repeats
 * it) and stratum numbering by first appearance. Because this is the only place that looks across ranges, one scan
 * of the whole file and N scans of its parts give the same state.
 */
import { SIGNATURE_WORDS } from '../detectors/near-duplicate.js';
import { FirstRowTable } from './first-row-table.js';
import { repeatedIdDetail, repeatedIdLosses } from './repeated-ids.js';
import { RowTagSets } from '../detectors/row-tag-sets.js';
import type { ScanResult } from './range-scan.js';
import type { Reject } from '../types.js';

export interface PassOneState {
  /** valid rows kept (repeated ids removed) */
  count: number;
  /** records read */
  records: number;
  ids: string[];
  /** per kept row: record number in the input (pass 2 without offsets) */
  recOf: Uint32Array;
  /** per kept row: byte span in the file, when the reader gave one */
  start: Float64Array | undefined;
  end: Float64Array | undefined;
  line: Uint32Array;
  keyHi: Uint32Array;
  keyLo: Uint32Array;
  stratumOf: Uint32Array;
  norm: Float64Array;
  zero: Uint8Array;
  vhHi: Uint32Array;
  vhLo: Uint32Array;
  sigs: Uint32Array;
  strata: string[];
  tagsOf: RowTagSets;
  /** sorted by line */
  rejects: Reject[];
  hasText: boolean;
}

export interface MergeOptions {
  idColumn: string;
  duplicateVector: boolean;
}

/** `bases[k]`: added to scan k's relative lines (0 for a scan that starts at the top of the file). */
export function mergeScans(scans: readonly ScanResult[], bases: readonly number[], opts: MergeOptions): PassOneState {
  const total = scans.reduce((a, s) => a + s.count, 0);
  const offsets = scans.every((s) => s.start.length === s.count);
  const st: PassOneState = {
    count: 0,
    records: 0,
    ids: [],
    recOf: new Uint32Array(total),
    start: offsets ? new Float64Array(total) : undefined,
    end: offsets ? new Float64Array(total) : undefined,
    line: new Uint32Array(total),
    keyHi: new Uint32Array(total),
    keyLo: new Uint32Array(total),
    stratumOf: new Uint32Array(total),
    norm: new Float64Array(total),
    zero: new Uint8Array(total),
    vhHi: new Uint32Array(total),
    vhLo: new Uint32Array(total),
    sigs: new Uint32Array(total * SIGNATURE_WORDS),
    strata: [],
    tagsOf: new RowTagSets(total),
    rejects: [],
    hasText: scans[0]?.hasText ?? false,
  };
  // the occurrences of repeated ids that are not kept; then the first kept row with each vector hash
  const losses = repeatedIdLosses(scans, bases);
  const firstByVector = new FirstRowTable(total);
  const stratumIndex = new Map<string, number>();
  const tags = st.tagsOf;
  scans.forEach((s, k) => {
    const base = bases[k] ?? 0;
    const recBase = st.records;
    st.records += s.records;
    for (const rj of s.rejects) st.rejects.push(base === 0 ? rj : { ...rj, line: rj.line + base });
    const localToGlobal = new Int32Array(s.strata.length).fill(-1);
    const listId = s.tagLists.map((l) => tags.listId(l));
    // where each of the scan's rows went (-1: a repeated id); the per-row arrays are copied after the loop
    const at = new Int32Array(s.count);
    const r0 = st.count;
    const keptLine = losses?.keptLine[k];
    const sameRecord = losses?.sameRecord[k];
    let t = 0;
    for (let i = 0; i < s.count; i++) {
      const id = s.ids[i] as string;
      const keyHi = s.keyHi[i] as number;
      const keyLo = s.keyLo[i] as number;
      const kept = keptLine ? (keptLine[i] as number) : 0;
      const local = t < s.tagRows.length && s.tagRows[t] === i ? (listId[s.tagListOf[t++] as number] as number) : 0;
      if (kept !== 0) {
        at[i] = -1;
        st.rejects.push({ line: (s.line[i] as number) + base, column: opts.idColumn, reason: 'duplicate_id', id, detail: repeatedIdDetail(kept, sameRecord?.[i] === 1) });
        continue;
      }
      const r = st.count++;
      at[i] = r;
      st.ids.push(id);
      // written now: later rows' look-ups read them (vector hashes)
      st.keyHi[r] = keyHi;
      st.keyLo[r] = keyLo;
      st.line[r] = (s.line[i] as number) + base;
      const ls = s.stratumOf[i] as number;
      let h = localToGlobal[ls] as number;
      if (h < 0) {
        const name = s.strata[ls] as string;
        h = stratumIndex.get(name) ?? -1;
        if (h < 0) {
          h = st.strata.length;
          stratumIndex.set(name, h);
          st.strata.push(name);
        }
        localToGlobal[ls] = h;
      }
      st.stratumOf[r] = h;
      const vhHi = s.vhHi[i] as number;
      const vhLo = s.vhLo[i] as number;
      st.vhHi[r] = vhHi;
      st.vhLo[r] = vhLo;
      let duplicate = false;
      if (opts.duplicateVector) {
        const prev = firstByVector.firstOf(r, st.vhHi, st.vhLo, vhHi, vhLo);
        if (prev >= 0) {
          duplicate = true;
          tags.add(prev, 'duplicate_vector');
        }
      }
      if (local !== 0) tags.setList(r, local);
      if (duplicate) tags.add(r, 'duplicate_vector');
    }
    copyRows(st, s, at, r0, recBase);
  });
  st.rejects.sort((a, b) => a.line - b.line);
  const n = st.count;
  return {
    ...st,
    recOf: st.recOf.subarray(0, n),
    start: st.start?.subarray(0, n),
    end: st.end?.subarray(0, n),
    line: st.line.subarray(0, n),
    keyHi: st.keyHi.subarray(0, n),
    keyLo: st.keyLo.subarray(0, n),
    stratumOf: st.stratumOf.subarray(0, n),
    norm: st.norm.subarray(0, n),
    zero: st.zero.subarray(0, n),
    vhHi: st.vhHi.subarray(0, n),
    vhLo: st.vhLo.subarray(0, n),
    sigs: st.sigs.subarray(0, n * SIGNATURE_WORDS),
  };
}

/**
 * Copies a scan's per-row numbers that no look-up needs during the merge (record numbers, byte spans, norms,
 * zero flags, signatures) to the rows they went to: whole ranges at once when no row was dropped.
 */
function copyRows(st: PassOneState, s: ScanResult, at: Int32Array, r0: number, recBase: number): void {
  const n = s.count;
  const kept = n === 0 || at[n - 1] === r0 + n - 1;
  const W = SIGNATURE_WORDS;
  if (kept) {
    for (let i = 0; i < n; i++) st.recOf[r0 + i] = recBase + (s.rec[i] as number);
    if (st.start && st.end) {
      st.start.set(s.start.subarray(0, n), r0);
      st.end.set(s.end.subarray(0, n), r0);
    }
    st.norm.set(s.norm.subarray(0, n), r0);
    st.zero.set(s.zero.subarray(0, n), r0);
    st.sigs.set(s.sigs.subarray(0, n * W), r0 * W);
    return;
  }
  for (let i = 0; i < n; i++) {
    const r = at[i] as number;
    if (r < 0) continue;
    st.recOf[r] = recBase + (s.rec[i] as number);
    if (st.start && st.end) {
      st.start[r] = s.start[i] as number;
      st.end[r] = s.end[i] as number;
    }
    st.norm[r] = s.norm[i] as number;
    st.zero[r] = s.zero[i] as number;
    for (let w = 0; w < W; w++) st.sigs[r * W + w] = s.sigs[i * W + w] as number;
  }
}
