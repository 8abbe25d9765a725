/**
 * Repeated ids in exact mode, decided before anything else looks at the rows: of the occurrences of an id, the
 * one whose (vector hash, record hash) is smallest is kept, the others are rejected as duplicate_id naming the
 * kept line. Identical records tie; the earliest is kept (they give the same sample either way). So which
 * occurrence counts (its stratum in N_h, its tags for certainty inclusion, its vector for duplicate_vector) depends
 * on the records, never on their order in the file.
 */
import { FirstRowTable } from './first-row-table.js';
import type { ScanResult } from './range-scan.js';

export interface RepeatedIdLosses {
  /** per scan, per valid row: the absolute line of the occurrence kept instead of it, 0 for a row that is kept */
  keptLine: Uint32Array[];
  /** per scan, per valid row: 1 when the kept occurrence is the same record (embedding, text and metadata) */
  sameRecord: Uint8Array[];
}

/** undefined when no id repeats (the common case: nothing to resolve). */
export function repeatedIdLosses(scans: readonly ScanResult[], bases: readonly number[]): RepeatedIdLosses | undefined {
  const total = scans.reduce((a, s) => a + s.count, 0);
  const single = scans.length === 1 ? scans[0] : undefined;
  const hi = single ? single.keyHi : new Uint32Array(total);
  const lo = single ? single.keyLo : new Uint32Array(total);
  const ids = single ? single.ids : scans.flatMap((s) => s.ids);
  const scanOf = new Uint32Array(scans.length + 1);
  let g0 = 0;
  scans.forEach((s, k) => {
    if (!single) {
      hi.set(s.keyHi, g0);
      lo.set(s.keyLo, g0);
    }
    g0 += s.count;
    scanOf[k + 1] = g0;
  });
  const table = new FirstRowTable(total);
  // the first row of each repeated id -> every occurrence (the first included), in file order
  let groups: Map<number, number[]> | undefined;
  for (let g = 0; g < total; g++) {
    const first = table.firstOf(g, hi, lo, hi[g] as number, lo[g] as number, ids, ids[g]);
    if (first < 0) continue;
    groups ??= new Map();
    const members = groups.get(first);
    if (members) members.push(g);
    else groups.set(first, [first, g]);
  }
  if (!groups) return undefined;
  const locate = (g: number): [ScanResult, number, number] => {
    let k = 0;
    while ((scanOf[k + 1] as number) <= g) k++;
    return [scans[k] as ScanResult, g - (scanOf[k] as number), k];
  };
  const keptLine = scans.map((s) => new Uint32Array(s.count));
  const sameRecord = scans.map((s) => new Uint8Array(s.count));
  for (const members of groups.values()) {
    const rec = members.map((g) => {
      const [s, i, k] = locate(g);
      return { k, i, line: (s.line[i] as number) + (bases[k] ?? 0), h: [s.vhHi[i], s.vhLo[i], s.rhHi[i], s.rhLo[i]] as number[] };
    });
    let best = rec[0]!;
    for (const r of rec) if (compareHashes(r.h, best.h) < 0) best = r;
    for (const r of rec) {
      if (r === best) continue;
      keptLine[r.k]![r.i] = best.line;
      sameRecord[r.k]![r.i] = compareHashes(r.h, best.h) === 0 ? 1 : 0;
    }
  }
  return { keptLine, sameRecord };
}

function compareHashes(a: readonly number[], b: readonly number[]): number {
  for (let j = 0; j < a.length; j++) if (a[j] !== b[j]) return (a[j] as number) - (b[j] as number);
  return 0;
}

/** The reject detail of an occurrence that is not kept. */
export function repeatedIdDetail(keptLine: number, same: boolean): string {
  return same
    ? `id already seen at line ${keptLine} with the same record; that occurrence is kept`
    : `id repeated with a different record; line ${keptLine} is kept (of differing occurrences the one with the smallest record hash, whatever the row order)`;
}
