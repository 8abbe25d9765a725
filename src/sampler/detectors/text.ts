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

export function hasNonAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return true;
  return false;
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

/** Letters from two or more scripts (Han with Kana counts as one: that is ordinary Japanese). */
export function scriptsOf(text: string): string[] {
  const found = SCRIPTS.filter(([, re]) => re.test(text)).map(([name]) => name);
  if (found.includes('Han') && found.includes('Kana')) return found.filter((s) => s !== 'Han');
  return found;
}

export function hasMixedScripts(text: string): boolean {
  return hasNonAscii(text) && scriptsOf(text).length > 1;
}
