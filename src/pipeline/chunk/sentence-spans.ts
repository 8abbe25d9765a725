/**
 * Sentences of a text, as [start, end) ranges without surrounding whitespace. A sentence ends
 * - after a run of `.`, `!`, `?` (and closing quotes or brackets right after it) followed by whitespace or the end;
 * - after a run holding a CJK full stop, exclamation or question mark (。！？｡), whatever follows: CJK text puts no
 *   space between sentences;
 * - at a blank line (whitespace holding two or more line breaks; \r\n counts once), and at the end of the text.
 * No abbreviation list: "e.g. this" is two sentences.
 */
import { isWhitespace } from './whitespace.js';

export function sentenceRanges(text: string, from = 0, to = text.length): number[] {
  const out: number[] = [];
  let start = -1;
  let lastEnd = from;
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (isWhitespace(c)) {
      let breaks = 0;
      let j = i;
      while (j < to) {
        const w = text.charCodeAt(j);
        if (!isWhitespace(w)) break;
        if (w === 10 || w === 0x2028 || w === 0x2029 || (w === 13 && text.charCodeAt(j + 1) !== 10)) breaks++;
        j++;
      }
      if (breaks >= 2 && start >= 0) {
        out.push(start, i);
        start = -1;
      }
      i = j;
      continue;
    }
    if (start < 0) start = i;
    const cjk = isCjkTerminator(c);
    if (cjk || c === 46 || c === 33 || c === 63) {
      let j = i + 1;
      let anyCjk = cjk;
      while (j < to) {
        const t = text.charCodeAt(j);
        if (isCjkTerminator(t)) anyCjk = true;
        else if (t !== 46 && t !== 33 && t !== 63) break;
        j++;
      }
      while (j < to && isCloser(text.charCodeAt(j))) j++;
      lastEnd = j;
      if (anyCjk || j === to || isWhitespace(text.charCodeAt(j))) {
        out.push(start, j);
        start = -1;
      }
      i = j;
      continue;
    }
    i++;
    lastEnd = i;
  }
  if (start >= 0) out.push(start, lastEnd);
  return out;
}

/** 。！？ and the halfwidth ｡ */
function isCjkTerminator(c: number): boolean {
  return c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff61;
}

/** " ' ) ] } ” ’ » ） 」 』 】 */
function isCloser(c: number): boolean {
  return c === 34 || c === 39 || c === 41 || c === 93 || c === 125 || c === 0x201d || c === 0x2019 || c === 0xbb || c === 0xff09 || c === 0x300d || c === 0x300f || c === 0x3011;
}
