/**
 * Invariants of every built-in chunker over many seeded random texts (emoji and ZWJ sequences, CJK, mixed newlines,
 * headings, blank lines, lone surrogates): each chunk is the document slice at its offsets, is not whitespace only,
 * splits no surrogate pair, holds at most `size` units; chunks are in order; every non-whitespace character is in
 * some chunk; fixed windows do not overlap, sliding windows overlap by at most `overlap` units.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { seededRandom, type Random } from '../../../src/random.js';
import { chunkText, type BuiltInChunkerConfig } from '../../../src/pipeline/chunk/built-in.js';
import { charMeasure } from '../../../src/pipeline/chunk/char-measure.js';
import { DEFAULT_SEPARATORS } from '../../../src/pipeline/chunk/config.js';
import type { Measure } from '../../../src/pipeline/chunk/measure.js';
import { sentenceRanges } from '../../../src/pipeline/chunk/sentence-spans.js';
import { loadTokenSpans } from '../../../src/pipeline/chunk/token-spans.js';
import { spanMeasure } from '../../../src/pipeline/chunk/unit-spans.js';
import { wordSpans } from '../../../src/pipeline/chunk/word-spans.js';
import type { ChunkUnit } from '../../../src/pipeline/types.js';

const PARTS = [
  'the', 'quick', 'brown', 'fox', 'Réservé', 'naïve', 'API', '3.14', 'e.g.', 'Q:', '"quoted."', '(aside)',
  '世界', '你好', '日本語のテキスト', 'Привет', 'مرحبا', '😀', '👍🏽', '👩‍👩‍👧', '🇯🇵', '\ud800', '\udfff',
  '.', '!', '?', '。', '！', '？', '...', ', ', ' ', ' ', ' ', '  ', '\t', '\n', '\r\n', '\r', '\n\n', '\r\n\r\n', '\n \n',
  '\n# ', '\n## ', '\n### ', '<|endoftext|>', '\u00a0', '\u3000',
];

function randomText(r: Random): string {
  const n = Math.floor(r() * r() * 400);
  let s = '';
  for (let i = 0; i < n; i++) s += PARTS[Math.floor(r() * PARTS.length)]!;
  return s;
}

const TEXTS = ((): string[] => {
  const r = seededRandom(20240611);
  const out = ['', '   ', 'x', '😀', 'a'.repeat(300), '\n\n# Only a heading\n\n'];
  for (let i = 0; i < 220; i++) out.push(randomText(r));
  return out;
})();

const tokenSpans = await loadTokenSpans('cl100k_base');
function measureOf(unit: ChunkUnit, text: string): Measure {
  if (unit === 'chars') return charMeasure(text);
  return spanMeasure(unit === 'words' ? wordSpans(text) : tokenSpans(text));
}

function configs(unit: ChunkUnit): BuiltInChunkerConfig[] {
  const enc = unit === 'tokens' ? { encoding: 'cl100k_base' as const } : {};
  const out: BuiltInChunkerConfig[] = [];
  for (const size of [1, 2, 7, 40]) {
    out.push({ kind: 'fixed', size, unit, ...enc });
    for (const overlap of [0, Math.floor(size / 2), size - 1]) {
      if (overlap >= size) continue;
      out.push({ kind: 'sliding-window', size, overlap, unit, ...enc });
      out.push({ kind: 'sentence', size, overlap, unit, ...enc });
      out.push({ kind: 'recursive', size, overlap, unit, separators: [...DEFAULT_SEPARATORS], ...enc });
    }
  }
  out.push({ kind: 'recursive', size: 9, overlap: 3, unit, separators: ['\n\n', '. '], ...enc });
  return out;
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
const insidePair = (t: string, p: number): boolean => p > 0 && p < t.length && isHigh(t.charCodeAt(p - 1)) && isLow(t.charCodeAt(p));

async function checkUnit(unit: ChunkUnit): Promise<number> {
  let checked = 0;
  for (const config of configs(unit)) {
    for (const text of TEXTS) {
      const where = `${JSON.stringify(config)} on ${JSON.stringify(text.slice(0, 60))}`;
      const pieces = await chunkText(config, text);
      const m = measureOf(unit, text);
      const covered = new Uint8Array(text.length);
      let prevStart = -1;
      let prevEnd = -1;
      for (const p of pieces) {
        const { start, end } = p;
        if (start === null || end === null) throw new Error(`null offsets: ${where}`);
        if (text.slice(start, end) !== p.text) assert.unreachable(`slice mismatch at ${start}..${end}: ${where}`);
        if (!/\S/.test(p.text)) assert.unreachable(`whitespace-only chunk: ${where}`);
        if (insidePair(text, start) || insidePair(text, end)) assert.unreachable(`surrogate pair split at ${start}..${end}: ${where}`);
        const units = m.count(start, end);
        // a single character over size (a surrogate pair at size 1, a character of several tokens) is a chunk of its own
        const oneChar = [...p.text].length === 1;
        if (units > config.size && !oneChar) assert.unreachable(`${units} units > size at ${start}..${end}: ${where}`);
        if (start < prevStart) assert.unreachable(`out of order at ${start}: ${where}`);
        if (prevEnd > start) {
          const shared = m.count(start, prevEnd);
          if (config.kind === 'fixed') assert.unreachable(`fixed windows overlap at ${start}: ${where}`);
          else if (shared > config.overlap) assert.unreachable(`overlap ${shared} > ${config.overlap} at ${start}: ${where}`);
        }
        covered.fill(1, start, end);
        prevStart = start;
        prevEnd = end;
        checked++;
      }
      for (let i = 0; i < text.length; i++) {
        if (!covered[i] && /\S/.test(text[i]!)) assert.unreachable(`character ${i} (${JSON.stringify(text[i])}) in no chunk: ${where}`);
      }
    }
  }
  return checked;
}

for (const unit of ['chars', 'words', 'tokens'] as const) {
  test(`${unit}: every chunk is its slice, within size, in order, and the chunks cover the text`, async () => {
    const checked = await checkUnit(unit);
    assert.ok(checked > 10_000, `only ${checked} chunks checked`);
  });
}

test('sentence chunks start and end where sentences do, unless cut from a sentence over size', async () => {
  const r = seededRandom(7);
  for (let k = 0; k < 150; k++) {
    const text = randomText(r);
    const s = sentenceRanges(text);
    const starts = new Set<number>();
    const ends = new Set<number>();
    const long: Array<[number, number]> = [];
    for (let i = 0; i < s.length; i += 2) {
      starts.add(s[i]!);
      ends.add(s[i + 1]!);
      if (s[i + 1]! - s[i]! > 60) long.push([s[i]!, s[i + 1]!]);
    }
    for (const p of await chunkText({ kind: 'sentence', size: 60, overlap: 20, unit: 'chars' }, text)) {
      if (long.some(([a, b]) => a <= p.start! && p.end! <= b)) continue;
      assert.ok(starts.has(p.start!) && ends.has(p.end!), `not whole sentences: ${JSON.stringify(p.text)}`);
    }
  }
});

test('the same text and config give the same chunks', async () => {
  const config: BuiltInChunkerConfig = { kind: 'recursive', size: 30, overlap: 10, unit: 'chars', separators: [...DEFAULT_SEPARATORS] };
  for (const text of TEXTS.slice(0, 50)) assert.equal(await chunkText(config, text), await chunkText(config, text));
});

test.run();
