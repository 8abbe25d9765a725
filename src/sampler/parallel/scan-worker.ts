/**
 * Worker thread body: scans one part of the input (a byte range of a CSV file, or record batches of an Arrow
 * file) and posts the compact result (typed arrays moved).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { scanArrowRange, type ArrowRangeParams } from '../arrow-scan.js';
import { scanCsvRange, type CsvRangeParams } from '../csv-scan.js';
import { scanBuffers } from '../range-scan.js';

const params = workerData as CsvRangeParams | ArrowRangeParams;
try {
  const r = 'kind' in params && params.kind === 'arrow' ? await scanArrowRange(params) : await scanCsvRange(params as CsvRangeParams);
  parentPort!.postMessage({ ok: true, result: r }, scanBuffers(r.scan));
} catch (err) {
  parentPort!.postMessage({ ok: false, message: (err as Error).message });
}
