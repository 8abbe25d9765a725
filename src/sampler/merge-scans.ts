/**
 * Joins range scans into exact mode's pass-1 state, in file order: absolute line numbers, repeated ids (the
 * first occurrence is kept; the reject names its line), duplicate vectors (the first row with a vector gets
 * the tag when a later one repeats it) and stratum numbering by first appearance. Because this is the only
 * place that looks across ranges, one scan of the whole file and N scans of its parts give the same state.
 */
import { SIGNATURE_WORDS } from './detectors/near-duplicate.js';
import { FirstRowTable } from './first-row-table.js';
import type { ScanResult } from './range-scan.js';
import type { Reject } from './types.js';

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
  tagsOf: Map<number, string[]>;
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
    tagsOf: new Map(),
    rejects: [],
    hasText: scans[0]?.hasText ?? false,
  };
  // the first kept row with each id (by its selection key, confirmed by the id) and with each vector hash
  const firstById = new FirstRowTable(total);
  const firstByVector = new FirstRowTable(total);
  const stratumIndex = new Map<string, number>();
  scans.forEach((s, k) => {
    const base = bases[k] ?? 0;
    const recBase = st.records;
    st.records += s.records;
    for (const rj of s.rejects) st.rejects.push(base === 0 ? rj : { ...rj, line: rj.line + base });
    const localToGlobal = new Int32Array(s.strata.length).fill(-1);
    let t = 0;
    for (let i = 0; i < s.count; i++) {
      const line = (s.line[i] as number) + base;
      const id = s.ids[i] as string;
      let local: string[] | undefined;
      while (t < s.tags.length && s.tags[t]![0] <= i) {
        if (s.tags[t]![0] === i) local = s.tags[t]![1];
        t++;
      }
      const keyHi = s.keyHi[i] as number;
      const keyLo = s.keyLo[i] as number;
      const first = firstById.firstOf(st.count, st.keyHi, st.keyLo, keyHi, keyLo, st.ids, id);
      if (first >= 0) {
        st.rejects.push({ line, column: opts.idColumn, reason: 'duplicate_id', id, detail: `id already seen at line ${st.line[first]}; the first occurrence is kept` });
        continue;
      }
      const r = st.count++;
      st.ids.push(id);
      st.recOf[r] = recBase + (s.rec[i] as number);
      if (st.start && st.end) {
        st.start[r] = s.start[i] as number;
        st.end[r] = s.end[i] as number;
      }
      st.line[r] = line;
      st.keyHi[r] = keyHi;
      st.keyLo[r] = keyLo;
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
      st.norm[r] = s.norm[i] as number;
      st.zero[r] = s.zero[i] as number;
      const vhHi = s.vhHi[i] as number;
      const vhLo = s.vhLo[i] as number;
      st.vhHi[r] = vhHi;
      st.vhLo[r] = vhLo;
      for (let w = 0; w < SIGNATURE_WORDS; w++) st.sigs[r * SIGNATURE_WORDS + w] = s.sigs[i * SIGNATURE_WORDS + w] as number;
      let duplicate = false;
      if (opts.duplicateVector) {
        const prev = firstByVector.firstOf(r, st.vhHi, st.vhLo, vhHi, vhLo);
        if (prev >= 0) {
          duplicate = true;
          addTag(st.tagsOf, prev, 'duplicate_vector');
        }
      }
      if (local) for (const tag of local) addTag(st.tagsOf, r, tag);
      if (duplicate) addTag(st.tagsOf, r, 'duplicate_vector');
    }
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

export function addTag(map: Map<number, string[]>, row: number, tag: string): void {
  const tags = map.get(row);
  if (!tags) map.set(row, [tag]);
  else if (!tags.includes(tag)) tags.push(tag);
}
