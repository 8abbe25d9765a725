import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { loadConfig, parseJson, resolveEnv } from '../../config/index.js';
import { VecstageError, invalid } from '../../errors.js';
import {
  importRows,
  isDocumentExport,
  openEnvIndex,
  ORIGINS,
  parseShard,
  parseSpec,
  sample,
  sampleSql,
  SQL_DIALECTS,
  type InputFormat,
  type SampleOptions,
  type SampleOrigin,
  type SqlDialect,
} from '../../sampler/index.js';
import { type CliCommand, type CliContext, type FlagValues, listFlag, numberFlag, stringFlag, writeJson } from '../command.js';

export const SAMPLE_OPTIONS = {
  out: { type: 'string', short: 'o' },
  spec: { type: 'string' },
  format: { type: 'string' },
  id: { type: 'string' },
  embedding: { type: 'string' },
  text: { type: 'string' },
  metadata: { type: 'string' },
  'stratify-by': { type: 'string' },
  seed: { type: 'string' },
  dimension: { type: 'string' },
  origin: { type: 'string' },
  shard: { type: 'string' },
  documents: { type: 'boolean' },
} as const;

export const command: CliCommand = {
  name: 'sample',
  summary: 'validate, tag edge cases, stratify and select a 10-20% sample by hash',
  help: `vecstage sample <input|-> --out <dir> [options]
vecstage sample --from-env <env> [--index <name>] --out <dir> [options]
vecstage sample --emit-sql duckdb|spark|bigquery [--sql-table <name>] [options]
Writes <dir>/sample.arrow, manifest.json and rejects.jsonl (atomically). Input "-" reads stdin (bernoulli mode).
  --out <dir>              output folder (replaced only if empty or a previous sample)
  --fraction <f>           overall fraction (default: spec, env sample.fraction, 0.15); must lie in the bounds
  --stratify-by <a,b>      metadata columns whose values define the strata
  --min-per-stratum <n>    rows kept per stratum at least (default: config sampling.minPerStratum, 5)
  --seed <s>               selection seed: u = md5(seed ":" id)[0..8] / 2^64 (default: spec seed "vecstage")
  --mode exact|bernoulli   exact: two passes, bottom-k per stratum (files); bernoulli: one pass, u < fraction
  --spec <file>            sampling spec (see sampler/README.md); flags override it
  --format csv|jsonl|arrow input format (default: from the extension; stdin: csv)
  --id, --embedding, --text <column>   column mapping (defaults: id, embedding, text)
  --metadata <a,b,...>     metadata columns (default: every other column)
  --dimension <n>          expected embedding dimension (default: config embedding.dimension, else inferred)
  --origin production|synthetic|fixture   recorded as manifest.origin (default production; a vecstage generate
                           export is recognised by its <file>.truth.json); sealed envs load production only
  --documents              a document export (id, text, metadata; no embedding): text edge cases, near-duplicate
                           texts, no embedding column (default: detected when the embedding column is absent)
  --shard <i>/<n>          sample only shard i of n (1-based; shard = md5("shard:" id) mod n), bernoulli mode;
                           the union of the n shard samples is the bernoulli sample of the whole input
  --from-env <env>         sample the env's live index (its pointer, or --index) instead of a file
  --index <name>           with --from-env: the index to scan (default: the env's live index)
  --emit-sql <dialect>     print the bernoulli hash rule as SQL (duckdb, spark, bigquery) and exit; writes nothing
  --sql-table <name>       with --emit-sql: the table to select from (default production_export)
  --json                   print the result (counts, strata, tags) as JSON on stdout`,
  options: {
    ...SAMPLE_OPTIONS,
    fraction: { type: 'string' },
    'min-per-stratum': { type: 'string' },
    mode: { type: 'string' },
    'from-env': { type: 'string' },
    index: { type: 'string' },
    'emit-sql': { type: 'string' },
    'sql-table': { type: 'string' },
  },
  positionals: [0, 1],
  async run({ values, positionals }, ctx) {
    const input = positionals[0];
    const fromEnv = stringFlag(values, 'from-env');
    const dialect = stringFlag(values, 'emit-sql');
    if (dialect !== undefined) return emitSqlCommand(values, input, dialect, ctx);
    for (const flag of ['sql-table'] as const) {
      if (values[flag] !== undefined) throw new VecstageError('USAGE', `--${flag} only goes with --emit-sql`);
    }
    if (values.index !== undefined && fromEnv === undefined) throw new VecstageError('USAGE', '--index only goes with --from-env <env> (the index to scan)');
    if ((input === undefined) === (fromEnv === undefined)) {
      throw new VecstageError('USAGE', `vecstage sample: expected one input: a file, "-" for stdin, or --from-env <env>${input !== undefined ? ` (got ${input} and --from-env ${fromEnv})` : ''}; usage: vecstage sample <input|-> --out <dir> [options]`);
    }
    const opts = await sampleOptions(values, input, ctx);
    const mode = stringFlag(values, 'mode');
    if (mode !== undefined && mode !== 'exact' && mode !== 'bernoulli') throw invalid('--mode', mode, 'exact, bernoulli', undefined, 'USAGE');
    if (mode) opts.mode = mode;
    const fraction = numberFlag(values, 'fraction', { min: 0, max: 1 });
    if (fraction !== undefined) opts.fraction = fraction;
    else if (opts.fraction === undefined) {
      const envFraction = await envSampleFraction(values, ctx);
      if (envFraction !== undefined && opts.spec?.fraction === undefined) opts.fraction = envFraction;
    }
    const min = numberFlag(values, 'min-per-stratum', { min: 0, integer: true });
    if (min !== undefined) opts.minPerStratum = min;
    let result;
    if (fromEnv !== undefined) {
      const config = await loadConfig({ cwd: ctx.cwd, configPath: stringFlag(values, 'config'), env: ctx.env });
      const opened = await openEnvIndex(resolveEnv(config, fromEnv, ctx.env), { index: stringFlag(values, 'index'), processEnv: ctx.env });
      try {
        result = await sample({ ...opts, live: opened.source });
      } finally {
        await opened.close();
      }
    } else result = await sample(opts);
    report(ctx, values, opts.out, result.manifest as unknown as Record<string, unknown>);
    return 0;
  },
};

