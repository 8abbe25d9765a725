export { groundTruth, type TruthOptions, type TruthResult } from './run.js';
export { computeTruth, type ComputeTruthOptions } from './compute.js';
export { loadCorpus, type Corpus } from './corpus.js';
