/**
 * `recursive`: LangChain's RecursiveCharacterTextSplitter (langchain_text_splitters, strip_whitespace), on
 * offsets instead of strings. For a range: take the first separator that occurs in it ("" always does: it splits
 * between code points), split there (piecesOf says which side keeps the separator), then walk the pieces: runs
 * of pieces of at most `size` units are merged into chunks of at most `size` units, each next one starting with
 * the previous one's trailing pieces of at most `overlap` units; a piece over `size` is split the same way with
 * the separators after the one used. Every chunk is trimmed of whitespace at both ends. Since the separators go
 * from headings to paragraphs, lines, sentences and words, chunks break at the largest boundary that lets them fit.
 * Differences from LangChain: its keep_separator="start" would begin a piece with ". "; a piece of exactly `size`
 * units counts as fitting (its test is `< size`); a piece over `size` when no separator is left is cut with the
 * sliding rule (it keeps the piece whole); a range that fits is one chunk without being split and merged back.
 */
import type { Measure } from './measure.js';
import { SeparatorFinder } from './separator-finder.js';
import { isWhitespace, skipWhitespace, trimEnd } from './whitespace.js';

export function recursiveRanges(text: string, measure: Measure, size: number, overlap: number, separators: readonly string[]): number[] {
  const out: number[] = [];
  const finder = new SeparatorFinder(text, separators);

  const emit = (start: number, end: number): void => {
    const s = skipWhitespace(text, start, end);
    if (s === end) return;
    out.push(s, trimEnd(text, s, end));
  };

  // Merges pieces bounds[from..to] (piece i is [bounds[i], bounds[i+1])) with lengths lens[from..to-1].
  const merge = (bounds: number[], lens: number[], from: number, to: number): void => {
    let head = from;
    let total = 0;
    for (let j = from; j < to; j++) {
      const len = lens[j]!;
      if (total + len > size && j > head) {
        emit(bounds[head]!, bounds[j]!);
        while (total > overlap || (total + len > size && total > 0)) {
          total -= lens[head]!;
          head++;
        }
      }
      total += len;
    }
    if (head < to) emit(bounds[head]!, bounds[to]!);
  };

  const split = (start: number, end: number, sepFrom: number): void => {
    let k = sepFrom;
    for (; k < separators.length; k++) {
      const sep = separators[k]!;
      if (sep === '' || finder.next(k, start) + sep.length <= end) break;
    }
    if (k === separators.length) {
      measure.windows(start, end, size, size - overlap, out);
      return;
    }
    const bounds = piecesOf(text, finder, separators, k, start, end);
    const lens: number[] = [];
    for (let i = 0; i + 1 < bounds.length; i++) lens.push(measure.count(bounds[i]!, bounds[i + 1]!));
    let run = 0;
    for (let i = 0; i < lens.length; i++) {
      if (lens[i]! <= size) continue;
      if (i > run) merge(bounds, lens, run, i);
      if (k + 1 < separators.length) split(bounds[i]!, bounds[i + 1]!, k + 1);
      else measure.windows(bounds[i]!, bounds[i + 1]!, size, size - overlap, out);
      run = i + 1;
    }
    if (lens.length > run) merge(bounds, lens, run, lens.length);
  };

  if (measure.count(0, text.length) <= size) emit(0, text.length);
  else split(0, text.length, 0);
  return out;
}

/**
 * Piece boundaries of [start, end) split on separator k; "" splits between code points. The separator's leading
 * non-whitespace characters end the piece before it (". " leaves the full stop with its sentence, "。" stays
 * whole), the rest starts the piece after it ("\n# " puts the heading at the start of its section).
 */
function piecesOf(text: string, finder: SeparatorFinder, separators: readonly string[], k: number, start: number, end: number): number[] {
  const sep = separators[k]!;
  const bounds = [start];
  if (sep === '') {
    for (let i = start; i < end; ) {
      const c = text.charCodeAt(i);
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < end && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
      bounds.push(i);
    }
    return bounds;
  }
  const lead = leadingNonWhitespace(sep);
  let from = start;
  for (;;) {
    const at = finder.next(k, from);
    if (at + sep.length > end) break;
    const cut = at + lead;
    if (cut > bounds[bounds.length - 1]! && cut < end) bounds.push(cut);
    from = at + sep.length;
  }
  bounds.push(end);
  return bounds;
}

function leadingNonWhitespace(sep: string): number {
  let i = 0;
  while (i < sep.length && !isWhitespace(sep.charCodeAt(i))) i++;
  return i;
}
