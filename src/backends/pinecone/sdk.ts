/**
 * The one module that imports @pinecone-database/pinecone (8.x; 9.x needs Node 22).
 *
 * What SDK 8 retries (dist/utils/fetch.js, createRetryingFetch): responses with status >= 500 and thrown errors
 * carrying status >= 500, up to `maxRetries` times (default 3, capped at 10), with exponential backoff
 * 200 ms * 2^n, +-25% jitter, capped at 20 s. It does NOT retry 429 or connection errors. When the retries are
 * used up (also with maxRetries 0) it throws PineconeMaxRetriesExceededError, which drops the HTTP status; the
 * call tracker keeps the status from the response itself. We default maxRetries to 0 so the loader's own
 * backoff is the only retry policy, and count any SDK retry that does happen (same RequestInit seen twice).
 */
import { createRequire } from 'node:module';
import { Pinecone, type Index, type IndexModel, type RecordMetadata } from '@pinecone-database/pinecone';

export type { Index as SdkIndex, IndexModel as SdkIndexModel, RecordMetadata as SdkMetadata };

export interface SdkClientOptions {
  apiKey: string;
  controllerHostUrl?: string;
  maxRetries: number;
  fetchApi: typeof fetch;
}

export function createSdkClient(opts: SdkClientOptions): Pinecone {
  return new Pinecone({
    apiKey: opts.apiKey,
    maxRetries: opts.maxRetries,
    fetchApi: opts.fetchApi,
    ...(opts.controllerHostUrl ? { controllerHostUrl: opts.controllerHostUrl } : {}),
  });
}

const require = createRequire(import.meta.url);

/** `@pinecone-database/pinecone 8.2.0` */
export function sdkVersion(): string {
  const pkg = require('@pinecone-database/pinecone/package.json') as { version: string };
  return pkg.version;
}

/** The X-Pinecone-Api-Version the SDK sends, e.g. `2026-04`. */
export function apiVersion(): string {
  try {
    const mod = require('@pinecone-database/pinecone/dist/pinecone-generated-ts-fetch/db_data/api_version.js') as {
      X_PINECONE_API_VERSION: string;
    };
    return mod.X_PINECONE_API_VERSION;
  } catch {
    return 'unknown';
  }
}

export type SdkClient = Pinecone;
