/**
 * Reading an OpenAI embeddings response: `{ data: [{ index, embedding }], usage: { prompt_tokens } }`. `data` is
 * placed by `index`, not by position (the API does not promise order); an embedding is an array of numbers, or a
 * base64 string of little-endian float32 values (`encoding_format: "base64"`). Counts and dimensions are checked
 * here so nothing downstream sees a short or ragged batch.
 */
import { VecstageError } from '../../errors.js';
import type { EmbedResponse } from '../types.js';

export function parseEmbeddingsResponse(body: unknown, expected: number, where: string): EmbedResponse {
  const fail = (what: string): never => {
    throw new VecstageError('BACKEND_UNAVAILABLE', `${where} returned an unexpected response: ${what}`, { details: { retryable: false } });
  };
  if (body === null || typeof body !== 'object') return fail('not a JSON object');
  const data = (body as { data?: unknown }).data;
  if (!Array.isArray(data)) return fail('no data array');
  if (data.length !== expected) return fail(`${data.length} embeddings for ${expected} inputs`);
  const vectors: (Float32Array | undefined)[] = new Array(expected);
  let dim = -1;
  for (let i = 0; i < data.length; i++) {
    const item = data[i] as { index?: unknown; embedding?: unknown } | null;
    const index = item?.index ?? i;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= expected) return fail(`data[${i}].index ${JSON.stringify(index)} is not in 0..${expected - 1}`);
    if (vectors[index] !== undefined) return fail(`index ${index} appears twice`);
    const v = toVector(item?.embedding);
    if (v === undefined) return fail(`data[${i}].embedding is not an array of finite numbers or a base64 float32 string`);
    if (dim === -1) dim = v.length;
    else if (v.length !== dim) return fail(`embeddings of different dimensions in one response (${dim} and ${v.length})`);
    vectors[index] = v;
  }
  const usage = (body as { usage?: { prompt_tokens?: unknown; total_tokens?: unknown } }).usage;
  const t = usage?.prompt_tokens ?? usage?.total_tokens;
  return { vectors: vectors as Float32Array[], tokens: typeof t === 'number' && Number.isFinite(t) ? t : undefined };
}

function toVector(e: unknown): Float32Array | undefined {
  if (typeof e === 'string') return decodeBase64Float32(e);
  if (!Array.isArray(e) || e.length === 0) return undefined;
  const v = new Float32Array(e.length);
  for (let i = 0; i < e.length; i++) {
    const x = e[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) return undefined;
    v[i] = x;
  }
  return v;
}

/** base64 of little-endian float32 values, as the OpenAI API and SDKs encode them. */
export function decodeBase64Float32(s: string): Float32Array | undefined {
  const bytes = Buffer.from(s, 'base64');
  if (bytes.length === 0 || bytes.length % 4 !== 0) return undefined;
  const v = new Float32Array(bytes.length / 4);
  // one copy into the (aligned) vector's memory; readFloatLE per value cost 15% of the client's CPU at 384 dims
  if (isLittleEndian) new Uint8Array(v.buffer).set(bytes);
  else for (let i = 0; i < v.length; i++) v[i] = bytes.readFloatLE(i * 4);
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return undefined;
  return v;
}

const isLittleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
