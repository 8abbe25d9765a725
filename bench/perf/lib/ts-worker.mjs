// Worker entry that loads a TypeScript module through tsx (Node 20 does not run a .ts file as a worker's entry,
// even with --import tsx). workerData.module: the file URL of the .ts module.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
