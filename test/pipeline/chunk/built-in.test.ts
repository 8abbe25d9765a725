import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chunkText, type BuiltInChunkerConfig } from '../../../src/pipeline/chunk/built-in.js';
import { sentenceRanges } from '../../../src/pipeline/chunk/sentence-spans.js';
import { DEFAULT_SEPARATORS } from '../../../src/pipeline/chunk/config.js';

/** [text, start, end] triples, and a check that each is the slice at its offsets */
async function cut(config: BuiltInChunkerConfig, text: string): Promise<Array<[string, number | null, number | null]>> {
  const pieces = await chunkText(config, text);
  for (const p of pieces) assert.is(text.slice(p.start!, p.end!), p.text);
  return pieces.map((p) => [p.text, p.start, p.end]);
}

const DEFAULTS = [...DEFAULT_SEPARATORS];

test('fixed chars: consecutive windows, the last one short', async () => {
  assert.equal(await cut({ kind: 'fixed', size: 4, unit: 'chars' }, 'abcdefghij'), [['abcd', 0, 4], ['efgh', 4, 8], ['ij', 8, 10]]);
});

test('fixed chars: a window ends before a surrogate pair rather than inside it', async () => {
  assert.equal(await cut({ kind: 'fixed', size: 3, unit: 'chars' }, 'ab😀cd'), [['ab', 0, 2], ['😀c', 2, 5], ['d', 5, 6]]);
  assert.equal(await cut({ kind: 'fixed', size: 1, unit: 'chars' }, '😀x'), [['😀', 0, 2], ['x', 2, 3]]);
});

test('fixed chars: a whitespace-only window is dropped', async () => {
  assert.equal(await cut({ kind: 'fixed', size: 3, unit: 'chars' }, 'ab    cd'), [['ab ', 0, 3], ['cd', 6, 8]]);
});

test('empty and whitespace-only texts give no chunks', async () => {
  for (const kind of ['fixed', 'sliding-window', 'sentence', 'recursive'] as const) {
    const config = { kind, size: 5, overlap: 1, unit: 'chars', separators: DEFAULTS } as BuiltInChunkerConfig;
    assert.equal(await cut(config, ''), [], kind);
    assert.equal(await cut(config, ' \n\r\n\t \u3000 '), [], kind);
  }
});

test('sliding-window chars: a window every size - overlap, the first one reaching the end is the last', async () => {
  const sw = { kind: 'sliding-window', size: 4, overlap: 2, unit: 'chars' } as const;
  assert.equal(await cut(sw, 'abcdefghij'), [['abcd', 0, 4], ['cdef', 2, 6], ['efgh', 4, 8], ['ghij', 6, 10]]);
  assert.equal(await cut(sw, 'abcdefghijk'), [['abcd', 0, 4], ['cdef', 2, 6], ['efgh', 4, 8], ['ghij', 6, 10], ['ijk', 8, 11]]);
  const text = 'x'.repeat(1100);
  const at512 = (await cut({ kind: 'sliding-window', size: 512, overlap: 64, unit: 'chars' }, text)).map(([, s, e]) => [s, e]);
  assert.equal(at512, [[0, 512], [448, 960], [896, 1100]]);
});

test('sliding-window chars: a start inside a surrogate pair moves past it (the overlap does not grow)', async () => {
  // windows of 4 every 2: the second would start at 2, between the halves of 😀 (1..3)
  assert.equal(await cut({ kind: 'sliding-window', size: 4, overlap: 2, unit: 'chars' }, 'a😀bcdef'), [['a😀b', 0, 4], ['bcde', 3, 7], ['def', 5, 8]]);
});

test('words: windows span from the first word to the last, whitespace between windows left out', async () => {
  const text = 'one two  three\nfour five';
  assert.equal(await cut({ kind: 'fixed', size: 2, unit: 'words' }, text), [['one two', 0, 7], ['three\nfour', 9, 19], ['five', 20, 24]]);
  assert.equal(await cut({ kind: 'sliding-window', size: 3, overlap: 1, unit: 'words' }, text), [['one two  three', 0, 14], ['three\nfour five', 9, 24]]);
  assert.equal(await cut({ kind: 'fixed', size: 10, unit: 'words' }, '  lone  '), [['lone', 2, 6]]);
});

