import * as assert from 'uvu/assert';

/** Equality up to floating-point rounding (interpolation steps like 2.7 - 2 are not exact in binary). */
export function close(actual: number | undefined, expected: number, msg = '', eps = 1e-9): void {
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= eps * Math.max(1, Math.abs(expected)), `${msg} expected ${expected}, got ${actual}`);
}
