/** Readers for ../shared/data (TEXMEX .fvecs/.ivecs); tests skip with a message when the folder is absent. */
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export const SHARED_DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

export function sharedDataMissing(sub: string): string | undefined {
  return existsSync(`${SHARED_DATA}${sub}`) ? undefined : `reference data ../shared/data/${sub} is absent (a user's checkout has no shared/)`;
}

export interface Vecs<T extends Float32Array | Int32Array> {
  n: number;
  dim: number;
  data: T;
}

function readVecs<T extends Float32Array | Int32Array>(path: string, make: (buf: ArrayBuffer, off: number, len: number) => T): Vecs<T> {
  const buf = readFileSync(path);
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  const view = new DataView(ab);
  const dim = view.getInt32(0, true);
  const rec = 4 + dim * 4;
  const n = buf.byteLength / rec;
  const first = make(new ArrayBuffer(0), 0, 0);
  const data = new (first.constructor as new (len: number) => T)(n * dim);
  for (let i = 0; i < n; i++) {
    if (view.getInt32(i * rec, true) !== dim) throw new Error(`${path}: record ${i} has another dimension`);
    data.set(make(ab, i * rec + 4, dim), i * dim);
  }
  return { n, dim, data };
}

export const readFvecs = (path: string) => readVecs(path, (b, o, l) => new Float32Array(b, o, l));
export const readIvecs = (path: string) => readVecs(path, (b, o, l) => new Int32Array(b, o, l));

/** float64 squared L2, the reference the project's l2 convention uses. */
export function squaredL2(a: Float32Array, aOff: number, b: Float32Array, bOff: number, dim: number): number {
  let s = 0;
  for (let i = 0; i < dim; i++) {
    const d = a[aOff + i]! - b[bOff + i]!;
    s += d * d;
  }
  return s;
}

/** Writes vectors as JSONL rows `{"id":"<prefix><i>","embedding":[...]}`, the input `vecstage import` takes. */
export async function writeVecsJsonl(path: string, v: Vecs<Float32Array>, prefix: string): Promise<void> {
  const out = createWriteStream(path);
  for (let i = 0; i < v.n; i++) {
    const line = `{"id":"${prefix}${i}","embedding":[${Array.from(v.data.subarray(i * v.dim, (i + 1) * v.dim)).join(',')}]}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
