/**
 * Text-only golden queries are embedded at bench time by a pipeline's embedder, through the same on-disk cache
 * as `vecstage build` (so a second bench of the same queries makes no embedding call).
 */
import { join } from 'node:path';
import { VecstageError } from '../../errors.js';
import { STATE_DIR, configRelative } from '../../config/index.js';
import { checkPipelineContract } from '../../config/pipeline-contract.js';
import type { ResolvedConfig } from '../../config/types.js';
import type { GoldenQuery } from '../../golden/types.js';
import type { PipelineConfig } from '../../pipeline/types.js';

export interface EmbedQueriesOptions {
  config: ResolvedConfig;
  /** --pipeline, else the pipeline that built the index */
  pipeline: string | undefined;
  /** what the queries are run against, for messages: `index "kb-v2"`, `the sample s/` */
  target: string;
  queriesShown: string;
  dimension: number;
  processEnv: NodeJS.ProcessEnv;
}

export interface EmbedQueriesResult {
  pipeline: string;
  embedded: number;
  calls: number;
  cacheHits: number;
}

/** Fills `embedding` of every query that has text only (length 0). */
export async function embedTextQueries(queries: GoldenQuery[], o: EmbedQueriesOptions): Promise<EmbedQueriesResult | undefined> {
  const textOnly = queries.filter((q) => q.embedding.length === 0);
  if (textOnly.length === 0) return undefined;
  const first = textOnly[0]!;
  if (o.pipeline === undefined) {
    throw new VecstageError(
      'INPUT',
      `${textOnly.length} golden queries of ${o.queriesShown} have text and no embedding (first: "${first.id}", line ${first.line}) and ${o.target} was not built by a pipeline; allowed: --pipeline <name> to embed them with that pipeline's embedder, or queries with embeddings`,
    );
  }
  const pipeline: PipelineConfig | undefined = o.config.pipelines[o.pipeline];
  if (!pipeline) {
    const names = Object.keys(o.config.pipelines);
    throw new VecstageError('INPUT', `invalid pipeline: ${JSON.stringify(o.pipeline)} (to embed the text-only queries of ${o.queriesShown}); allowed: ${names.length ? names.join(', ') : 'none: the config has no "pipelines" section'}`);
  }
  checkPipelineContract(pipeline, o.config.embedding, 'the config\'s embedding section');
  const { createEmbedder, embedTexts, openEmbedCache } = await import('../../pipeline/embed/index.js');
  const embedder = await createEmbedder(pipeline.embedder, { processEnv: o.processEnv });
  const cache = await openEmbedCache(configRelative(o.config, join(STATE_DIR, 'embed-cache')), embedder.identity, embedder.dimension);
  try {
    const r = await embedTexts(
      textOnly.map((q) => ({ key: `query ${q.id}`, text: q.text! })),
      { embedder, cache, expectedDimension: o.dimension, contractLabel: o.target },
    );
    textOnly.forEach((q, i) => (q.embedding = r.vectors[i]!));
    await cache.flush();
    return { pipeline: pipeline.name, embedded: r.stats.embedded, calls: r.stats.calls, cacheHits: r.stats.cacheHits };
  } finally {
    await cache.close();
    await embedder.close?.();
  }
}