/** Options shared by sample and import: input, output, spec, columns, config contract. */
export async function sampleOptions(values: FlagValues, input: string | undefined, ctx: CliContext, needOut = true): Promise<SampleOptions> {
  const out = stringFlag(values, 'out');
  if (out === undefined && needOut) throw new VecstageError('USAGE', 'missing --out <dir>: the folder to write sample.arrow, manifest.json and rejects.jsonl to');
  const config = await loadConfig({ cwd: ctx.cwd, configPath: stringFlag(values, 'config'), env: ctx.env });
  const opts: SampleOptions = {
    ...(input !== undefined ? { input } : {}),
    out: out ?? '',
    cwd: ctx.cwd,
    stdin: ctx.stdin,
    projectDir: config.dir,
    fractionBounds: [config.sampling.fractionMin, config.sampling.fractionMax],
    minPerStratum: config.sampling.minPerStratum,
    embedding: { ...config.embedding },
    dimensionSource: config.path ? `config ${relative(ctx.cwd, config.path) || config.path}` : 'config',
    progress: { stream: ctx.stderr },
  };
  const specPath = stringFlag(values, 'spec');
  if (specPath !== undefined) {
    const abs = resolve(ctx.cwd, specPath);
    let text: string;
    try {
      text = readFileSync(abs, 'utf8');
    } catch {
      throw new VecstageError('INPUT', `spec file not found: ${specPath} (--spec)`);
    }
    opts.spec = parseSpec(parseJson(text, specPath), specPath);
    if (opts.spec.minPerStratum !== undefined) delete opts.minPerStratum;
  }
  const format = stringFlag(values, 'format');
  if (format !== undefined) opts.format = format as InputFormat;
  const columns: SampleOptions['columns'] = {};
  for (const name of ['id', 'embedding', 'text'] as const) {
    const v = stringFlag(values, name);
    if (v !== undefined) columns[name] = v;
  }
  const metadata = listFlag(values, 'metadata');
  if (metadata) columns.metadata = metadata;
  opts.columns = columns;
  const strata = listFlag(values, 'stratify-by');
  if (strata) opts.stratifyBy = strata;
  const seed = stringFlag(values, 'seed');
  if (seed !== undefined) opts.seed = seed;
  const dim = numberFlag(values, 'dimension', { min: 1, integer: true });
  if (dim !== undefined) {
    if (config.embedding.dimension > 0 && config.embedding.dimension !== dim) {
      throw new VecstageError('USAGE', `--dimension ${dim} contradicts the config's embedding.dimension ${config.embedding.dimension}; allowed: ${config.embedding.dimension} or no --dimension`);
    }
    opts.embedding = { ...config.embedding, dimension: dim };
    opts.dimensionSource = '--dimension';
  }
  const origin = stringFlag(values, 'origin');
  if (origin !== undefined) {
    if (!ORIGINS.includes(origin as SampleOrigin)) throw invalid('--origin', origin, ORIGINS.join(', '), undefined, 'USAGE');
    opts.origin = origin as SampleOrigin;
  }
  const shard = stringFlag(values, 'shard');
  if (shard !== undefined) opts.shard = parseShard(shard);
  // a document export: --documents, or no embedding column in the header (stdin is peeked at and replayed)
  if (input !== undefined) opts.documents = values.documents === true || (await isDocumentExport(opts));
  else if (values.documents === true) throw new VecstageError('USAGE', '--documents needs an input file or "-" (a live index holds vectors)');
  return opts;
}

