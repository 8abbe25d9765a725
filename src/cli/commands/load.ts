import { type CliCommand, numberFlag, stringFlag, writeJson } from '../command.js';
import { resolveTarget, withBackend } from '../env-context.js';
import { openPointerStore } from '../../pointer/open.js';
import { loadSample } from '../../load/loader.js';
import { openSampleSource } from '../../load/arrow-source.js';
import { createProgress } from '../../progress.js';
import { version } from '../main.js';
import { parseJson } from '../../config/load.js';
import { invalid } from '../../errors.js';
import { parseSettingSweep } from '../../bench/sweep/parse-sweep.js';
import { loadSettingsSweep } from '../../load/settings-sweep.js';

export const command: CliCommand = {
  name: 'load',
  summary: 'load a sample into a new versioned index',
  help: `usage: vecstage load <sample-dir> [--env E] [--index name-vN] [--batch N] [--concurrency N] [--resume]
                     [--settings '{"hnsw":{...}}'] [--allow-sealed] [--json]
       vecstage load <sample-dir> --settings-sweep max_neighbors=8,16,32 [--settings '{...}'] [--env E] [--json]

Creates <index>-v<N> (the next version unless --index is given) in the env's backend and upserts the sample:
batches sized to the backend, --concurrency upserts in flight (default 4), retries with backoff and jitter on
429/5xx/connection errors. An interrupted load continues with --resume. At the end the count and dimension are
verified and the index carries provenance (model, dimension, metric, sample manifest hash, toolkit version).
--settings-sweep loads one new version per value of a build setting (Chroma: max_neighbors, ef_construction; the
other --settings are shared) and records each version's settings, build time and estimated size in its provenance
(vecstage indexes shows them), so \`bench --sweep\` can run over each. Refused in sealed envs, with or without the
opt-ins; the memory backend and Pinecone have no build settings (exit 2).`,
  options: {
    index: { type: 'string' },
    batch: { type: 'string' },
    concurrency: { type: 'string' },
    resume: { type: 'boolean' },
    settings: { type: 'string' },
    'allow-sealed': { type: 'boolean' },
    'settings-sweep': { type: 'string' },
  },
  positionals: [1, 1],
  async run({ values, positionals }, ctx) {
    const target = await resolveTarget(values, ctx);
    const source = await openSampleSource(positionals[0]!, ctx.cwd);
    const settingsRaw = stringFlag(values, 'settings');
    const settings = settingsRaw === undefined ? undefined : (parseJson(settingsRaw, '--settings') as Record<string, unknown>);
    const sweepRaw = stringFlag(values, 'settings-sweep');
    if (sweepRaw !== undefined) {
      const sweep = parseSettingSweep(sweepRaw, '--settings-sweep');
      for (const f of ['index', 'resume'] as const) if (values[f] !== undefined) throw invalid(`--${f}`, values[f], 'nothing with --settings-sweep (each value gets the next version)', undefined, 'USAGE');
      const log = (line: string) => ctx.stderr.write(`load: ${line}\n`);
      const result = await withBackend(target, ctx, async (backend) =>
        loadSettingsSweep({
          target,
          source,
          backend,
          pointer: await openPointerStore(target, backend),
          sweep,
          settings,
          batch: numberFlag(values, 'batch', { integer: true, min: 1 }),
          concurrency: numberFlag(values, 'concurrency', { integer: true, min: 1, max: 64 }),
          allowSealed: values['allow-sealed'] === true,
          processEnv: ctx.env,
          toolkitVersion: version(),
          log,
        }),
      );
      if (values.json) writeJson(ctx, { ok: true, ...result });
      else {
        for (const v of result.versions) ctx.stdout.write(`${v.index}: ${v.provenance.settings}, ${v.count} vectors, built in ${v.buildSeconds}s, ~${(v.sizeBytes / 1e6).toFixed(1)} MB (${v.sizeMethod})\n`);
        ctx.stdout.write(`bench each with: vecstage bench --env ${result.env} --index <name-vN> --queries <golden.jsonl> --sweep ef_search=16,32,64,128,256\n`);
      }
      return 0;
    }
    const progress = createProgress({ stream: ctx.stderr, label: 'load', unit: 'vectors', total: source.rows });
    const result = await withBackend(target, ctx, async (backend) =>
      loadSample({
        target,
        source,
        backend,
        pointer: await openPointerStore(target, backend),
        index: stringFlag(values, 'index'),
        batch: numberFlag(values, 'batch', { integer: true, min: 1 }),
        concurrency: numberFlag(values, 'concurrency', { integer: true, min: 1, max: 64 }),
        resume: values.resume === true,
        allowSealed: values['allow-sealed'] === true,
        processEnv: ctx.env,
        toolkitVersion: version(),
        settings,
        onProgress: (done) => progress.update(done),
      }).finally(() => progress.done()),
    );
    if (values.json) writeJson(ctx, { ok: true, ...result });
    else {
      ctx.stdout.write(
        `loaded ${result.count} vectors (dim ${result.dimension}) into ${result.index} on ${result.env} (${result.backend}) in ${result.seconds.toFixed(1)}s, ${Math.round(result.vectorsPerSecond)} vectors/s; ${result.batches} batches of ${result.batchSize}, ${result.retries} retries${result.resumed ? `, resumed (skipped ${result.skippedBatches} batches)` : ''}\n`,
      );
    }
    return 0;
  },
};
