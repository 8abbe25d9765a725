import { createChromaBackend } from '../../src/backends/chroma/index.js';
import { startChroma } from '../helpers/chroma.js';
import { contract } from './contract.js';

// One embedded server for the whole file; the adapter connects to it by URL (the embedded path is covered in
// test/backends/chroma/).
contract('chroma', async () => {
  const server = await startChroma();
  const backend = await createChromaBackend({ kind: 'chroma', url: server.url, path: '' }, { dir: server.dir });
  return {
    backend,
    async cleanup() {
      await backend.close();
      await server.stop();
    },
  };
});
