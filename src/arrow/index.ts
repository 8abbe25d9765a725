export { openSampleWriter, type SampleWriter } from './sample-writer.js';
export { readSample, iterateSample, sampleFilePath, type SampleBatch } from './sample-reader.js';
export { readSampleColumns, type SampleColumns } from './sample-columns.js';
export { sampleSchema } from './sample-schema.js';
export { readArrowRows, readArrowFileBatches, readArrowFileBatchRows, arrowFileLayout, arrowBatchRows, ArrowBatchFile, type ArrowRawRow, type BatchRangeOptions, type BulkVectors } from './read-rows.js';
export { BulkEmbedding } from './bulk-embedding.js';
export { MANIFEST_KEY, SAMPLE_FILE, MANIFEST_FILE, REJECTS_FILE, type SampleRow } from './sample-row.js';
export { writeTruthFile, readTruthFile, TRUTH_KEY, type TruthFileMeta, type TruthFileRow } from './truth-file.js';
export { readGoldenArrow, writeGoldenArrow, type GoldenArrowRow } from './golden-file.js';
