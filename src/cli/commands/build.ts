import { type CliCommand, listFlag, numberFlag, stringFlag, writeJson } from '../command.js';
import { resolveTarget, withBackend } from '../env-context.js';
import { openPointerStore } from '../../pointer/open.js';
import { runBuild } from '../../build/build.js';
import { createProgress, type Progress } from '../../progress.js';
import { parseJson } from '../../config/load.js';
import { invalid } from '../../errors.js';
import { INPUT_FORMATS, type InputFormat } from '../../sampler/types.js';
import { version } from '../main.js';

export const command: CliCommand = {
  name: 'build',
  summary: 'chunk, embed and load documents into a new versioned index with a pipeline',
  help: `usage: vecstage build <document-sample-dir | raw-export> --pipeline <name> [--env E] [--index name-vN] [--resume]
                      [--max-embed-rps N] [--max-write-rps N] [--batch N] [--concurrency N]
                      [--settings '{"ef_search":...}'] [--format csv|jsonl|arrow] [--id id] [--text text]
                      [--metadata a,b] [--allow-sealed] [--json]

Runs the config pipeline <name> (its chunker and embedder) over raw documents and loads the chunks into
<index>-v<N> (the next version unless --index is given). The input is a document sample (\`vecstage sample\` of an
export without embeddings) or a raw document export, imported whole first (validated, rejects listed). Vectors are
cached on disk by (embedder, text), so a second strategy re-embeds only chunks it has not seen. The chunks and
their vectors are also written as a sample (.vecstage/builds/<env>/<index>/chunks) for \`truth\` and \`bench\`.
A killed build continues with --resume. Sealed envs (prod) take only a full raw export of production, with both
--allow-sealed and VECSTAGE_ALLOW_SEALED=1; --max-embed-rps and --max-write-rps cap the calls per second.`,
  options: {
    pipeline: { type: 'string' },
    index: { type: 'string' },
    resume: { type: 'boolean' },
    'allow-sealed': { type: 'boolean' },
    'max-embed-rps': { type: 'string' },
    'max-write-rps': { type: 'string' },
    batch: { type: 'string' },
    concurrency: { type: 'string' },
    settings: { type: 'string' },
    format: { type: 'string' },
    id: { type: 'string' },
    text: { type: 'string' },
    metadata: { type: 'string' },
  },
  positionals: [1, 1],
  async run({ values, positionals }, ctx) {
    const target = await resolveTarget(values, ctx);
    const pipeline = stringFlag(values, 'pipeline');
    const names = Object.keys(target.config.pipelines);
    if (pipeline === undefined) throw invalid('--pipeline', null, names.length ? names.join(', ') : 'a pipeline name; the config has no "pipelines" section yet', undefined, 'USAGE');
    const format = stringFlag(values, 'format');
    if (format !== undefined && !(INPUT_FORMATS as readonly string[]).includes(format)) throw invalid('--format', format, INPUT_FORMATS.join(', '), undefined, 'USAGE');
    const settingsRaw = stringFlag(values, 'settings');
    const columns = {
      ...(stringFlag(values, 'id') ? { id: stringFlag(values, 'id')! } : {}),
      ...(stringFlag(values, 'text') ? { text: stringFlag(values, 'text')! } : {}),
      ...(listFlag(values, 'metadata') ? { metadata: listFlag(values, 'metadata')! } : {}),
    };
    let progress: Progress | undefined;
    let stage = '';
    const result = await withBackend(target, ctx, async (backend) =>
      runBuild({
        target,
        backend,
        pointer: await openPointerStore(target, backend),
        input: positionals[0]!,
        pipeline,
        index: stringFlag(values, 'index'),
        resume: values.resume === true,
        allowSealed: values['allow-sealed'] === true,
        processEnv: ctx.env,
        cwd: ctx.cwd,
        format: format as InputFormat | undefined,
        columns: Object.keys(columns).length ? columns : undefined,
        maxEmbedRps: numberFlag(values, 'max-embed-rps', { min: 0.01 }),
        maxWriteRps: numberFlag(values, 'max-write-rps', { min: 0.01 }),
        batch: numberFlag(values, 'batch', { integer: true, min: 1 }),
        concurrency: numberFlag(values, 'concurrency', { integer: true, min: 1, max: 64 }),
        settings: settingsRaw === undefined ? undefined : (parseJson(settingsRaw, '--settings') as Record<string, unknown>),
        toolkitVersion: version(),
        log: (line) => ctx.stderr.write(`build: ${line}\n`),
        onProgress: (s, done, total) => {
          if (s !== stage) {
            progress?.done();
            stage = s;
            progress = createProgress({ stream: ctx.stderr, label: `build ${s}`, unit: s === 'load' ? 'chunks' : 'docs', total });
          }
          progress?.update(done);
        },
      }).finally(() => progress?.done()),
    );
    if (values.json) writeJson(ctx, { ok: true, ...result });
    else {
      ctx.stdout.write(
        `built ${result.index} on ${result.env} with pipeline "${result.pipeline}": ${result.documents.rows} documents -> ${result.chunks.count} chunks (mean ${result.chunks.meanChars} chars${result.documents.withoutChunks ? `, ${result.documents.withoutChunks} documents without text` : ''}); ${result.embed.embedded} texts embedded in ${result.embed.calls} calls, ${result.embed.cacheHits} from the cache, ${result.embed.retries} retries; ${result.seconds.total.toFixed(1)}s${result.resumed ? ' (resumed)' : ''}\n  chunks: ${result.chunks.dir}\n  record: ${result.record}\n`,
      );
    }
    return 0;
  },
};