test('tokens (cl100k_base): windows of whole tokens', async () => {
  // cl100k_base: "Hello" " world" "," " hello" " tokens" "."
  const text = 'Hello world, hello tokens.';
  assert.equal(await cut({ kind: 'fixed', size: 2, unit: 'tokens', encoding: 'cl100k_base' }, text), [['Hello world', 0, 11], [', hello', 11, 18], [' tokens.', 18, 26]]);
  assert.equal(await cut({ kind: 'sliding-window', size: 3, overlap: 1, unit: 'tokens', encoding: 'cl100k_base' }, text), [['Hello world,', 0, 12], [', hello tokens', 11, 25], [' tokens.', 18, 26]]);
});

test('tokens: a window never takes part of the tokens of one character', async () => {
  // cl100k_base: "a" is 1 token, 鬱 3, 𝄞 3: at size 2 the multi-token characters are chunks of their own
  assert.equal(await cut({ kind: 'fixed', size: 2, unit: 'tokens', encoding: 'cl100k_base' }, 'a鬱𝄞'), [['a', 0, 1], ['鬱', 1, 2], ['𝄞', 2, 4]]);
  assert.equal(await cut({ kind: 'fixed', size: 4, unit: 'tokens', encoding: 'cl100k_base' }, 'a鬱𝄞'), [['a鬱', 0, 2], ['𝄞', 2, 4]]);
});

test('sentence splitting: terminators before whitespace or the end, CJK terminators anywhere, blank lines', () => {
  const spans = (t: string): string[] => {
    const r = sentenceRanges(t);
    const out: string[] = [];
    for (let i = 0; i < r.length; i += 2) out.push(t.slice(r[i]!, r[i + 1]!));
    return out;
  };
  assert.equal(spans('One. Two is here! Three?\n\nFour 五。六。'), ['One.', 'Two is here!', 'Three?', 'Four 五。', '六。']);
  assert.equal(spans('He said "Stop." Then left... Really?! Yes'), ['He said "Stop."', 'Then left...', 'Really?!', 'Yes']);
  assert.equal(spans('Pi is 3.14 today.\r\nSame paragraph\r\n\r\nNext one\n \nLast'), ['Pi is 3.14 today.', 'Same paragraph', 'Next one', 'Last']);
  assert.equal(spans('  一句话！另一句？最后'), ['一句话！', '另一句？', '最后']);
});

test('sentence chars: whole sentences packed greedily, no overlap', async () => {
  const text = 'One. Two is here! Three?\n\nFour 五。六。';
  assert.equal(await cut({ kind: 'sentence', size: 20, overlap: 0, unit: 'chars' }, text), [['One. Two is here!', 0, 17], ['Three?\n\nFour 五。六。', 18, 35]]);
});

test('sentence chars: trailing whole sentences of at most overlap units start the next chunk', async () => {
  const text = 'One. Two is here! Three?\n\nFour 五。六。';
  assert.equal(await cut({ kind: 'sentence', size: 20, overlap: 13, unit: 'chars' }, text), [
    ['One. Two is here!', 0, 17],
    ['Two is here! Three?', 5, 24],
    ['Three?\n\nFour 五。六。', 18, 35],
  ]);
});

test('sentence chars: a sentence over size is cut with the sliding rule on its own', async () => {
  assert.equal(await cut({ kind: 'sentence', size: 5, overlap: 0, unit: 'chars' }, 'Hi. Abcdefghijkl. Yo.'), [
    ['Hi.', 0, 3], ['Abcde', 4, 9], ['fghij', 9, 14], ['kl.', 14, 17], ['Yo.', 18, 21],
  ]);
  assert.equal(await cut({ kind: 'sentence', size: 5, overlap: 2, unit: 'chars' }, 'Abcdefgh.'), [['Abcde', 0, 5], ['defgh', 3, 8], ['gh.', 6, 9]]);
});

