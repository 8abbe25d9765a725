/**
 * `pipelines.<name>.chunker`: validated once, with the strict Reader (unknown keys are errors naming the key path
 * and the allowed keys), into a resolved ChunkerConfig.
 *
 * Built-in kinds (user-facing keys; every chunk is a slice of the document, offsets exact):
 * - `{"kind": "fixed", "size": N}`: consecutive windows of N units.
 * - `{"kind": "sliding-window", "size": N, "overlap": M}`: windows of N units every N - M units.
 * - `{"kind": "sentence", "size": N, "overlap": M}`: whole sentences packed up to N units, M units of trailing
 *   whole sentences carried into the next chunk.
 * - `{"kind": "recursive", "size": N, "overlap": M, "separators": [...]}`: LangChain's recursive splitter.
 * - `{"module": "./chunkers/mine.js", "options": {...}}`: user code, resolved against the config's folder.
 *
 * Keys of the built-in kinds:
 * - `size`: required, an integer 1..10,000,000 (units per chunk, at most).
 * - `overlap` (not for fixed): an integer >= 0 and < size. @default 0
 * - `unit`: `chars` (UTF-16 code units), `words` (whitespace-delimited words) or `tokens` (BPE tokens). @default "chars"
 * - `encoding` (unit tokens only): cl100k_base, o200k_base, p50k_base or r50k_base. @default "cl100k_base"
 * - `separators` (recursive only): non-empty list of strings, `""` (cut anywhere) only last.
 *   @default ["\n# ", "\n## ", "\n### ", "\n\n", "\n", ". ", "。", " ", ""] (headings, paragraphs, lines, sentences, words)
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { VecstageError, invalid } from '../../errors.js';
import type { Reader } from '../../config/validate.js';
import { CHUNK_UNITS, TOKEN_ENCODINGS, type ChunkerConfig, type SectionParser, type TokenEncoding } from '../types.js';

export const CHUNKER_KINDS = ['fixed', 'sliding-window', 'sentence', 'recursive', 'module'] as const;
type BuiltInKind = Exclude<(typeof CHUNKER_KINDS)[number], 'module'>;

export const DEFAULT_SEPARATORS: readonly string[] = ['\n# ', '\n## ', '\n### ', '\n\n', '\n', '. ', '。', ' ', ''];
export const DEFAULT_ENCODING: TokenEncoding = 'cl100k_base';
export const MAX_SIZE = 10_000_000;
const MAX_SEPARATORS = 64;

const KEYS: Record<BuiltInKind, readonly string[]> = {
  fixed: ['kind', 'size', 'unit', 'encoding'],
  'sliding-window': ['kind', 'size', 'overlap', 'unit', 'encoding'],
  sentence: ['kind', 'size', 'overlap', 'unit', 'encoding'],
  recursive: ['kind', 'size', 'overlap', 'unit', 'encoding', 'separators'],
};
const MODULE_KEYS = ['kind', 'module', 'options'] as const;
const EXAMPLE = '{"kind": "sliding-window", "size": 512, "overlap": 64, "unit": "chars"} or {"module": "./chunkers/mine.js"}';

export const resolveChunker: SectionParser<ChunkerConfig> = (r, path, raw, configDir) => {
  const peek = r.object(raw, path, Object.keys((raw ?? {}) as object));
  if (peek.kind === undefined && peek.module === undefined) {
    throw new VecstageError('INPUT', `missing key ${path}.kind (${r.source}); allowed: ${CHUNKER_KINDS.join(', ')}, e.g. ${EXAMPLE}`, {
      details: { key: `${path}.kind`, allowed: CHUNKER_KINDS },
    });
  }
  // `{"module": "./chunkers/mine.js"}` needs no kind; with a kind, it must be "module"
  const kind = peek.kind === undefined ? 'module' : r.oneOf(peek.kind, `${path}.kind`, CHUNKER_KINDS);
  if (kind === 'module') return moduleChunker(r, path, r.object(raw, path, MODULE_KEYS), configDir);
  return builtIn(r, path, kind, r.object(raw, path, KEYS[kind]));
};

function builtIn(r: Reader, path: string, kind: BuiltInKind, o: Record<string, unknown>): ChunkerConfig {
  if (o.size === undefined) throw new VecstageError('INPUT', `missing key ${path}.size (${r.source}); allowed: an integer 1..${MAX_SIZE} (units per chunk), e.g. ${EXAMPLE}`);
  const size = r.number(o.size, `${path}.size`, { integer: true, min: 1, max: MAX_SIZE });
  const unit = o.unit === undefined ? 'chars' : r.oneOf(o.unit, `${path}.unit`, CHUNK_UNITS);
  const encoding = tokenEncoding(r, path, unit, o.encoding);
  const withEncoding = encoding === undefined ? {} : { encoding };
  if (kind === 'fixed') return { kind, size, unit, ...withEncoding };
  const overlap = o.overlap === undefined ? 0 : r.number(o.overlap, `${path}.overlap`, { integer: true, min: 0 });
  if (overlap >= size) throw invalid(`${path}.overlap`, overlap, `an integer >= 0 and < ${path}.size (${size})`, r.source);
  if (kind === 'recursive') return { kind, size, overlap, unit, separators: separators(r, `${path}.separators`, o.separators), ...withEncoding };
  return { kind, size, overlap, unit, ...withEncoding };
}

function tokenEncoding(r: Reader, path: string, unit: string, v: unknown): TokenEncoding | undefined {
  if (unit !== 'tokens') {
    if (v !== undefined) throw invalid(`${path}.encoding`, v, `no encoding unless ${path}.unit is "tokens"`, r.source);
    return undefined;
  }
  return v === undefined ? DEFAULT_ENCODING : r.oneOf(v, `${path}.encoding`, TOKEN_ENCODINGS);
}

function separators(r: Reader, path: string, v: unknown): string[] {
  if (v === undefined) return [...DEFAULT_SEPARATORS];
  const allowed = `a list of 1..${MAX_SEPARATORS} strings, "" only last, e.g. ["\\n\\n", "\\n", ". ", " ", ""]`;
  if (!Array.isArray(v) || v.length === 0 || v.length > MAX_SEPARATORS) throw invalid(path, v, allowed, r.source);
  v.forEach((s, i) => {
    if (typeof s !== 'string') throw invalid(`${path}[${i}]`, s, allowed, r.source);
    // "" splits between any two characters: a separator after it could never be reached
    if (s === '' && i !== v.length - 1) throw invalid(`${path}[${i}]`, s, allowed, r.source);
  });
  return [...(v as string[])];
}

function moduleChunker(r: Reader, path: string, o: Record<string, unknown>, configDir: string): ChunkerConfig {
  const allowed = 'a path to a .js/.mjs file, relative to the config folder, e.g. "./chunkers/mine.js"';
  const module = r.string(o.module, `${path}.module`, { allowed });
  const file = isAbsolute(module) ? module : resolve(configDir, module);
  let source: Buffer;
  try {
    if (!statSync(file).isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOTFILE' });
    source = readFileSync(file);
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new VecstageError('INPUT', `invalid ${path}.module: ${JSON.stringify(module)} (${r.source}): cannot read it (${why}); allowed: ${allowed}`, {
      cause: err,
      details: { name: `${path}.module`, where: r.source, allowed },
    });
  }
  const options = o.options === undefined ? {} : r.object(o.options, `${path}.options`, Object.keys((o.options ?? {}) as object));
  return { kind: 'module', module, path: file, sourceHash: createHash('sha256').update(source).digest('hex'), options };
}
