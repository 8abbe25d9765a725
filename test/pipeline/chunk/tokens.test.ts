/**
 * The tokens unit under every kind, with exact expected chunks (cl100k_base token boundaries written out in each
 * test), and the two ways token offsets are found (rank-table lengths, streamed decoding) agreeing.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chunkText, type BuiltInChunkerConfig } from '../../../src/pipeline/chunk/built-in.js';
import { DEFAULT_SEPARATORS } from '../../../src/pipeline/chunk/config.js';
import { loadTokenSpans } from '../../../src/pipeline/chunk/token-spans.js';

const ENC = { unit: 'tokens', encoding: 'cl100k_base' } as const;

async function cut(config: BuiltInChunkerConfig, text: string): Promise<Array<[string, number | null, number | null]>> {
  const pieces = await chunkText(config, text);
  for (const p of pieces) assert.is(text.slice(p.start!, p.end!), p.text);
  return pieces.map((p) => [p.text, p.start, p.end]);
}

const spansOf = await loadTokenSpans('cl100k_base');
const pairs = (text: string): number[][] => {
  const s = spansOf(text);
  return [Array.from(s.starts), Array.from(s.ends)];
};

test('token offsets: from token lengths for whole-character tokens, the same when a split character sends the text the streamed way', () => {
  // "Hello" " world" "," " hello" " tokens" "."
  assert.equal(pairs('Hello world, hello tokens.'), [[0, 5, 11, 12, 18, 25], [5, 11, 12, 18, 25, 26]]);
  // the same six tokens, then " " and the two tokens that hold 鬱's bytes (both with its span)
  assert.equal(pairs('Hello world, hello tokens. 鬱'), [[0, 5, 11, 12, 18, 25, 26, 27, 27], [5, 11, 12, 18, 25, 26, 27, 28, 28]]);
});

// "One" "." " Two" " is" " here" "!" " Three" "?\n\n" "Four" " " "五" "。" then 六 as two tokens, "。"
const SENTENCES = 'One. Two is here! Three?\n\nFour 五。六。';

test('sentence tokens: whole sentences up to size tokens', async () => {
  // "One. Two is here!" is 6 tokens; "Three?\n\nFour 五。" 6; "六。" 3 (六 is two tokens)
  assert.equal(await cut({ kind: 'sentence', size: 6, overlap: 0, ...ENC }, SENTENCES), [
    ['One. Two is here!', 0, 17], ['Three?\n\nFour 五。', 18, 33], ['六。', 33, 35],
  ]);
});

test('sentence tokens: trailing sentences of at most overlap tokens carried, if the next sentence still fits', async () => {
  // "Two is here!" (4 tokens) is carried; "Four 五。" (4) is not: with "六。" the chunk would be 7 tokens
  assert.equal(await cut({ kind: 'sentence', size: 6, overlap: 4, ...ENC }, SENTENCES), [
    ['One. Two is here!', 0, 17], ['Two is here! Three?', 5, 24], ['Three?\n\nFour 五。', 18, 33], ['六。', 33, 35],
  ]);
});

// "Intro" " text" ".\n" "#" " One" "\n" "alpha" " beta" "." " gamma" " delta" ".\n" "#" " Two" "\n" "short" "."
const DOC = 'Intro text.\n# One\nalpha beta. gamma delta.\n# Two\nshort.';

test('recursive tokens: headings, then lines, then sentences, sized in tokens', async () => {
  const rec = { kind: 'recursive' as const, overlap: 0, separators: [...DEFAULT_SEPARATORS], ...ENC };
  // the section "# One\nalpha beta. gamma delta." is 10 tokens (with the ".\n" it shares with the intro)
  assert.equal(await cut({ ...rec, size: 10 }, DOC), [['Intro text.', 0, 11], ['# One\nalpha beta. gamma delta.', 12, 42], ['# Two\nshort.', 43, 55]]);
  assert.equal(await cut({ ...rec, size: 8 }, DOC), [['Intro text.', 0, 11], ['# One', 12, 17], ['alpha beta. gamma delta.', 18, 42], ['# Two\nshort.', 43, 55]]);
  assert.equal(await cut({ ...rec, size: 4, overlap: 2 }, DOC), [
    ['Intro text.', 0, 11], ['# One', 12, 17], ['alpha beta.', 18, 29], ['gamma delta.', 30, 42], ['# Two', 43, 48], ['short.', 49, 55],
  ]);
});

test('recursive tokens: merged pieces carry up to overlap tokens', async () => {
  // "aa" " bb" " cc" " dd" " ee": one token a word
  assert.equal(await cut({ kind: 'recursive', size: 2, overlap: 1, separators: [' ', ''], ...ENC }, 'aa bb cc dd ee'), [
    ['aa bb', 0, 5], ['bb cc', 3, 8], ['cc dd', 6, 11], ['dd ee', 9, 14],
  ]);
});

test('sliding-window tokens in another encoding (o200k_base)', async () => {
  assert.equal(await cut({ kind: 'sliding-window', size: 2, overlap: 1, unit: 'tokens', encoding: 'o200k_base' }, 'Hello world, hello tokens.'), [
    ['Hello world', 0, 11], [' world,', 5, 12], [', hello', 11, 18], [' hello tokens', 12, 25], [' tokens.', 18, 26],
  ]);
});

test.run();
