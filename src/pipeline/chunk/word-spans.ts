/** The `words` unit: maximal runs of non-whitespace (JavaScript's `\s`), as spans of the text. */
import { SpanBuilder, type UnitSpans } from './unit-spans.js';
import { isWhitespace } from './whitespace.js';

export function wordSpans(text: string): UnitSpans {
  // prose averages ~6 characters a word with its space
  const out = new SpanBuilder(text.length >>> 3);
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && isWhitespace(text.charCodeAt(i))) i++;
    if (i === n) break;
    const start = i;
    while (i < n && !isWhitespace(text.charCodeAt(i))) i++;
    out.push(start, i);
  }
  return out.done();
}
