import { importRows } from '../../sampler/index.js';
import type { CliCommand } from '../command.js';
import { SAMPLE_OPTIONS, report, sampleOptions } from './sample.js';

export const command: CliCommand = {
  name: 'import',
  summary: 'validate an export into the sample Arrow format, keeping every valid row',
  help: `vecstage import <input|-> --out <dir> [options]
Same validation, edge-case tags, rejects and Arrow format as \`vecstage sample\`, every valid row kept
(inclusion_prob 1). Options: --spec, --format, --id, --embedding, --text, --metadata, --stratify-by, --seed,
--dimension, --origin production|synthetic|fixture, --shard i/n, --from-env <env>, --documents, --json
(see vecstage sample --help). A document export (no embedding column, or --documents) is imported whole as a
document sample (manifest kind "documents"), as \`vecstage build\` does with a raw export.`,
  options: { ...SAMPLE_OPTIONS },
  positionals: [1, 1],
  async run({ values, positionals }, ctx) {
    const opts = await sampleOptions(values, positionals[0] as string, ctx);
    const { fractionBounds: _b, minPerStratum: _m, ...rest } = opts;
    const result = await importRows(rest);
    report(ctx, values, opts.out, result.manifest as unknown as Record<string, unknown>);
    return 0;
  },
};