/** --emit-sql: resolve seed, fraction and id column as a sample would, print the SQL, write nothing. */
async function emitSqlCommand(values: FlagValues, input: string | undefined, dialect: string, ctx: CliContext): Promise<number> {
  if (!SQL_DIALECTS.includes(dialect as SqlDialect)) throw invalid('--emit-sql', dialect, SQL_DIALECTS.join(', '), undefined, 'USAGE');
  const conflicts = ['out', 'from-env', 'index', 'shard', 'origin', 'documents'].filter((f) => values[f] !== undefined).map((f) => `--${f}`);
  if (input !== undefined) conflicts.unshift(`the input ${input}`);
  if (conflicts.length > 0) {
    throw new VecstageError('USAGE', `--emit-sql prints SQL and reads or writes nothing: drop ${conflicts.join(', ')}; the SQL selects from --sql-table`);
  }
  const opts = await sampleOptions(values, undefined, ctx, false);
  const mode = stringFlag(values, 'mode');
  if (mode !== undefined && mode !== 'exact' && mode !== 'bernoulli') throw invalid('--mode', mode, 'bernoulli (exact has no SQL form)', undefined, 'USAGE');
  const fraction = numberFlag(values, 'fraction', { min: 0, max: 1 }) ?? (opts.spec?.fraction === undefined ? await envSampleFraction(values, ctx) : undefined);
  const table = stringFlag(values, 'sql-table');
  const sql = sampleSql({
    dialect: dialect as SqlDialect,
    ...(opts.spec ? { spec: opts.spec } : {}),
    ...(opts.columns ? { columns: opts.columns } : {}),
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    ...(fraction !== undefined ? { fraction } : {}),
    ...(opts.fractionBounds ? { fractionBounds: opts.fractionBounds } : {}),
    ...(mode ? { mode } : {}),
    ...(table !== undefined ? { table } : {}),
  });
  if (values.json) writeJson(ctx, { ok: true, dialect, sql });
  else ctx.stdout.write(sql);
  return 0;
}

async function envSampleFraction(values: FlagValues, ctx: CliContext): Promise<number | undefined> {
  const envFlag = stringFlag(values, 'env');
  const config = await loadConfig({ cwd: ctx.cwd, configPath: stringFlag(values, 'config'), env: ctx.env });
  if (envFlag === undefined && !ctx.env.APP_ENV) return config.environments.dev?.sample.fraction;
  return resolveEnv(config, envFlag, ctx.env).env.sample.fraction;
}

export function report(ctx: CliContext, values: FlagValues, out: string, m: Record<string, unknown>): void {
  const counts = m.counts as Record<string, number>;
  const documents = m.kind === 'documents';
  if (values.json) {
    writeJson(ctx, { ok: true, out, ...(documents ? { kind: m.kind } : {}), counts, strata: m.strata, tags: m.tags, rejects: m.rejects, ...(documents ? { text: m.text } : { embedding: m.embedding }), mode: m.mode, seed: m.seed, origin: m.origin, shard: m.shard, source: m.source });
    return;
  }
  const rej = Object.entries(m.rejects as Record<string, number>).map(([k, v]) => `${k} ${v}`).join(', ');
  ctx.stderr.write(
    `${documents ? `document ${m.purpose as string}` : m.kind} written to ${out}: ${counts.sample_rows} rows (${counts.stratified} stratified + ${counts.edge_cases} edge cases) of ${counts.rows_valid} valid; ` +
      `${counts.rows_rejected} rejected${rej ? ` (${rej})` : ''}; see ${out}/rejects.jsonl\n`,
  );
}

export { importRows };
