import { createPineconeBackend } from '../../src/backends/pinecone/index.js';
import { startPineconeStandin } from '../helpers/pinecone-standin/index.js';
import { contract } from './contract.js';

// The Pinecone adapter through the official SDK against the loopback stand-in (Pinecone itself cannot run here;
// test/backends/pinecone/live.test.ts runs against the real service or Pinecone Local when configured).
contract('pinecone (stand-in)', async () => {
  const server = await startPineconeStandin({ apiKey: 'contract-key' });
  const backend = await createPineconeBackend(
    { kind: 'pinecone', apiKeyEnv: 'CONTRACT_PINECONE_KEY', controllerHostUrl: server.url, cloud: 'aws', region: 'us-east-1' },
    { env: { CONTRACT_PINECONE_KEY: 'contract-key' }, readyPollMs: 10 },
  );
  return {
    backend,
    async cleanup() {
      await backend.close();
      await server.close();
    },
  };
});
