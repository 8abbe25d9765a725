/**
 * Stratum sizes for a target: n_h = min(N_h, max(min_h, alloc_h)), proportional to N_h, with largest-remainder
 * (Hamilton) rounding so the sizes sum to the target. Strata whose proportional share is below their minimum are
 * fixed at the minimum and the rest re-shared among the others, until stable. Ties in the remainders go to the
 * earlier stratum (callers pass strata in a canonical order). Pure.
 */
export function allocate(sizes: readonly number[], minimums: readonly number[], target: number): number[] {
  const k = sizes.length;
  const mins = sizes.map((n, h) => Math.min(n, minimums[h] ?? 0));
  const total = sizes.reduce((a, b) => a + b, 0);
  const goal = Math.max(0, Math.min(Math.round(target), total));
  const fixed = new Array<boolean>(k).fill(false);
  const out = mins.slice();
  for (;;) {
    const fixedSum = out.reduce((a, n, h) => a + (fixed[h] ? n : 0), 0);
    const freeRows = sizes.reduce((a, n, h) => a + (fixed[h] ? 0 : n), 0);
    const left = goal - fixedSum;
    let changed = false;
    for (let h = 0; h < k; h++) {
      if (fixed[h]) continue;
      const quota = freeRows > 0 ? (left * (sizes[h] as number)) / freeRows : 0;
      if (quota <= (mins[h] as number)) {
        fixed[h] = true;
        out[h] = mins[h] as number;
        changed = true;
      }
    }
    if (changed) continue;
    if (left <= 0 || freeRows === 0) {
      for (let h = 0; h < k; h++) if (!fixed[h]) out[h] = mins[h] as number;
      return out;
    }
    const rem: Array<[number, number]> = [];
    let assigned = 0;
    for (let h = 0; h < k; h++) {
      if (fixed[h]) continue;
      const quota = (left * (sizes[h] as number)) / freeRows;
      const base = Math.min(sizes[h] as number, Math.floor(quota));
      out[h] = base;
      assigned += base;
      if (base < (sizes[h] as number)) rem.push([h, quota - base]);
    }
    rem.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    for (let i = 0; i < left - assigned && i < rem.length; i++) {
      const h = (rem[i] as [number, number])[0];
      out[h] = (out[h] as number) + 1;
    }
    return out;
  }
}
