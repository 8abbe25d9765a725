/** Worker thread body: scans one byte range of a CSV file and posts the compact result (typed arrays moved). */
import { parentPort, workerData } from 'node:worker_threads';
import { scanCsvRange, type CsvRangeParams } from '../csv-scan.js';
import { scanBuffers } from '../range-scan.js';

const params = workerData as CsvRangeParams;
try {
  const r = await scanCsvRange(params);
  parentPort!.postMessage({ ok: true, result: r }, scanBuffers(r.scan));
} catch (err) {
  parentPort!.postMessage({ ok: false, message: (err as Error).message });
}
