/**
 * The fingerprint's whole-file sha256, taken in a thread of its own. Pass 1 starts it when its range workers are
 * done, so it runs on the core they free while this thread merges the scans and finds near duplicates, instead
 * of competing with them (three threads on two cores). Falls back to hashing in this thread.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { firstMessage } from './run-worker.js';

export interface FileDigest {
  bytes: number;
  sha256: string;
}

// a plain CommonJS worker: no TypeScript, no module graph to load
const SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const hash = createHash('sha256');
const buf = Buffer.allocUnsafe(1 << 20);
const fd = openSync(workerData, 'r');
let bytes = 0;
try {
  for (;;) {
    const n = readSync(fd, buf, 0, buf.length, null);
    if (n === 0) break;
    bytes += n;
    hash.update(buf.subarray(0, n));
  }
} finally {
  closeSync(fd);
}
parentPort.postMessage({ bytes, sha256: hash.digest('hex') });
`;

export async function hashFileInThread(path: string): Promise<FileDigest> {
  const start = (): Worker => new Worker(SOURCE, { eval: true, workerData: path, execArgv: [], resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 } });
  return (await firstMessage<FileDigest>(start)) ?? hashFile(path);
}

/** The same in this thread (a streaming read). */
export async function hashFile(path: string): Promise<FileDigest> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    bytes += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
  }
  return { bytes, sha256: hash.digest('hex') };
}
