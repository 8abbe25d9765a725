/** Text detectors (DESIGN §3 edge cases). Pure functions of one text cell. */

/** Empty or whitespace-only text. */
export function isEmptyText(text: string): boolean {
  return text.trim().length === 0;
}

/** Non-empty text shorter than `minChars` characters after trimming. */
export function isShortText(text: string, minChars: number): boolean {
  const n = text.trim().length;
  return n > 0 && n < minChars;
}

/** Text beyond the limit; the token count is estimated as chars / 4 (the usual BPE rule of thumb). */
export function isLongText(text: string, maxChars: number): boolean {
  return text.length > maxChars;
}

const NON_ASCII = /[^\x00-\x7f]/;

export function hasNonAscii(text: string): boolean {
  // the regular expression engine's compiled loop: 2x a charCodeAt loop (measured)
  return NON_ASCII.test(text);
}

const SCRIPTS: ReadonlyArray<[string, RegExp]> = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Han', /\p{Script=Han}/u],
  ['Kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Thai', /\p{Script=Thai}/u],
];

/** The scripts of the code points seen so far: 0 = not looked up yet, else 1 + a bit per SCRIPTS entry. */
const BMP_SCRIPTS = new Uint16Array(0x10000);
const ASTRAL_SCRIPTS = new Map<number, number>();
const HAN = 1 << SCRIPTS.findIndex(([name]) => name === 'Han');
const KANA = 1 << SCRIPTS.findIndex(([name]) => name === 'Kana');

/** The SCRIPTS bits of one code point, from the regular expressions (looked up once per code point). */
function scriptBits(cp: number): number {
  const ch = String.fromCodePoint(cp);
  let bits = 0;
  for (let s = 0; s < SCRIPTS.length; s++) if ((SCRIPTS[s] as [string, RegExp])[1].test(ch)) bits |= 1 << s;
  return bits;
}

const LATIN = 1 << SCRIPTS.findIndex(([name]) => name === 'Latin');

/** Han with Kana is ordinary Japanese: one script. */
function merged(mask: number): number {
  return (mask & HAN) !== 0 && (mask & KANA) !== 0 ? mask & ~HAN : mask;
}

/**
 * The SCRIPTS bits of a text: the union over its code points, which is what testing each expression on the
 * whole text gives (a `u` expression matches one code point; a lone surrogate has no script), at one table
 * look-up per character instead of ten scans of the text. `mixed`: stop once two scripts are certain (more code
 * points only add bits, and merged() never takes a second script away).
 */
function scriptMask(text: string, mixed: boolean): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp < 0x80) {
      // ASCII: only the letters have a script (Latin)
      if ((mask & LATIN) === 0 && ((cp | 32) - 97) >>> 0 < 26) mask |= LATIN;
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = ((cp - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    const before = mask;
    if (cp < 0x10000) {
      let t = BMP_SCRIPTS[cp] as number;
      if (t === 0) t = BMP_SCRIPTS[cp] = 1 + scriptBits(cp);
      mask |= t - 1;
    } else {
      let t = ASTRAL_SCRIPTS.get(cp);
      if (t === undefined) ASTRAL_SCRIPTS.set(cp, (t = scriptBits(cp)));
      mask |= t;
    }
    if (mixed && mask !== before) {
      const m = merged(mask);
      if ((m & (m - 1)) !== 0) return m;
    }
  }
  return merged(mask);
}

/** Letters from two or more scripts (Han with Kana counts as one: that is ordinary Japanese). */
export function scriptsOf(text: string): string[] {
  const mask = scriptMask(text, false);
  return SCRIPTS.filter((_, s) => (mask & (1 << s)) !== 0).map(([name]) => name);
}

/** A letter of any listed script but Latin: without one, a text has at most one script. */
const NON_LATIN = new RegExp(`[${SCRIPTS.filter(([name]) => name !== 'Latin').map(([, re]) => re.source.replace(/^\[|\]$/g, '')).join('')}]`, 'u');

export function hasMixedScripts(text: string): boolean {
  // most texts are in one script: the expression engine rules those out at a fraction of a per-character loop
  if (!NON_LATIN.test(text)) return false;
  const mask = scriptMask(text, true);
  return (mask & (mask - 1)) !== 0;
}
