export { createChromaBackend, DEFAULT_DATA_DIR, type ChromaBackendOptions } from './chroma-backend.js';
export { startEmbeddedServer, chromaCliPath, type EmbeddedServer, type EmbeddedServerOptions } from './embedded-server.js';
export { toChromaWhere } from './filter.js';
export { LOCK_FILE } from './server-lock.js';
