/**
 * The public verbs: sample() and importRows(). They resolve options (flags over spec over config) into a
 * ResolvedRun, check everything that can be checked before reading data (so bad input exits 2 and leaves no
 * output folder), then hand over to the exact or Bernoulli runner.
 */
import { invalid, VecstageError } from '../errors.js';
import { runBernoulli } from './bernoulli.js';
import { runExact } from './exact.js';
import { loadFixtureIds } from './spec/fixture-ids.js';
import { describeInput } from './input/input.js';
import type { SampleManifest } from './write/manifest.js';
import { checkOutputDir } from './write/output-dir.js';
import type { ProgressSink } from './progress.js';
import type { ResolvedRun } from './run-context.js';
import { defaultSpec } from './spec/spec-defaults.js';
import type { ColumnMapping, SamplerSpec } from './spec/spec-types.js';
import type { InputFormat } from './types.js';
import type { LiveIndexSource } from './live-source/types.js';
import { detectGeneratedExport, indexEvidence, resolveOrigin, type SampleOrigin } from './input/origin.js';
import type { ShardSpec } from './input/shard.js';
import type { InputDescription } from './input/input.js';
import { liveEmbedding } from './live-source/contract.js';
import { lacksEmbedding } from './documents/detect.js';
import type { DocumentManifest } from './documents/document-manifest.js';
import { runDocuments } from './documents/run-documents.js';

export interface SampleOptions {
  /** a file path, or "-" for stdin; exactly one of input and live */
  input?: string;
  /** a live index to scan instead of a file (openEnvIndex gives one for an environment) */
  live?: LiveIndexSource;
  /** where the rows come from, recorded as manifest.origin; @default production (or what the input shows) */
  origin?: SampleOrigin;
  /** sample only shard i of n (Bernoulli mode); @default the whole input */
  shard?: ShardSpec;
  out: string;
  /** @default process.cwd() */
  cwd?: string;
  stdin?: NodeJS.ReadableStream;
  format?: InputFormat;
  /** a validated spec (parseSpec); @default the built-in spec */
  spec?: SamplerSpec;
  fraction?: number;
  /** @default [0.10, 0.20] (config sampling bounds; a spec's fractionBounds widens them) */
  fractionBounds?: [number, number];
  minPerStratum?: number;
  seed?: string;
  stratifyBy?: string[];
  columns?: Partial<ColumnMapping>;
  /** @default exact for files, bernoulli for stdin */
  mode?: 'exact' | 'bernoulli';
  /** the embedding contract; dimension 0 = infer from the data */
  embedding?: { model: string; dimension: number; metric: string };
  /** where the dimension came from, for the manifest (e.g. "config", "--dimension") */
  dimensionSource?: string;
  /** folder fixture patterns resolve against; @default cwd */
  projectDir?: string;
  progress?: ProgressSink;
  /**
   * a document export (id, text, metadata; no embedding column): true takes the document path (manifest kind
   * "documents"); @default the vector path, which refuses an input without the embedding column (the CLI
   * detects document exports and sets this; isDocumentExport() is its test)
   */
  documents?: boolean;
}

export interface SampleResult {
  out: string;
  manifest: SampleManifest;
}

export interface DocumentSampleResult {
  out: string;
  manifest: DocumentManifest;
}

export const DEFAULT_FRACTION = 0.15;

export function sample(opts: SampleOptions & { documents: true }): Promise<DocumentSampleResult>;
export function sample(opts: SampleOptions & { documents?: false | undefined }): Promise<SampleResult>;
export function sample(opts: SampleOptions): Promise<SampleResult | DocumentSampleResult>;
export async function sample(opts: SampleOptions): Promise<SampleResult | DocumentSampleResult> {
  return execute(resolveRun(opts, false), opts.documents);
}

export type ImportOptions = Omit<SampleOptions, 'fraction' | 'fractionBounds' | 'minPerStratum'>;

/** Same validation and Arrow format as sample(), every valid row kept (fraction 1, no bounds). */
export function importRows(opts: ImportOptions & { documents: true }): Promise<DocumentSampleResult>;
export function importRows(opts: ImportOptions & { documents?: false | undefined }): Promise<SampleResult>;
export function importRows(opts: ImportOptions): Promise<SampleResult | DocumentSampleResult>;
export async function importRows(opts: ImportOptions): Promise<SampleResult | DocumentSampleResult> {
  return execute(resolveRun(opts, true), opts.documents);
}

async function execute(run: ResolvedRun, documents: boolean | undefined): Promise<SampleResult | DocumentSampleResult> {
  if (documents === true) return { out: run.out, manifest: await runDocuments(run) };
  // without the flag a document export would fail the embedding column's header check: say what it is instead
  const column = run.spec.columns.embedding;
  if (documents === undefined && !run.live && (await lacksEmbedding(run.desc, run, column))) {
    throw new VecstageError('INPUT', `${run.desc.display} has no "${column}" column: a document export (id, text, metadata); sample it with documents: true (the CLI detects it), or name the embedding column with columns.embedding`);
  }
  const result = run.mode === 'exact' ? await runExact(run) : await runBernoulli(run);
  return { out: result.out, manifest: result.manifest };
}

