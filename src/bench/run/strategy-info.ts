/** How an index was built, for the report's strategy section: provenance plus, when present, the build record. */
import type { IndexProvenance } from '../../backends/types.js';
import { readBuildRecord } from '../../build/build-state.js';
import type { StrategyInfo } from '../../report/types.js';

export async function strategyInfo(prov: IndexProvenance & { pipeline: string }, count: number, buildDir: string): Promise<StrategyInfo> {
  const rec = await readBuildRecord(buildDir);
  const done = rec && rec.status === 'done' && rec.pipeline === prov.pipeline ? rec : undefined;
  return {
    pipeline: prov.pipeline,
    chunker: prov.chunker ?? null,
    embedder: prov.embedder ?? null,
    documents: prov.documents ?? null,
    chunks: count,
    build: done
      ? {
          seconds: done.seconds?.total ?? null,
          embedCalls: done.embed?.calls ?? null,
          embedded: done.embed?.embedded ?? null,
          cacheHits: done.embed?.cacheHits ?? null,
          tokens: done.embed?.tokens ?? null,
          vectorBytes: done.size?.vectorBytes ?? null,
          textBytes: done.size?.textBytes ?? null,
          meanChunkChars: done.chunkChars?.mean ?? null,
        }
      : null,
  };
}
