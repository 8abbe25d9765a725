import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { VecstageError } from '../../../src/errors.js';
import { createEmbedder, embedTexts } from '../../../src/pipeline/embed/index.js';
import type { EmbedderConfig } from '../../../src/pipeline/types.js';

/**
 * Opt-in: the openai-compatible client against a real provider. Runs when OPENAI_API_KEY is set (OpenAI, or
 * VECSTAGE_EMBEDDINGS_URL if that is set too), or when VECSTAGE_EMBEDDINGS_URL is a base URL of any
 * OpenAI-compatible server (Ollama's http://127.0.0.1:11434/v1, vLLM, TEI, LM Studio; its key, if it needs one,
 * in VECSTAGE_EMBEDDINGS_KEY). VECSTAGE_EMBEDDINGS_MODEL names the model (default text-embedding-3-small).
 * Costs a few hundred tokens on OpenAI, plus one over-long input that OpenAI refuses before embedding.
 */
const url = process.env.VECSTAGE_EMBEDDINGS_URL;
const openaiKey = Boolean(process.env.OPENAI_API_KEY);
const reason = 'set OPENAI_API_KEY (OpenAI) or VECSTAGE_EMBEDDINGS_URL (an OpenAI-compatible /v1 base URL) to run';

if (!url && !openaiKey) {
  console.log(`  embeddings live test skipped: ${reason}`);
  test.skip(`live embeddings round trip (skipped: ${reason})`, () => undefined);
} else {
  const apiKeyEnv = url ? (process.env.VECSTAGE_EMBEDDINGS_KEY ? 'VECSTAGE_EMBEDDINGS_KEY' : openaiKey ? 'OPENAI_API_KEY' : undefined) : 'OPENAI_API_KEY';
  const config: EmbedderConfig = {
    kind: 'openai-compatible',
    url: url ?? 'https://api.openai.com/v1',
    model: process.env.VECSTAGE_EMBEDDINGS_MODEL ?? 'text-embedding-3-small',
    dimension: undefined,
    sendDimensions: false,
    apiKeyEnv,
    authHeader: 'bearer',
    batch: 2,
    concurrency: 2,
    timeoutMs: 60_000,
    maxRetries: 4,
    encodingFormat: 'float',
  };
  const isOpenAI = new URL(config.url).hostname === 'api.openai.com';
  const cosine = (a: Float32Array, b: Float32Array): number => {
    let d = 0, na = 0, nb = 0;
    for (let i = 0; i < a.length; i++) {
      d += a[i]! * b[i]!;
      na += a[i]! ** 2;
      nb += b[i]! ** 2;
    }
    return d / Math.sqrt(na * nb);
  };

  test(`live embeddings round trip: ${config.model} at ${new URL(config.url).host}`, async () => {
    const e = await createEmbedder(config);
    const texts = ['How do I reset my password?', 'Steps to recover a forgotten account password', 'Sourdough bread needs a long, slow rise', 'How do I reset my password?'];
    const r = await embedTexts(texts.map((text, i) => ({ key: `live-${i}`, text })), { embedder: e });
    assert.is(r.stats.uniqueTexts, 3);
    assert.is(r.stats.calls, 2);
    const dim = r.vectors[0]!.length;
    assert.ok(dim > 0);
    assert.is(e.dimension, dim);
    for (const v of r.vectors) {
      assert.is(v.length, dim);
      assert.ok(v.every(Number.isFinite) && v.some((x) => x !== 0));
    }
    const [q, near, far] = r.vectors as [Float32Array, Float32Array, Float32Array];
    assert.ok(cosine(q, near) > cosine(q, far), `near ${cosine(q, near)} far ${cosine(q, far)}`);
    if (isOpenAI) assert.ok(r.stats.tokens > 0, 'OpenAI reports usage.prompt_tokens');
    // the same text again, base64 on the wire: the same vector up to the provider's float noise
    const b64 = await createEmbedder({ ...config, encodingFormat: 'base64' });
    const again = (await b64.embed([texts[0]!])).vectors[0]!;
    assert.ok(cosine(again, q) > 0.99, `cosine ${cosine(again, q)}`);
    console.log(`  live: ${config.model} dimension ${dim}, ${r.stats.tokens} tokens, ${r.stats.retries} retries`);
  });

  if (isOpenAI) {
    test('live: an over-long input is refused with HTTP 400 naming its key', async () => {
      const e = await createEmbedder({ ...config, batch: 4 });
      const long = 'lorem ipsum dolor sit amet '.repeat(3000);
      const err = await embedTexts([{ key: 'ok-1', text: 'short' }, { key: 'too-long', text: long }], { embedder: e }).then(
        () => undefined,
        (x: unknown) => x,
      );
      assert.instance(err, VecstageError);
      assert.match((err as VecstageError).message, 'input "too-long"');
      assert.match((err as VecstageError).message, 'HTTP 400');
    });
  }
}

test.run();
