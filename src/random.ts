/** A source of uniform numbers in [0, 1); injectable so resampling is deterministic in tests. */
export type Random = () => number;

/** mulberry32 (Tommy Ettinger): a small, fast 32-bit seeded generator; good enough for resampling, not crypto. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