test('sentence words: the size counts the words of the whole chunk; a carried sentence must leave room', async () => {
  const text = 'A b c. D e. F g h i. J.';
  assert.equal(await cut({ kind: 'sentence', size: 5, overlap: 0, unit: 'words' }, text), [['A b c. D e.', 0, 11], ['F g h i. J.', 12, 23]]);
  // "D e." (2 words) is within the overlap but with "F g h i." it would make 6 words
  assert.equal(await cut({ kind: 'sentence', size: 5, overlap: 2, unit: 'words' }, text), [['A b c. D e.', 0, 11], ['F g h i. J.', 12, 23]]);
  const t2 = 'A b c. D e. F g. H i j.';
  assert.equal(await cut({ kind: 'sentence', size: 5, overlap: 2, unit: 'words' }, t2), [['A b c. D e.', 0, 11], ['D e. F g.', 7, 16], ['F g. H i j.', 12, 23]]);
});

const DOC = 'Intro text.\n# One\nalpha beta. gamma delta.\n# Two\nshort.';

test('recursive chars: headings first, then lines, then sentences', async () => {
  assert.equal(await cut({ kind: 'recursive', size: 30, overlap: 0, unit: 'chars', separators: DEFAULTS }, DOC), [
    ['Intro text.', 0, 11], ['# One', 12, 17], ['alpha beta. gamma delta.', 18, 42], ['# Two\nshort.', 43, 55],
  ]);
  assert.equal(await cut({ kind: 'recursive', size: 20, overlap: 0, unit: 'chars', separators: DEFAULTS }, DOC), [
    ['Intro text.', 0, 11], ['# One', 12, 17], ['alpha beta.', 18, 29], ['gamma delta.', 30, 42], ['# Two\nshort.', 43, 55],
  ]);
  assert.equal(await cut({ kind: 'recursive', size: 100, overlap: 0, unit: 'chars', separators: DEFAULTS }, `\n\n${DOC}\n`), [[DOC, 2, 57]]);
});

test('recursive chars: merged pieces carry up to overlap units into the next chunk', async () => {
  assert.equal(await cut({ kind: 'recursive', size: 6, overlap: 3, unit: 'chars', separators: [' ', ''] }, 'aa bb cc dd ee'), [
    ['aa bb', 0, 5], ['bb cc', 3, 8], ['cc dd', 6, 11], ['dd ee', 9, 14],
  ]);
  assert.equal(await cut({ kind: 'recursive', size: 5, overlap: 0, unit: 'chars', separators: [' ', ''] }, 'aa bb cc dd ee'), [
    ['aa bb', 0, 5], ['cc', 6, 8], ['dd', 9, 11], ['ee', 12, 14],
  ]);
});

test('recursive chars: a word over size is cut between code points by the "" separator', async () => {
  assert.equal(await cut({ kind: 'recursive', size: 3, overlap: 1, unit: 'chars', separators: [' ', ''] }, 'ab 😀cdef'), [
    // the space that starts " 😀cdef" counts, so the first window is " 😀" (trimmed)
    ['ab', 0, 2], ['😀', 3, 5], ['cde', 5, 8], ['ef', 7, 9],
  ]);
});

test('recursive: a piece over size with no separator left is cut with the sliding rule', async () => {
  assert.equal(await cut({ kind: 'recursive', size: 4, overlap: 0, unit: 'chars', separators: ['\n'] }, 'ab\nabcdefghij'), [
    ['ab', 0, 2], ['\nabc', 2, 6], ['defg', 6, 10], ['hij', 10, 13],
  ]);
});

test('recursive words: sizes in words', async () => {
  assert.equal(await cut({ kind: 'recursive', size: 4, overlap: 0, unit: 'words', separators: DEFAULTS }, DOC), [
    ['Intro text.', 0, 11], ['# One', 12, 17], ['alpha beta. gamma delta.', 18, 42], ['# Two\nshort.', 43, 55],
  ]);
});

test.run();
