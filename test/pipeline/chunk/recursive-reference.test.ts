/**
 * `recursive` in chars against a string-based transcription of LangChain's RecursiveCharacterTextSplitter
 * (langchain_text_splitters: `_split_text`, `_merge_splits`, strip_whitespace) with the deviations recursive.ts
 * documents: a separator's leading non-whitespace ends the piece before it, and a piece of exactly `size` fits.
 * Every separator list here ends with "" and size >= 2, so the sliding fallback (no separator left) is not reached
 * and the two must agree chunk for chunk over seeded random texts.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { seededRandom, type Random } from '../../../src/random.js';
import { chunkText } from '../../../src/pipeline/chunk/built-in.js';
import { DEFAULT_SEPARATORS } from '../../../src/pipeline/chunk/config.js';

function leadingNonWhitespace(sep: string): number {
  const m = /^\S*/.exec(sep);
  return m ? m[0].length : 0;
}

/** LangChain's `_split_text_with_regex` (literal separator), with the separator split between its neighbours */
function splitOn(text: string, sep: string): string[] {
  if (sep === '') return Array.from(text);
  const out: string[] = [];
  const lead = leadingNonWhitespace(sep);
  let prev = 0;
  let from = 0;
  for (;;) {
    const at = text.indexOf(sep, from);
    if (at < 0) break;
    const cut = at + lead;
    if (cut > prev && cut < text.length) {
      out.push(text.slice(prev, cut));
      prev = cut;
    }
    from = at + sep.length;
  }
  out.push(text.slice(prev));
  return out.filter((s) => s !== '');
}

/** `_merge_splits` with separator "" (keep_separator) and strip_whitespace */
function mergeSplits(splits: string[], size: number, overlap: number): string[] {
  const docs: string[] = [];
  const push = (current: string[]): void => {
    const doc = current.join('').trim();
    if (doc !== '') docs.push(doc);
  };
  let current: string[] = [];
  let total = 0;
  for (const d of splits) {
    if (total + d.length > size && current.length > 0) {
      push(current);
      while (total > overlap || (total + d.length > size && total > 0)) {
        total -= current[0]!.length;
        current = current.slice(1);
      }
    }
    current.push(d);
    total += d.length;
  }
  push(current);
  return docs;
}

/** `_split_text` */
function splitText(text: string, separators: string[], size: number, overlap: number): string[] {
  const k = separators.findIndex((s) => s === '' || text.includes(s));
  const rest = separators.slice(k + 1);
  const final: string[] = [];
  let good: string[] = [];
  for (const s of splitOn(text, separators[k]!)) {
    if (s.length <= size) good.push(s);
    else {
      if (good.length > 0) final.push(...mergeSplits(good, size, overlap));
      good = [];
      if (rest.length === 0) throw new Error(`reference: piece over size with no separator left: ${JSON.stringify(s)}`);
      final.push(...splitText(s, rest, size, overlap));
    }
  }
  if (good.length > 0) final.push(...mergeSplits(good, size, overlap));
  return final;
}

function reference(text: string, separators: string[], size: number, overlap: number): string[] {
  if (text.length <= size) return text.trim() === '' ? [] : [text.trim()];
  return splitText(text, separators, size, overlap);
}

const PARTS = [
  'the', 'quick', 'brown', 'fox', 'jumps', 'Réservé', 'API', '3.14', 'e.g.', '世界', '日本語のテキスト', '😀', '👩‍👩‍👧',
  '\ud800', '.', '!', '?', '。', ', ', ' ', ' ', ' ', '  ', '. ', '. ', '\t', '\n', '\r\n', '\n\n', '\n\n', '\n \n',
  '\n# ', '\n## ', '\n### ', '\u00a0',
];

function randomText(r: Random): string {
  const n = Math.floor(r() * r() * 600);
  let s = '';
  for (let i = 0; i < n; i++) s += PARTS[Math.floor(r() * PARTS.length)]!;
  return s;
}

const LISTS: string[][] = [[...DEFAULT_SEPARATORS], ['\n\n', '. ', ' ', ''], ['\n', ''], ['']];

test('recursive chars agrees with the LangChain transcription, chunk for chunk', async () => {
  const r = seededRandom(424242);
  let compared = 0;
  for (let t = 0; t < 300; t++) {
    const text = randomText(r);
    for (const separators of LISTS) {
      for (const [size, overlap] of [[2, 0], [2, 1], [9, 3], [40, 0], [40, 20], [120, 30]] as const) {
        const got = (await chunkText({ kind: 'recursive', size, overlap, unit: 'chars', separators }, text)).map((p) => p.text);
        const want = reference(text, separators, size, overlap);
        if (JSON.stringify(got) !== JSON.stringify(want)) {
          assert.equal(got, want, `${JSON.stringify(separators)} ${size}/${overlap} on ${JSON.stringify(text)}`);
        }
        compared += want.length;
      }
    }
  }
  assert.ok(compared > 20_000, `only ${compared} chunks compared`);
});

test('the transcription itself: LangChain-style merge with overlap', () => {
  assert.equal(reference('aa bb cc dd ee', [' ', ''], 6, 3), ['aa bb', 'bb cc', 'cc dd', 'dd ee']);
  assert.equal(reference('One. Two. Three.', ['. ', ''], 10, 0), ['One. Two.', 'Three.']);
});

test.run();
