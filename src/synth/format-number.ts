/**
 * Fixed-point text for embedding components: 7 decimals (6-7 significant digits for the typical |x| in 0.01..1 of
 * a unit vector; float32 carries about 7). Table-driven, because Number#toFixed costs ~4x more and a 100k x 768
 * export prints 77 million numbers. Non-finite values print as Python's json module does (NaN, Infinity).
 */
const FOUR = Array.from({ length: 10000 }, (_, i) => String(i).padStart(4, '0'));
const POS = Array.from({ length: 1000 }, (_, i) => `0.${String(i).padStart(3, '0')}`);
const NEG = Array.from({ length: 1000 }, (_, i) => `-0.${String(i).padStart(3, '0')}`);
/** below this magnitude, rounding to 7 decimals stays under 1 (0.99999995 would round up to 1.0000000) */
const LIMIT = 0.99999995;

export function formatComponent(x: number): string {
  if (x >= 0) {
    if (x < LIMIT) {
      const n = Math.round(x * 1e7);
      const hi = (n / 1e4) | 0;
      return (POS[hi] as string) + (FOUR[n - hi * 1e4] as string);
    }
  } else if (x > -LIMIT) {
    const n = Math.round(-x * 1e7);
    const hi = (n / 1e4) | 0;
    // -0.0000000 is valid JSON and parses to -0, which equals 0
    return (NEG[hi] as string) + (FOUR[n - hi * 1e4] as string);
  }
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  return x.toFixed(7);
}

/** `[c0,c1,...]`: a JSON array (unless it holds NaN/Infinity, which Python's json.dumps also writes) */
export function formatVector(v: ArrayLike<number>): string {
  let s = '[';
  for (let d = 0; d < v.length; d++) s += (d === 0 ? '' : ',') + formatComponent(v[d] as number);
  return `${s}]`;
}
