/**
 * The document path's entry: a resolved run (sample.ts resolveRun: the same flags, checks, fraction bounds,
 * output folder, fixtures and origin as a vector sample) handed to the exact or Bernoulli runner.
 */
import { VecstageError } from '../../errors.js';
import type { ResolvedRun } from '../run-context.js';
import { runBernoulliDocuments } from './bernoulli-documents.js';
import type { DocumentManifest } from './document-manifest.js';
import { runExactDocuments } from './exact-documents.js';

export async function runDocuments(run: ResolvedRun): Promise<DocumentManifest> {
  if (run.live) throw new VecstageError('USAGE', 'invalid documents: true with a live index (--from-env); allowed: a document export file (CSV, JSONL, Arrow) or stdin');
  if (run.shard) throw new VecstageError('USAGE', `invalid --shard: ${run.shard.index}/${run.shard.count} with a document export (${run.desc.display}); allowed: no --shard (document exports are sampled whole)`);
  if (run.spec.columns.text === null) throw new VecstageError('USAGE', `invalid text column: null (spec ${run.spec.source}); allowed: a column name: a document export needs a text column`);
  return run.mode === 'exact' ? runExactDocuments(run) : runBernoulliDocuments(run);
}