export function resolveRun(opts: SampleOptions, keepAll: boolean): ResolvedRun {
  const cwd = opts.cwd ?? process.cwd();
  const spec = mergeSpec(opts);
  if ((opts.input === undefined) === (opts.live === undefined)) {
    throw new VecstageError('USAGE', 'sample: give exactly one input: a file, "-" for stdin, or a live index (--from-env)');
  }
  const live = opts.live;
  const desc = live ? describeLive(live) : describeInput(opts.input as string, cwd, opts.format);
  // a file or an index can be read twice (exact mode); stdin only once
  const rereadable = desc.path !== undefined || live !== undefined;
  const shard = opts.shard ?? null;
  const requested = opts.mode ?? spec.mode;
  if (shard && opts.mode === 'exact') {
    throw new VecstageError('USAGE', `invalid --mode: "exact" with --shard ${shard.index}/${shard.count} (bottom-k needs every row's key; shards use the fixed-rate rule u < p so their union is the whole sample); allowed: --mode bernoulli, or no --shard`);
  }
  const mode = shard ? 'bernoulli' : keepAll ? (rereadable ? 'exact' : 'bernoulli') : (requested ?? (rereadable ? 'exact' : 'bernoulli'));
  if (mode === 'exact' && !rereadable) {
    throw new VecstageError('USAGE', 'invalid --mode: "exact" with stdin input "-" (exact mode reads the input twice); allowed: --mode bernoulli, or a file');
  }
  const { fraction, bounds } = resolveFraction(opts, spec, keepAll);
  const minPerStratum = opts.minPerStratum ?? spec.minPerStratum ?? 5;
  const seed = opts.seed ?? spec.seed;
  const out = checkOutputDir(opts.out, cwd);
  const fixtures = loadFixtureIds(spec.fixtures, opts.projectDir ?? cwd);
  const given = opts.embedding ?? { model: 'unknown', dimension: 0, metric: 'cosine' };
  const embedding = live
    ? liveEmbedding(live, given, opts.dimensionSource)
    : { ...given, dimensionSource: given.dimension > 0 ? (opts.dimensionSource ?? 'config') : 'inferred' };
  const evidence = live ? indexEvidence(live.index.name, live.provenance) : desc.path !== undefined ? detectGeneratedExport(desc.path) : undefined;
  const origin = resolveOrigin(opts.origin, evidence);
  return {
    desc,
    stdin: opts.stdin,
    out,
    spec,
    seed,
    fraction,
    fractionBounds: bounds,
    minPerStratum,
    mode,
    keepAll,
    embedding,
    fixtureIds: fixtures.ids,
    fixtureFiles: fixtures.files,
    progress: opts.progress,
    origin,
    shard,
    shardTally: { outside: 0 },
    live,
  };
}

/** The spec with flag overrides applied (columns, strata). */
export function mergeSpec(opts: Pick<SampleOptions, 'spec' | 'columns' | 'stratifyBy'>): SamplerSpec {
  const base = opts.spec ?? defaultSpec();
  return { ...base, columns: { ...base.columns, ...opts.columns }, stratifyBy: opts.stratifyBy ?? base.stratifyBy };
}

/** The overall fraction (flag over spec over default) and its bounds; outside them: a USAGE error. */
export function resolveFraction(
  opts: Pick<SampleOptions, 'fraction' | 'fractionBounds'>,
  spec: SamplerSpec,
  keepAll: boolean,
): { fraction: number; bounds: [number, number] | null } {
  const fraction = keepAll ? 1 : (opts.fraction ?? spec.fraction ?? DEFAULT_FRACTION);
  let bounds: [number, number] | null = null;
  if (!keepAll) {
    const cfg = opts.fractionBounds ?? [0.1, 0.2];
    const widened = spec.fractionBounds;
    bounds = widened ? [Math.min(cfg[0], widened[0]), Math.max(cfg[1], widened[1])] : cfg;
    if (!(fraction >= bounds[0] && fraction <= bounds[1])) {
      const from = opts.fraction !== undefined ? '--fraction' : spec.fraction !== undefined ? `spec ${spec.source}` : 'default';
      throw invalid('fraction', fraction, `[${bounds[0]}, ${bounds[1]}] (config sampling.fractionMin/fractionMax; a spec's fractionBounds can widen them)`, from, 'USAGE');
    }
  }
  return { fraction, bounds };
}

/**
 * A live index described as an input. Its records are self-describing objects without a shared header, which is
 * what the validator's "jsonl" format means (no header check; fields may differ per record).
 */
function describeLive(live: LiveIndexSource): InputDescription {
  return { display: `index "${live.index.name}" (env ${live.env}, ${live.backend})`, path: undefined, format: 'jsonl', size: undefined, mtime: undefined };
}
