/**
 * Whitespace as JavaScript's `\s` defines it (so "whitespace only" here and `/\S/` agree), tested on char codes:
 * the chunkers scan every character of the corpus and a regex per character would cost more than the cutting.
 */
export function isWhitespace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** The first index in [start, end) that is not whitespace, or end. */
export function skipWhitespace(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && isWhitespace(text.charCodeAt(i))) i++;
  return i;
}

/** The index after the last character in [start, end) that is not whitespace, or start. */
export function trimEnd(text: string, start: number, end: number): number {
  let i = end;
  while (i > start && isWhitespace(text.charCodeAt(i - 1))) i--;
  return i;
}

export function isBlank(text: string): boolean {
  return skipWhitespace(text, 0, text.length) === text.length;
}
