export * from './types.js';
export { createFilePointerStore } from './file-store.js';
export type { FilePointerStoreOptions } from './file-store.js';
