import { createPineconeBackend, type PineconeBackend } from '../../../src/backends/pinecone/index.js';
import type { IndexProvenance } from '../../../src/backends/types.js';
import type { Metric } from '../../../src/config/types.js';
import { startPineconeStandin, type PineconeStandin, type StandinOptions } from '../../helpers/pinecone-standin/index.js';

export const API_KEY_ENV = 'VECSTAGE_TEST_PINECONE_KEY';

/** A stand-in on loopback plus an adapter talking to it through the official SDK. */
export async function standinBackend(opts: StandinOptions & { namespace?: string } = {}): Promise<{ server: PineconeStandin; backend: PineconeBackend }> {
  const server = await startPineconeStandin({ apiKey: 'test-key', ...opts });
  const backend = await createPineconeBackend(
    {
      kind: 'pinecone',
      apiKeyEnv: API_KEY_ENV,
      controllerHostUrl: server.url,
      cloud: 'aws',
      region: 'us-east-1',
      ...(opts.namespace ? { namespace: opts.namespace } : {}),
    },
    { env: { [API_KEY_ENV]: 'test-key' }, readyPollMs: 10, readyTimeoutMs: 5000 },
  );
  return { server, backend };
}

export function provenance(dimension: number, metric: Metric): IndexProvenance {
  return { model: 'test-model', dimension, metric, toolkitVersion: '0.1.0', createdAt: '2025-01-02T03:04:05.000Z', source: 'synthetic' };
}

export const vec = (...xs: number[]): Float32Array => Float32Array.from(xs);
