import type { SamplerSpec } from './spec-types.js';

/** The built-in spec; sampler/default.json spells out the same values for analysts to copy. */
export function defaultSpec(): SamplerSpec {
  return {
    source: 'built-in',
    stratifyBy: [],
    fraction: undefined,
    minPerStratum: undefined,
    fractionBounds: undefined,
    seed: 'vecstage',
    mode: undefined,
    columns: { id: 'id', embedding: 'embedding', text: 'text', metadata: null, metadataJson: null },
    detectors: {
      enabled: {
        empty_text: true,
        short_text: true,
        long_text: true,
        non_ascii: true,
        mixed_scripts: true,
        duplicate_vector: true,
        near_duplicate: true,
        zero_vector: true,
        outlier_norm: true,
        missing_metadata: true,
        rare_stratum: true,
      },
      shortTextMinChars: 8,
      longTextMaxChars: 8000,
      nearDuplicateCosine: 0.99,
      nearDuplicateMaxBucket: 64,
      outlierNormMads: 6,
      outlierNormRelativeFloor: 0.01,
    },
    caps: { default: 200 },
    rules: [],
    fixtures: ['fixtures/edge-cases/*.jsonl'],
  };
}
