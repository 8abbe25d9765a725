/**
 * The `openai-compatible` embedder: one POST per call to `<url>/embeddings` with
 * `{ model, input: string[], encoding_format, dimensions? }`, the key from the env var named by apiKeyEnv as
 * `Authorization: Bearer` (or Azure's `api-key` header). OpenAI, Azure OpenAI, Ollama, vLLM, TEI and LM Studio
 * speak this shape. Node's global fetch with an AbortSignal timeout; retries are the embedding stage's job.
 */
import { VecstageError } from '../../errors.js';
import type { EmbedResponse, Embedder, EmbedderConfig } from '../types.js';
import { endpointOf } from './endpoint.js';
import { fetchError, httpError, type RequestContext } from './http-errors.js';
import { embedderIdentity } from './identity.js';
import { parseEmbeddingsResponse } from './response.js';

type RemoteConfig = Extract<EmbedderConfig, { kind: 'openai-compatible' }>;

export interface RemoteEmbedderOptions {
  processEnv?: NodeJS.ProcessEnv;
  /** @default Date.now (Retry-After dates are relative to it) */
  now?: () => number;
}

export function createRemoteEmbedder(config: RemoteConfig, opts: RemoteEmbedderOptions = {}): Embedder {
  const env = opts.processEnv ?? process.env;
  const now = opts.now ?? Date.now;
  const endpoint = endpointOf(config.url);
  const where = `embedder "${config.model}" at ${endpoint.origin}${endpoint.pathname}`;
  let key: string | undefined;
  if (config.apiKeyEnv !== undefined) {
    key = env[config.apiKeyEnv];
    if (!key) {
      throw new VecstageError('USAGE', `${where}: environment variable ${config.apiKeyEnv} (named by apiKeyEnv) is not set; allowed: export ${config.apiKeyEnv}=<your key>, or remove apiKeyEnv for a server without auth`, {
        details: { apiKeyEnv: config.apiKeyEnv },
      });
    }
  }
  const ctx: RequestContext = { where, apiKeyEnv: config.apiKeyEnv, secret: key };
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (key !== undefined) {
    if (config.authHeader === 'api-key') headers['api-key'] = key;
    else headers.authorization = `Bearer ${key}`;
  }
  const href = endpoint.href;
  let dimension = config.dimension;

  async function embed(texts: readonly string[], signal?: AbortSignal): Promise<EmbedResponse> {
    const body: Record<string, unknown> = { model: config.model, input: texts, encoding_format: config.encodingFormat };
    if (config.sendDimensions && config.dimension !== undefined) body.dimensions = config.dimension;
    const timeout = AbortSignal.timeout(config.timeoutMs);
    let res: Response;
    let text: string;
    try {
      res = await fetch(href, { method: 'POST', headers, body: JSON.stringify(body), signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
      // the body is read inside the same try: a connection closed mid-body is a connection error, retried
      text = await res.text();
    } catch (err) {
      throw fetchError(err, ctx, config.timeoutMs);
    }
    if (!res.ok) throw httpError(res.status, text, res.headers, ctx, now());
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new VecstageError('BACKEND_UNAVAILABLE', `${where} returned HTTP ${res.status} with a body that is not JSON (${text.length} bytes)`, { details: { status: res.status, retryable: false } });
    }
    const out = parseEmbeddingsResponse(json, texts.length, where);
    const got = out.vectors[0]?.length;
    if (got !== undefined) {
      if (dimension === undefined) dimension = got;
      else if (got !== dimension) {
        const said = config.dimension !== undefined ? `its config declares ${config.dimension}` : `its first response had ${dimension}`;
        throw new VecstageError('INPUT', `${where} returned dimension ${got}, ${said}; allowed: set dimension to what the model returns (or sendDimensions to have it truncate)`, {
          details: { model: config.model, returned: got, declared: dimension, retryable: false },
        });
      }
    }
    return out;
  }

  return {
    config,
    model: config.model,
    get dimension() {
      return dimension;
    },
    maxBatch: config.batch,
    identity: embedderIdentity(config),
    embed,
  };
}
