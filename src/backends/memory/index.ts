export { createMemoryBackend } from './memory-backend.js';
export { MemoryIndex, MEMORY_LIMITS } from './memory-index.js';
