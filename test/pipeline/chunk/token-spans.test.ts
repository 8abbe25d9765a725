import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadTokenSpans } from '../../../src/pipeline/chunk/token-spans.js';

const TEXTS = [
  'Hello world, hello tokens.',
  '世界。你好！日本語のテキストです。',
  '👍🏽 👩‍👩‍👧 🇯🇵 emoji',
  'a lone \ud800 surrogate and \udfff another',
  'special <|endoftext|> text is <|fim_prefix|> plain',
  'mixed\r\nnew\rlines\n\n\tand\u00a0spaces',
  '',
];

for (const encoding of ['cl100k_base', 'o200k_base'] as const) {
  test(`${encoding}: one span per token, in order, covering the text, on code point boundaries`, async () => {
    const spansOf = await loadTokenSpans(encoding);
    for (const text of TEXTS) {
      const s = spansOf(text);
      let prevEnd = 0;
      for (let i = 0; i < s.length; i++) {
        const start = s.starts[i]!;
        const end = s.ends[i]!;
        // either the next span, or the same span as the token before (one character's bytes split between tokens)
        const shared = i > 0 && start === s.starts[i - 1] && end === s.ends[i - 1];
        assert.ok(shared || start === prevEnd, `${JSON.stringify(text)}: token ${i} starts at ${start}, previous ended at ${prevEnd}`);
        assert.ok(end > start, `${JSON.stringify(text)}: token ${i} is empty`);
        prevEnd = end;
      }
      assert.is(prevEnd, text.length, JSON.stringify(text));
    }
  });
}

test('a character whose UTF-8 bytes are split between tokens: each of its tokens has its span', async () => {
  const spansOf = await loadTokenSpans('cl100k_base');
  assert.is(spansOf('Hello world, hello tokens.').length, 6);
  // cl100k_base: 鬱 (3 bytes) is 3 tokens, 𝄞 (4 bytes, a surrogate pair) 3
  const s = spansOf('a鬱𝄞');
  assert.equal([Array.from(s.starts), Array.from(s.ends)], [[0, 1, 1, 1, 2, 2, 2], [1, 2, 2, 2, 4, 4, 4]]);
});

test.run();
