/**
 * Word shingles of a text, as 32-bit hashes (the input of MinHash, Broder 1997). Pure.
 * Words are runs of letters, digits and marks, lower-cased; a character of a script written without spaces
 * (Han, Hiragana, Katakana, Thai) is a word of its own, so such text shingles by characters instead of by
 * whole runs. A text with fewer words than the shingle size is one shingle of all its words.
 */

const UNSPACED = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}';
const WORD = new RegExp(`[${UNSPACED}]|(?:(?![${UNSPACED}])[\\p{L}\\p{N}\\p{M}])+`, 'gu');

/** FNV-1a over the UTF-16 units of a word. */
function wordHash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** murmur3's 32-bit finaliser: every input bit reaches every output bit. */
export function fmix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

const NON_ASCII = /[^\x00-\x7f]/;

/** The words' hashes in text order. */
export function wordHashes(text: string): Uint32Array {
  return NON_ASCII.test(text) ? expressionWordHashes(text) : asciiWordHashes(text);
}

/** The general path (any text): words by the Unicode expression, lower-cased whole. */
export function expressionWordHashes(text: string): Uint32Array {
  const words = text.toLowerCase().match(WORD);
  if (words === null) return new Uint32Array(0);
  const out = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) out[i] = wordHash(words[i] as string);
  return out;
}

/**
 * wordHashes of an ASCII text in one pass over its character codes, without lower-cased copies or word strings:
 * the same words (runs of letters and digits) and the same FNV-1a hashes as the expression path.
 */
function asciiWordHashes(text: string): Uint32Array {
  let out = new Uint32Array(Math.min(1024, (text.length >> 1) + 1));
  let n = 0;
  let h = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i <= text.length; i++) {
    let c = i < text.length ? text.charCodeAt(i) : 32;
    const upper = c >= 65 && c <= 90;
    if (upper) c += 32;
    if (upper || (c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      h = Math.imul(h ^ c, 0x01000193);
      inWord = true;
    } else if (inWord) {
      if (n === out.length) {
        const grown = new Uint32Array(out.length * 2);
        grown.set(out);
        out = grown;
      }
      out[n++] = h >>> 0;
      h = 0x811c9dc5;
      inWord = false;
    }
  }
  return out.subarray(0, n);
}

/**
 * One hash per window of `size` consecutive words (order matters within a window); texts shorter than `size`
 * give one shingle of all their words, texts without words none.
 */
export function shingleHashes(words: Uint32Array, size: number): Uint32Array {
  const n = words.length === 0 ? 0 : Math.max(1, words.length - size + 1);
  const width = Math.min(size, words.length);
  const out = new Uint32Array(n);
  for (let s = 0; s < n; s++) {
    let h = 0x9747b28c ^ width;
    for (let j = 0; j < width; j++) h = Math.imul(((h << 5) | (h >>> 27)) ^ (words[s + j] as number), 0x9e3779b1);
    out[s] = fmix32(h);
  }
  return out;
}
