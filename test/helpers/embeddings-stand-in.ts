/**
 * A loopback OpenAI-compatible embeddings server, written from the public API reference
 * (POST /v1/embeddings, CreateEmbeddingRequest / CreateEmbeddingResponse):
 * - request `{ model, input: string | string[], encoding_format?: "float" | "base64", dimensions?, user? }`;
 *   `model` is required, an array holds 1..2048 inputs, an input must not be empty nor exceed the model's input
 *   token limit (8192 by default, configurable small for tests), with a total-tokens limit across inputs;
 * - response `{ object: "list", data: [{ object: "embedding", index, embedding }], model, usage: { prompt_tokens,
 *   total_tokens } }`, base64 being the little-endian float32 bytes;
 * - errors `{ error: { message, type, param, code } }`: 400 invalid_request_error, 401 invalid_api_key (the key
 *   masked as OpenAI does), 404 model_not_found, 429 rate_limit_exceeded with Retry-After.
 * Any path ending in /embeddings is served (so Azure's /openai/deployments/<d>/embeddings?api-version= works),
 * authenticated by `Authorization: Bearer` or Azure's `api-key` header. Vectors are vecstage's hashing embedder
 * (seeded by the model name, so two models differ), so retrieval through the stand-in is meaningful. Tokens are
 * counted approximately: one per word and one per other non-space character.
 *
 * Fault injection through the JS API (never over HTTP): `inject(fault, times)` queues faults served one per
 * request in order: an HTTP status (429 with Retry-After, 500, 503, ...), closing the connection without an
 * answer, or a delay before an otherwise normal answer. Counters: requests, inputs, statuses, injected faults, requests in flight (and the most at once).
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hashingVector, seedOf } from '../../src/pipeline/embed/hashing-core.js';

export interface EmbeddingsStandinOptions {
  /** when set, requests must carry this key (Bearer or api-key); otherwise no auth is checked */
  apiKey?: string;
  /** dimension when the request has no `dimensions`; @default 64 */
  dimension?: number;
  /** @default 2048 */
  maxInputs?: number;
  /** per-input token limit; @default 8192 */
  maxInputTokens?: number;
  /** tokens summed across the inputs of one request; @default 300000 */
  maxTotalTokens?: number;
  /** when set, other model names get 404 model_not_found */
  models?: string[];
  /** answer with `data` in reverse order (a client must place embeddings by `index`); @default false */
  shuffle?: boolean;
  /** added before every answer; @default 0 */
  delayMs?: number;
}

export type StandinFault =
  | { kind: 'status'; status: number; retryAfter?: string; retryAfterMs?: number; message?: string; param?: string }
  | { kind: 'close' }
  | { kind: 'delay'; ms: number };

export interface EmbeddingsStandinCounters {
  requests: number;
  /** inputs of requests answered 200 */
  inputs: number;
  statuses: Record<string, number>;
  injected: Record<string, number>;
  /** the input count of every request answered 200, in answer order */
  inputsPerRequest: number[];
  /** when each request arrived (performance.now(), ms), in arrival order: rate limits are checked on these */
  arrivals: number[];
  /** requests being served now, and the most at once since the last reset */
  inFlight: number;
  maxInFlight: number;
}

