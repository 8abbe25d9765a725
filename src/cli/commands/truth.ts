import { type CliCommand, numberFlag, stringFlag, writeJson } from '../command.js';
import { invalid } from '../../errors.js';
import { loadConfig, configRelative, STATE_DIR } from '../../config/index.js';
import { METRICS, type Metric } from '../../config/types.js';
import { groundTruth } from '../../truth/run.js';
import { readGolden } from '../../golden/read.js';
import { embedTextQueries } from '../../bench/run/embed-queries.js';
import { openSampleSource } from '../../load/arrow-source.js';
import { MANIFEST_FILE } from '../../arrow/index.js';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export const command: CliCommand = {
  name: 'truth',
  summary: 'exact top-k ground truth for golden queries',
  help: `usage: vecstage truth --sample <dir> --queries <golden.jsonl> --out <file.arrow> [--k 100] [--metric cosine|ip|l2]
                      [--pipeline <name>] [--no-cache] [--json]

Exact top-k over the sample for each golden query (per-query metadata filters honoured), distances kept so
recall can be tie-aware. The metric defaults to the config's embedding metric. Results are cached under
.vecstage/cache/ keyed by (sample manifest hash, queries hash, k, metric). Golden queries with text and no
embedding are embedded by --pipeline, by default the pipeline that built the chunk sample (vecstage build).`,
  options: {
    sample: { type: 'string' },
    queries: { type: 'string' },
    out: { type: 'string' },
    k: { type: 'string' },
    metric: { type: 'string' },
    'no-cache': { type: 'boolean' },
    pipeline: { type: 'string' },
  },
  async run({ values }, ctx) {
    const sample = stringFlag(values, 'sample');
    const queries = stringFlag(values, 'queries');
    const out = stringFlag(values, 'out');
    if (!sample) throw invalid('--sample', null, 'a sample folder written by vecstage sample or import', undefined, 'USAGE');
    if (!queries) throw invalid('--queries', null, 'a golden queries file (JSONL)', undefined, 'USAGE');
    if (!out) throw invalid('--out', null, 'the ground truth file to write (.arrow)', undefined, 'USAGE');
    const config = await loadConfig({ cwd: ctx.cwd, configPath: stringFlag(values, 'config'), env: ctx.env });
    const metricFlag = stringFlag(values, 'metric');
    if (metricFlag !== undefined && !METRICS.includes(metricFlag as Metric)) throw invalid('--metric', metricFlag, METRICS.join(', '), undefined, 'USAGE');
    const metric = (metricFlag as Metric | undefined) ?? config.embedding.metric;
    const k = numberFlag(values, 'k', { integer: true, min: 1, max: 10000 }) ?? 100;
    const golden = await readGolden(resolve(ctx.cwd, queries), { shownAs: queries, textOnly: true });
    if (golden.queries.some((q) => q.embedding.length === 0)) {
      const source = await openSampleSource(sample, ctx.cwd);
      // a chunk sample (vecstage build) names its pipeline in its manifest
      const manifest = JSON.parse(await readFile(join(resolve(ctx.cwd, sample), MANIFEST_FILE), 'utf8').catch(() => '{}')) as { pipeline?: { name?: string } };
      await embedTextQueries(golden.queries, { config, pipeline: stringFlag(values, 'pipeline') ?? manifest.pipeline?.name, target: `the sample ${source.dir}`, queriesShown: queries, dimension: source.dimension, processEnv: ctx.env });
      golden.dimension = source.dimension;
    }
    const r = await groundTruth({
      sample,
      queries: golden,
      k,
      metric,
      out,
      cacheDir: values['no-cache'] ? undefined : configRelative(config, `${STATE_DIR}/cache`),
      cwd: ctx.cwd,
    });
    const summary = { ok: true, out, queries: r.rows.length, k, metric, cached: r.cached, seconds: r.seconds, sampleManifestHash: r.meta.sampleManifestHash, queriesHash: r.meta.queriesHash };
    if (values.json) writeJson(ctx, summary);
    else ctx.stdout.write(`wrote ground truth for ${r.rows.length} queries (top-${k}, ${metric}) to ${out}${r.cached ? ' (from cache)' : ''} in ${r.seconds.toFixed(2)}s\n`);
    return 0;
  },
};
