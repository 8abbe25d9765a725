/**
 * The embedding stage: items (key, text) in, one vector per item out, in item order. Identical texts are
 * embedded once per call; each text is looked up in the cache first; the misses go out in batches of
 * `embedder.maxBatch`, at most `concurrency` calls in flight, optionally paced by a token bucket (`maxRps`), with
 * 429/5xx/connection/timeout failures retried (Retry-After honoured, else backoff with full jitter) under a retry
 * budget. Every vector, cached or new, is checked against the environment's dimension: the first mismatch is
 * refused naming both sides. New vectors go to the cache as they arrive, and the cache is flushed at the end
 * (also when the stage fails), so a failed or killed build keeps what it paid for.
 *
 * A batch the provider rejects as bad input (HTTP 400/413/422: an input too long, an empty string) is split in
 * halves until the offending input is alone, so the error can name its key; the inputs before it are embedded
 * and cached on the way. A 400 that blames another field of the request (the model, `dimensions`) is not split.
 */
import { VecstageError, isVecstageError } from '../../errors.js';
import { createBudget, type RetryBudget } from '../../load/retry.js';
import type { Embedder } from '../types.js';
import { textHash, type EmbedCache } from './embed-cache.js';
import { withEmbedRetry, type EmbedRetryPolicy } from './retry.js';
import { createTokenBucket, type TokenBucket } from './token-bucket.js';

export interface EmbedItem {
  key: string;
  text: string;
}

export interface EmbedStageOptions {
  embedder: Embedder;
  cache?: EmbedCache | undefined;
  /** calls in flight; @default the embedder config's concurrency (openai-compatible), else 1 */
  concurrency?: number;
  /** calls (attempts, retries included) per second, paced by a token bucket; @default unlimited */
  maxRps?: number | undefined;
  /** a bucket shared across stage calls (a build embeds in groups); overrides maxRps */
  rateLimiter?: TokenBucket;
  /** the environment's dimension: any other is refused */
  expectedDimension?: number | undefined;
  /** whose contract `expectedDimension` is, for the refusal, e.g. `environment "prod"`; @default the environment */
  contractLabel?: string;
  /** @default attempts = the config's maxRetries + 1 (openai-compatible; 1 otherwise), 250 ms base, 8 s cap, Retry-After capped at 60 s */
  retry?: Partial<EmbedRetryPolicy>;
  /** a budget shared across stage calls; @default a new one of `retryBudget` */
  budget?: RetryBudget;
  /** @default max(50, number of batches) */
  retryBudget?: number;
  /** done and total in items (a cache hit or a repeated text counts as done at once) */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  sleep?: (ms: number) => Promise<void>;
  /** ms clock for the rate limiter and `seconds`; @default performance.now */
  now?: () => number;
  random?: () => number;
}

export interface EmbedStageStats {
  items: number;
  uniqueTexts: number;
  /** unique texts found in the cache */
  cacheHits: number;
  /** calls to the embedder (HTTP requests for openai-compatible), retries and bisection included */
  calls: number;
  /** unique texts embedded by a call in this run */
  embedded: number;
  /** tokens the provider counted (0 when it does not say) */
  tokens: number;
  retries: number;
  retriesByReason: Record<string, number>;
  seconds: number;
}

export interface EmbedStageResult {
  vectors: Float32Array[];
  stats: EmbedStageStats;
}

const SPLITTABLE = new Set([400, 413, 422]);

/**
 * A rejection that one input (or the batch's size) can cause, so splitting the batch finds it: 400/413/422, unless
 * the provider blames another request field (OpenAI's `param`: "model", "dimensions", "encoding_format"), which
 * every smaller batch would fail on too.
 */
function isAboutInputs(err: unknown): err is VecstageError {
  if (!isVecstageError(err) || err.code !== 'INPUT' || !SPLITTABLE.has(err.details?.status as number)) return false;
  const param = err.details?.param;
  return typeof param !== 'string' || param.startsWith('input');
}

