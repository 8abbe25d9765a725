/** The CLI's question before sampling: is this input a document export? (detect.ts does the reading.) */
import { describeInput } from '../input/input.js';
import { mergeSpec, type SampleOptions } from '../sample.js';
import { lacksEmbedding } from './detect.js';

/**
 * The CLI's detection: a file or stdin export without the mapped embedding column (flags over spec). stdin is
 * peeked at and `opts.stdin` replaced by a stream that replays it.
 */
export async function isDocumentExport(opts: Pick<SampleOptions, 'input' | 'cwd' | 'format' | 'spec' | 'columns' | 'stratifyBy' | 'stdin'>): Promise<boolean> {
  if (opts.input === undefined) return false;
  const desc = describeInput(opts.input, opts.cwd ?? process.cwd(), opts.format);
  return lacksEmbedding(desc, opts, mergeSpec(opts).columns.embedding);
}
