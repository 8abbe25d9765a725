export { createPineconeBackend, type PineconeBackend, type PineconeBackendOptions } from './backend.js';
export type { PineconeStats } from './call-tracker.js';
export { PINECONE_LIMITS, planBatches, requestBytes, toWireVector } from './batches.js';
export { provenanceToTags, tagsToProvenance } from './provenance.js';
export { scoreToDistance, toPineconeMetric, fromPineconeMetric } from './metric.js';