export async function embedTexts(items: readonly EmbedItem[], opts: EmbedStageOptions): Promise<EmbedStageResult> {
  const { embedder, cache } = opts;
  const now = opts.now ?? (() => performance.now());
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = opts.random ?? Math.random;
  const t0 = now();
  const cfg = embedder.config;
  const concurrency = Math.max(1, opts.concurrency ?? (cfg.kind === 'openai-compatible' ? cfg.concurrency : 1));
  const policy: EmbedRetryPolicy = {
    maxAttempts: (cfg.kind === 'openai-compatible' ? cfg.maxRetries : 0) + 1,
    baseMs: 250,
    capMs: 8000,
    retryAfterCapMs: 60_000,
    ...opts.retry,
  };
  const bucket = opts.rateLimiter ?? (opts.maxRps !== undefined ? createTokenBucket(opts.maxRps, { now, sleep }) : undefined);

  // dedupe: one slot per distinct text, items point at their slot
  const slotOf = new Map<string, number>();
  const texts: string[] = [];
  const firstKey: string[] = [];
  const weight: number[] = [];
  const itemSlot = new Int32Array(items.length);
  items.forEach((it, i) => {
    let s = slotOf.get(it.text);
    if (s === undefined) {
      s = texts.length;
      slotOf.set(it.text, s);
      texts.push(it.text);
      firstKey.push(it.key);
      weight.push(0);
    }
    weight[s] = (weight[s] as number) + 1;
    itemSlot[i] = s;
  });
  const vectors: (Float32Array | undefined)[] = new Array(texts.length);
  const hashes = cache ? texts.map(textHash) : [];
  const stats: EmbedStageStats = {
    items: items.length,
    uniqueTexts: texts.length,
    cacheHits: 0,
    calls: 0,
    embedded: 0,
    tokens: 0,
    retries: 0,
    retriesByReason: {},
    seconds: 0,
  };
  const label = opts.contractLabel === undefined ? "the environment's embedding contract" : `the embedding contract of ${opts.contractLabel}`;
  let observed: number | undefined;
  const check = (v: Float32Array, slot: number): void => {
    if (opts.expectedDimension !== undefined && v.length !== opts.expectedDimension) {
      throw new VecstageError(
        'REFUSED',
        `refused: embedder ${embedder.model} returned dimension ${v.length}, ${label} says ${opts.expectedDimension} (first seen on ${JSON.stringify(firstKey[slot])}); allowed: an embedder of dimension ${opts.expectedDimension}, or change the config's embedding section for every environment`,
        { details: { model: embedder.model, returned: v.length, expected: opts.expectedDimension, key: firstKey[slot] } },
      );
    }
    if (observed === undefined) observed = v.length;
    else if (v.length !== observed) {
      throw new VecstageError('INPUT', `embedder ${embedder.model} returned vectors of dimension ${observed} and ${v.length} (the latter for ${JSON.stringify(firstKey[slot])}); allowed: one dimension`);
    }
  };

  let done = 0;
  const misses: number[] = [];
  for (let s = 0; s < texts.length; s++) {
    const hit = cache?.get(hashes[s] as string);
    if (hit) {
      check(hit, s);
      vectors[s] = hit;
      stats.cacheHits++;
      done += weight[s] as number;
    } else misses.push(s);
  }
  opts.onProgress?.(done, items.length);

  const batches: number[][] = [];
  const size = Math.max(1, embedder.maxBatch);
  for (let i = 0; i < misses.length; i += size) batches.push(misses.slice(i, i + size));
  const budget = opts.budget ?? createBudget(opts.retryBudget ?? Math.max(50, batches.length));
  const deps = {
    sleep,
    random,
    onRetry: (reason: string) => {
      stats.retries++;
      stats.retriesByReason[reason] = (stats.retriesByReason[reason] ?? 0) + 1;
    },
  };

  const call = (slots: number[]) =>
    withEmbedRetry(
      async () => {
        if (opts.signal?.aborted) throw new VecstageError('INTERNAL', 'embedding aborted', { cause: opts.signal.reason, details: { retryable: false } });
        if (bucket) await bucket.take();
        stats.calls++;
        return embedder.embed(slots.map((s) => texts[s] as string), opts.signal);
      },
      policy,
      budget,
      deps,
    );

  const runBatch = async (slots: number[]): Promise<void> => {
    let res;
    try {
      res = await call(slots);
    } catch (err) {
      if (isAboutInputs(err)) {
        if (slots.length > 1) {
          const mid = Math.ceil(slots.length / 2);
          await runBatch(slots.slice(0, mid));
          await runBatch(slots.slice(mid));
          return;
        }
        throw rejectedInput(err, slots[0] as number);
      }
      throw withKeys(err, slots);
    }
    if (res.vectors.length !== slots.length) {
      throw withKeys(new VecstageError('INTERNAL', `embedder ${embedder.model} returned ${res.vectors.length} vectors for ${slots.length} texts`), slots);
    }
    slots.forEach((s, i) => {
      const v = res.vectors[i] as Float32Array;
      check(v, s);
      vectors[s] = v;
      if (cache) cache.put(hashes[s] as string, v);
      done += weight[s] as number;
    });
    stats.embedded += slots.length;
    stats.tokens += res.tokens ?? 0;
    opts.onProgress?.(done, items.length);
  };

  const rejectedInput = (err: VecstageError, slot: number): VecstageError => {
    const n = (weight[slot] as number) - 1;
    const also = n > 0 ? ` (and ${n} more item${n === 1 ? '' : 's'} with the same text)` : '';
    return new VecstageError('INPUT', `input ${JSON.stringify(firstKey[slot])}${also}, ${(texts[slot] as string).length} chars, was rejected: ${err.message}`, {
      cause: err,
      details: { ...err.details, keys: [firstKey[slot]] },
    });
  };
  // a failure that is about the batch's content (user code, a bad response) names the batch's keys
  const withKeys = (err: unknown, slots: number[]): unknown => {
    if (!isVecstageError(err) || (err.code !== 'INPUT' && err.code !== 'INTERNAL')) return err;
    const keys = slots.slice(0, 3).map((s) => JSON.stringify(firstKey[s]));
    const more = slots.length > 3 ? ` and ${slots.length - 3} more` : '';
    return new VecstageError(err.code, `${err.message} (the batch of ${slots.length}: ${keys.join(', ')}${more})`, {
      cause: err,
      details: { ...err.details, keys: slots.slice(0, 20).map((s) => firstKey[s]) },
    });
  };

  let next = 0;
  let failure: unknown;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < batches.length) {
      const b = batches[next++] as number[];
      try {
        await runBatch(b);
      } catch (err) {
        failure ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
  if (cache) {
    try {
      await cache.flush();
    } catch (err) {
      failure ??= err;
    }
  }
  if (failure !== undefined) throw failure;
  stats.seconds = (now() - t0) / 1000;
  const out = new Array<Float32Array>(items.length);
  for (let i = 0; i < items.length; i++) out[i] = vectors[itemSlot[i] as number] as Float32Array;
  return { vectors: out, stats };
}
