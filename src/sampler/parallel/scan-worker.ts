/**
 * Worker thread body. Pass 1: scans one part of the input (a byte range of a CSV file, or record batches of an
 * Arrow file) and posts the compact result (typed arrays moved). Pass 2 ('selected-csv'): reads the chunks of
 * selected records it is sent, one at a time, and posts each one's columns.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ArrowRangeParams } from '../scan/arrow-scan.js';
import type { CsvRangeParams } from '../scan/csv-scan.js';
import type { SelectedChunk, SelectedWorkerData } from '../write/selected-chunk.js';

const params = workerData as CsvRangeParams | ArrowRangeParams | SelectedWorkerData;
const kind = 'kind' in params ? params.kind : 'csv';
if (kind === 'selected-csv') {
  const { SelectedChunkReader } = await import('../write/selected-chunk.js');
  const reader = new SelectedChunkReader(params as SelectedWorkerData);
  let tail = Promise.resolve();
  parentPort!.on('message', (chunk: SelectedChunk) => {
    tail = tail.then(async () => {
      const r = await reader.read(chunk);
      parentPort!.postMessage(r, r.ok ? [r.embeddings.buffer as ArrayBuffer] : []);
    });
  });
} else {
  const { scanBuffers } = await import('../scan/range-scan.js');
  try {
    const r = kind === 'arrow'
      ? await (await import('../scan/arrow-scan.js')).scanArrowRange(params as ArrowRangeParams)
      : await (await import('../scan/csv-scan.js')).scanCsvRange(params as CsvRangeParams);
    parentPort!.postMessage({ ok: true, result: r }, scanBuffers(r.scan));
  } catch (err) {
    parentPort!.postMessage({ ok: false, message: (err as Error).message });
  }
}
