/**
 * `pipelines.<name>.embedder`: validated once, with the strict Reader (unknown keys are errors; a key that looks
 * like a secret gets the "name the environment variable" hint), into a resolved EmbedderConfig.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { VecstageError, invalid } from '../../errors.js';
import type { Reader } from '../../config/validate.js';
import type { EmbedderConfig, SectionParser } from '../types.js';

export const EMBEDDER_KINDS = ['hashing', 'openai-compatible', 'module'] as const;

/** OpenAI's documented maximum of inputs per request. */
export const MAX_BATCH = 2048;

const HASHING_KEYS = ['kind', 'model', 'dimension', 'ngrams', 'seed', 'sublinearTf'] as const;
const REMOTE_KEYS = [
  'kind', 'url', 'model', 'dimension', 'sendDimensions', 'apiKeyEnv', 'authHeader', 'batch', 'concurrency',
  'timeoutMs', 'maxRetries', 'encodingFormat',
] as const;
const MODULE_KEYS = ['kind', 'module', 'model', 'dimension', 'batch', 'options'] as const;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const resolveEmbedder: SectionParser<EmbedderConfig> = (r, path, raw, configDir) => {
  const peek = r.object(raw, path, Object.keys((raw ?? {}) as object));
  // `{"module": "./embedders/mine.js"}` needs no kind; with a kind, it must be "module"
  const kind = peek.kind === undefined && peek.module !== undefined ? 'module' : r.oneOf(peek.kind, `${path}.kind`, EMBEDDER_KINDS);
  switch (kind) {
    case 'hashing':
      return hashing(r, path, r.object(raw, path, HASHING_KEYS));
    case 'openai-compatible':
      return remote(r, path, r.object(raw, path, REMOTE_KEYS));
    case 'module':
      return moduleEmbedder(r, path, r.object(raw, path, MODULE_KEYS), configDir);
  }
};

function hashing(r: Reader, path: string, o: Record<string, unknown>): EmbedderConfig {
  const dimension = o.dimension === undefined ? 256 : r.number(o.dimension, `${path}.dimension`, { integer: true, min: 2, max: 65536 });
  let ngrams: [number, number] = [1, 2];
  if (o.ngrams !== undefined) {
    const v = o.ngrams;
    const ok = Array.isArray(v) && v.length === 2 && v.every((n) => Number.isInteger(n) && n >= 1 && n <= 5) && (v[0] as number) <= (v[1] as number);
    if (!ok) throw invalid(`${path}.ngrams`, v, '[min, max] word n-gram sizes with 1 <= min <= max <= 5, e.g. [1, 2]', r.source);
    ngrams = [v[0] as number, v[1] as number];
  }
  return {
    kind: 'hashing',
    model: o.model === undefined ? `hashing-${dimension}` : r.string(o.model, `${path}.model`),
    dimension,
    ngrams,
    seed: o.seed === undefined ? 'vecstage' : r.string(o.seed, `${path}.seed`),
    sublinearTf: o.sublinearTf === undefined ? true : r.boolean(o.sublinearTf, `${path}.sublinearTf`),
  };
}

