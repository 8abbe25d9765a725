import { createMemoryBackend } from '../../src/backends/memory/index.js';
import { contract } from './contract.js';

contract('memory', async () => {
  const backend = createMemoryBackend();
  return { backend, cleanup: () => backend.close() };
});