export interface SeenRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface EmbeddingsStandin {
  /** http://127.0.0.1:<port>/v1: the base URL an openai-compatible embedder takes */
  url: string;
  origin: string;
  port: number;
  options: EmbeddingsStandinOptions;
  counters: EmbeddingsStandinCounters;
  /** the last request seen */
  last: SeenRequest | undefined;
  inject(fault: StandinFault, times?: number): void;
  clearFaults(): void;
  resetCounters(): void;
  close(): Promise<void>;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string,
    readonly param: string | null = null,
    readonly code: string | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const TOKEN = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;

/** Approximate tokens: one per word, one per other non-space character. */
export function countTokens(text: string): number {
  return text.match(TOKEN)?.length ?? 0;
}

export async function startEmbeddingsStandin(options: EmbeddingsStandinOptions = {}): Promise<EmbeddingsStandin> {
  const faults: StandinFault[] = [];
  const counters = emptyCounters();
  const state = { last: undefined as SeenRequest | undefined };

  const server = createServer((req, res) => {
    counters.inFlight++;
    counters.maxInFlight = Math.max(counters.maxInFlight, counters.inFlight);
    res.on('close', () => counters.inFlight--);
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendError(res, new ApiError(500, `stand-in bug: ${String(err)}`, 'server_error'));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    counters.requests++;
    counters.arrivals.push(performance.now());
    let body: unknown;
    try {
      body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      body = undefined;
    }
    state.last = { path: `${url.pathname}${url.search}`, headers: req.headers, body };
    const fault = faults.shift();
    if (fault) bump(counters.injected, fault.kind === 'status' ? String(fault.status) : fault.kind);
    if (fault?.kind === 'close') {
      req.socket.destroy();
      return;
    }
    const delay = (options.delayMs ?? 0) + (fault?.kind === 'delay' ? fault.ms : 0);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    try {
      if (req.method !== 'POST' || !/\/embeddings\/?$/.test(url.pathname)) {
        throw new ApiError(404, `Invalid URL (${req.method} ${url.pathname})`, 'invalid_request_error');
      }
      authenticate(req.headers);
      if (fault?.kind === 'status') throw injected(fault);
      if (body === undefined) throw new ApiError(400, 'We could not parse the JSON body of your request.', 'invalid_request_error');
      const reply = embeddings(body, options);
      counters.inputs += reply.data.length;
      counters.inputsPerRequest.push(reply.data.length);
      bump(counters.statuses, '200');
      send(res, 200, reply);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      bump(counters.statuses, String(err.status));
      sendError(res, err);
    }
  }

  function authenticate(h: IncomingHttpHeaders): void {
    if (options.apiKey === undefined) return;
    const auth = typeof h.authorization === 'string' ? h.authorization : '';
    const given = auth.startsWith('Bearer ') ? auth.slice(7) : typeof h['api-key'] === 'string' ? h['api-key'] : '';
    if (given === '') {
      throw new ApiError(401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", 'invalid_request_error');
    }
    if (given !== options.apiKey) {
      throw new ApiError(401, `Incorrect API key provided: ${mask(given)}. You can find your API key in your account settings.`, 'invalid_request_error', null, 'invalid_api_key');
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/v1`,
    origin,
    port,
    options,
    counters,
    get last() {
      return state.last;
    },
    inject(fault, times = 1) {
      for (let i = 0; i < times; i++) faults.push(fault);
    },
    clearFaults() {
      faults.length = 0;
    },
    resetCounters() {
      // requests being served stay counted: their close still decrements
      Object.assign(counters, { ...emptyCounters(), inFlight: counters.inFlight, maxInFlight: counters.inFlight });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

interface EmbeddingsReply {
  object: 'list';
  data: { object: 'embedding'; index: number; embedding: number[] | string }[];
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

function embeddings(body: unknown, o: EmbeddingsStandinOptions): EmbeddingsReply {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw bad('The request body must be a JSON object.', null);
  const b = body as Record<string, unknown>;
  if (typeof b.model !== 'string' || b.model === '') throw bad('you must provide a model parameter', 'model');
  if (o.models && !o.models.includes(b.model)) {
    throw new ApiError(404, `The model \`${b.model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model', 'model_not_found');
  }
  const input = typeof b.input === 'string' ? [b.input] : b.input;
  if (!Array.isArray(input)) throw bad("'input' is a required property and must be a string or an array of strings", 'input');
  if (input.length === 0) throw bad("'$.input' is invalid: an array of inputs must not be empty", 'input');
  const maxInputs = o.maxInputs ?? 2048;
  if (input.length > maxInputs) throw bad(`'$.input' is invalid: ${input.length} inputs, at most ${maxInputs} are allowed per request`, 'input');
  const format = b.encoding_format ?? 'float';
  if (format !== 'float' && format !== 'base64') throw bad(`'${String(format)}' is not one of ['float', 'base64'] - 'encoding_format'`, 'encoding_format');
  let dimension = o.dimension ?? 64;
  if (b.dimensions !== undefined) {
    if (typeof b.dimensions !== 'number' || !Number.isInteger(b.dimensions) || b.dimensions < 1) throw bad(`Invalid 'dimensions': must be an integer >= 1`, 'dimensions');
    dimension = b.dimensions;
  }
  const maxTokens = o.maxInputTokens ?? 8192;
  let total = 0;
  const tokens = input.map((t, i) => {
    if (typeof t !== 'string') throw bad(`'$.input[${i}]' is invalid: this stand-in accepts strings only (not token arrays)`, 'input');
    if (t === '') throw bad(`'$.input[${i}]' is invalid: an input must not be an empty string`, 'input');
    const n = countTokens(t) || 1;
    if (n > maxTokens) {
      // OpenAI's wording; it does not say which input was too long
      throw bad(`This model's maximum context length is ${maxTokens} tokens, however you requested ${n} tokens. Please reduce your prompt.`, 'input', 'context_length_exceeded');
    }
    total += n;
    return n;
  });
  if (total > (o.maxTotalTokens ?? 300_000)) throw bad(`Requested ${total} tokens, max ${o.maxTotalTokens ?? 300_000} tokens per request`, 'input', 'max_tokens_per_request');
  const h = { dimension, ngrams: [1, 2] as const, seed: seedOf(b.model), sublinearTf: true };
  const data = (input as string[]).map((t, index) => {
    const v = hashingVector(t, h);
    const embedding = format === 'base64' ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') : Array.from(v);
    return { object: 'embedding' as const, index, embedding };
  });
  if (o.shuffle) data.reverse();
  return { object: 'list', data, model: b.model, usage: { prompt_tokens: tokens.reduce((a, n) => a + n, 0), total_tokens: total } };
}

function injected(f: Extract<StandinFault, { kind: 'status' }>): ApiError {
  const headers: Record<string, string> = {};
  if (f.retryAfter !== undefined) headers['retry-after'] = f.retryAfter;
  if (f.retryAfterMs !== undefined) headers['retry-after-ms'] = String(f.retryAfterMs);
  if (f.status === 429) {
    return new ApiError(429, f.message ?? 'Rate limit reached for requests. Please try again later.', 'requests', null, 'rate_limit_exceeded', headers);
  }
  if (f.status < 500) return new ApiError(f.status, f.message ?? 'Invalid request.', 'invalid_request_error', f.param ?? null, null, headers);
  return new ApiError(f.status, f.message ?? (f.status === 503 ? 'The server is overloaded or not ready yet.' : 'The server had an error while processing your request.'), 'server_error', f.param ?? null, null, headers);
}

const bad = (message: string, param: string | null, code: string | null = null): ApiError => new ApiError(400, message, 'invalid_request_error', param, code);

function mask(key: string): string {
  return key.length <= 8 ? '*'.repeat(key.length) : `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}`;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function sendError(res: ServerResponse, e: ApiError): void {
  send(res, e.status, { error: { message: e.message, type: e.type, param: e.param, code: e.code } }, e.headers);
}

function bump(m: Record<string, number>, k: string): void {
  m[k] = (m[k] ?? 0) + 1;
}

function emptyCounters(): EmbeddingsStandinCounters {
  return { requests: 0, inputs: 0, statuses: {}, injected: {}, inputsPerRequest: [], arrivals: [], inFlight: 0, maxInFlight: 0 };
}