function remote(r: Reader, path: string, o: Record<string, unknown>): EmbedderConfig {
  const url = remoteUrl(r, `${path}.url`, o.url);
  const dimension = o.dimension === undefined ? undefined : r.number(o.dimension, `${path}.dimension`, { integer: true, min: 1, max: 65536 });
  const sendDimensions = o.sendDimensions === undefined ? false : r.boolean(o.sendDimensions, `${path}.sendDimensions`);
  if (sendDimensions && dimension === undefined) {
    throw new VecstageError('INPUT', `${path}.sendDimensions is true but ${path}.dimension is missing (${r.source}); allowed: a dimension to send, or sendDimensions false`);
  }
  return {
    kind: 'openai-compatible',
    url,
    model: r.string(o.model, `${path}.model`, { allowed: 'the provider\'s model name, e.g. "text-embedding-3-small"' }),
    dimension,
    sendDimensions,
    apiKeyEnv: o.apiKeyEnv === undefined ? undefined : envName(r, `${path}.apiKeyEnv`, o.apiKeyEnv),
    authHeader: o.authHeader === undefined ? 'bearer' : r.oneOf(o.authHeader, `${path}.authHeader`, ['bearer', 'api-key'] as const),
    batch: o.batch === undefined ? 128 : r.number(o.batch, `${path}.batch`, { integer: true, min: 1, max: MAX_BATCH }),
    concurrency: o.concurrency === undefined ? 4 : r.number(o.concurrency, `${path}.concurrency`, { integer: true, min: 1, max: 64 }),
    timeoutMs: o.timeoutMs === undefined ? 60_000 : r.number(o.timeoutMs, `${path}.timeoutMs`, { integer: true, min: 1, max: 600_000 }),
    maxRetries: o.maxRetries === undefined ? 6 : r.number(o.maxRetries, `${path}.maxRetries`, { integer: true, min: 0, max: 20 }),
    encodingFormat: o.encodingFormat === undefined ? 'float' : r.oneOf(o.encodingFormat, `${path}.encodingFormat`, ['float', 'base64'] as const),
  };
}

function remoteUrl(r: Reader, path: string, v: unknown): string {
  const s = r.string(v, path, { allowed: 'an http(s) URL, e.g. "https://api.openai.com/v1"' });
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    throw invalid(path, s, 'an http(s) URL, e.g. "https://api.openai.com/v1"', r.source);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw invalid(path, `${u.protocol}//...`, 'an http: or https: URL', r.source);
  if (u.username !== '' || u.password !== '') {
    // never echo it: the user part may be a credential
    throw new VecstageError('INPUT', `invalid ${path}: a URL with credentials in it (${r.source}); allowed: a URL without user:password@ (secrets never go in the config: name the environment variable that holds the key in apiKeyEnv)`);
  }
  return s;
}

/** An environment variable NAME. The value is not echoed on error: a key pasted here must not reach a log. */
function envName(r: Reader, path: string, v: unknown): string {
  if (typeof v === 'string' && ENV_NAME.test(v)) return v;
  throw new VecstageError(
    'INPUT',
    `invalid ${path}: ${typeof v === 'string' ? '(value not shown)' : JSON.stringify(v)} (${r.source}); allowed: the NAME of an environment variable (letters, digits, _), e.g. "OPENAI_API_KEY" (secrets never go in the config)`,
    { details: { name: path, where: r.source } },
  );
}

function moduleEmbedder(r: Reader, path: string, o: Record<string, unknown>, configDir: string): EmbedderConfig {
  if (o.kind !== undefined) r.oneOf(o.kind, `${path}.kind`, ['module'] as const);
  const module = r.string(o.module, `${path}.module`, { allowed: 'a path to a .js/.mjs file, relative to the config folder, e.g. "./embedders/mine.js"' });
  const file = isAbsolute(module) ? module : resolve(configDir, module);
  let source: Buffer;
  try {
    source = readFileSync(file);
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new VecstageError('INPUT', `invalid ${path}.module: ${JSON.stringify(module)} (${r.source}): cannot read it (${why}); allowed: a path to a .js/.mjs file, relative to the config folder`, { cause: err });
  }
  let options: Record<string, unknown> = {};
  if (o.options !== undefined) options = r.object(o.options, `${path}.options`, Object.keys((o.options ?? {}) as object));
  return {
    kind: 'module',
    module,
    path: file,
    sourceHash: createHash('sha256').update(source).digest('hex'),
    model: r.string(o.model, `${path}.model`, { allowed: 'the model name this module embeds with, recorded in index provenance' }),
    dimension: o.dimension === undefined ? undefined : r.number(o.dimension, `${path}.dimension`, { integer: true, min: 1, max: 65536 }),
    batch: o.batch === undefined ? 64 : r.number(o.batch, `${path}.batch`, { integer: true, min: 1, max: 65536 }),
    options,
  };
}
