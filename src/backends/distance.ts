/**
 * The distance convention (src/backends/types.ts), lower is closer:
 *   cosine: 1 - cos(a, b)      ip: 1 - a.b      l2: squared Euclidean distance
 *
 * `exactDistance` is the float64 reference every exact search ranks by. Its summation order (8 interleaved
 * lanes, lane = i mod 8, then the pairwise tree ((l0+l1)+(l2+l3))+((l4+l5)+(l6+l7))) is mirrored bit for bit by the
 * native kernel (src/kernel/native/kernel.cc, compiled without FP contraction), so the native and the portable
 * kernels return identical distances and identical tie order.
 */
import type { Metric } from '../config/types.js';

/** float64 distance between a[aOff..aOff+dim) and b[bOff..bOff+dim) under `metric`. */
export function exactDistance(metric: Metric, a: Float32Array, aOff: number, b: Float32Array, bOff: number, dim: number): number {
  if (metric === 'l2') return sumLanes(a, aOff, b, bOff, dim, true);
  const dot = sumLanes(a, aOff, b, bOff, dim, false);
  if (metric === 'ip') return 1 - dot;
  const aa = sumLanes(a, aOff, a, aOff, dim, false);
  const bb = sumLanes(b, bOff, b, bOff, dim, false);
  // A zero vector has no direction: it is treated as orthogonal to everything (cos = 0).
  if (aa === 0 || bb === 0) return 1;
  return 1 - dot / (Math.sqrt(aa) * Math.sqrt(bb));
}

function sumLanes(a: Float32Array, aOff: number, b: Float32Array, bOff: number, dim: number, diff: boolean): number {
  let l0 = 0, l1 = 0, l2 = 0, l3 = 0, l4 = 0, l5 = 0, l6 = 0, l7 = 0;
  const lanes = [0, 0, 0, 0, 0, 0, 0, 0];
  let i = 0;
  for (; i + 8 <= dim; i += 8) {
    const x = aOff + i;
    const y = bOff + i;
    if (diff) {
      const d0 = a[x]! - b[y]!, d1 = a[x + 1]! - b[y + 1]!, d2 = a[x + 2]! - b[y + 2]!, d3 = a[x + 3]! - b[y + 3]!;
      const d4 = a[x + 4]! - b[y + 4]!, d5 = a[x + 5]! - b[y + 5]!, d6 = a[x + 6]! - b[y + 6]!, d7 = a[x + 7]! - b[y + 7]!;
      l0 += d0 * d0; l1 += d1 * d1; l2 += d2 * d2; l3 += d3 * d3;
      l4 += d4 * d4; l5 += d5 * d5; l6 += d6 * d6; l7 += d7 * d7;
    } else {
      l0 += a[x]! * b[y]!; l1 += a[x + 1]! * b[y + 1]!; l2 += a[x + 2]! * b[y + 2]!; l3 += a[x + 3]! * b[y + 3]!;
      l4 += a[x + 4]! * b[y + 4]!; l5 += a[x + 5]! * b[y + 5]!; l6 += a[x + 6]! * b[y + 6]!; l7 += a[x + 7]! * b[y + 7]!;
    }
  }
  lanes[0] = l0; lanes[1] = l1; lanes[2] = l2; lanes[3] = l3; lanes[4] = l4; lanes[5] = l5; lanes[6] = l6; lanes[7] = l7;
  for (let j = 0; i < dim; i++, j++) {
    const p = diff ? a[aOff + i]! - b[bOff + i]! : a[aOff + i]!;
    lanes[j] = lanes[j]! + p * (diff ? p : b[bOff + i]!);
  }
  return (lanes[0]! + lanes[1]! + (lanes[2]! + lanes[3]!)) + (lanes[4]! + lanes[5]! + (lanes[6]! + lanes[7]!));
}

/** Converts a backend similarity score to the convention: cosine similarity and dot product become 1 - s. */
export function distanceFromSimilarity(metric: Metric, similarity: number): number {
  return metric === 'l2' ? similarity : 1 - similarity;
}

/** The inverse of distanceFromSimilarity (l2 distances are already distances and pass through). */
export function similarityFromDistance(metric: Metric, distance: number): number {
  return metric === 'l2' ? distance : 1 - distance;
}

/** Ranking order: distance ascending, then index ascending, so equal distances always come out the same way. */
export function compareRanked(da: number, ia: number, db: number, ib: number): number {
  return da < db ? -1 : da > db ? 1 : ia - ib;
}
