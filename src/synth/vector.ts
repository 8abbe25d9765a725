import type { ExportPlan } from './plan.js';
import { ROW_STREAM_BASE } from './plan.js';
import { gaussianFill, pickCumulative, type Random } from './random.js';
import { LANGS } from './vocab.js';

/** streams per row: 0 vector, 1 text and metadata, 2 injection details */
export const STREAMS_PER_ROW = 4;

export function rowRandom(plan: ExportPlan, i: number, purpose: 0 | 1 | 2): Random {
  const o = plan.options;
  return o.random(o.seed, ROW_STREAM_BASE + i * STREAMS_PER_ROW + purpose);
}

/**
 * The clean embedding of row i: a centre drawn from its (tenant, lang) topic mix plus isotropic gaussian noise of
 * norm about `spread`, normalised to unit length and rounded to float32. A pure function of (plan, i), so an
 * injection can regenerate the vector of the row it copies.
 */
export function cleanVector(plan: ExportPlan, i: number): Float32Array {
  const { dim, spread } = plan.options;
  const r = rowRandom(plan, i, 0);
  const mix = plan.topics[(plan.tenant[i] as number) * LANGS.length + (plan.lang[i] as number)];
  const c = mix ? (mix.clusters[pickCumulative(r, mix.cumulative)] as number) : 0;
  const noise = new Float64Array(dim);
  gaussianFill(r, noise, spread / Math.sqrt(dim));
  for (let d = 0; d < dim; d++) noise[d] = (noise[d] as number) + (plan.centers[c * dim + d] as number);
  return normalised(noise);
}

export function normalised(v: ArrayLike<number>, scale = 1): Float32Array {
  const n = l2(v);
  const out = new Float32Array(v.length);
  if (n === 0) return out;
  for (let d = 0; d < v.length; d++) out[d] = ((v[d] as number) / n) * scale;
  return out;
}

export function l2(v: ArrayLike<number>): number {
  let s = 0;
  for (let d = 0; d < v.length; d++) s += (v[d] as number) * (v[d] as number);
  return Math.sqrt(s);
}

/** a copy of v moved by gaussian noise of norm about `eps`, renormalised: cosine similarity about 1 - eps^2/2 */
export function nearCopy(v: Float32Array, r: Random, eps: number): Float32Array {
  const noise = new Float64Array(v.length);
  gaussianFill(r, noise, eps / Math.sqrt(v.length));
  for (let d = 0; d < v.length; d++) noise[d] = (noise[d] as number) + (v[d] as number);
  return normalised(noise);
}
