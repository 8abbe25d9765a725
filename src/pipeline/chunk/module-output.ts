/**
 * What a chunker module returned, checked and turned into pieces. Allowed: an array whose elements are strings or
 * `{text, start?, end?}` objects. A string (or an object without offsets) is placed by searching the document
 * forward from the previous chunk's start; text that does not occur verbatim gets null offsets. Offsets that are
 * given must be integers with 0 <= start <= end <= the text's length; they need not frame `text` exactly (a module
 * may add a heading to a chunk). Whitespace-only chunks are dropped, as for the built-in kinds.
 */
import { VecstageError } from '../../errors.js';
import type { ChunkPiece, SourceDocument } from '../types.js';
import { isBlank } from './whitespace.js';

export const MODULE_OUTPUT = 'an array of strings or {text, start?, end?} objects';

export function modulePieces(output: unknown, doc: SourceDocument, module: string): ChunkPiece[] {
  const bad = (what: string): VecstageError =>
    new VecstageError('INPUT', `invalid chunks from chunker module ${JSON.stringify(module)} for document ${JSON.stringify(doc.id)}: ${what}; allowed: ${MODULE_OUTPUT}`, {
      details: { module, document: doc.id },
    });
  if (!Array.isArray(output)) throw bad(`it returned ${describe(output)}`);
  const pieces: ChunkPiece[] = [];
  let from = 0;
  const n = doc.text.length;
  output.forEach((el: unknown, i) => {
    let text: string;
    let start: number | null = null;
    let end: number | null = null;
    if (typeof el === 'string') text = el;
    else if (el !== null && typeof el === 'object' && !Array.isArray(el)) {
      const o = el as Record<string, unknown>;
      const extra = Object.keys(o).filter((k) => k !== 'text' && k !== 'start' && k !== 'end');
      if (extra.length > 0) throw bad(`element ${i} has unknown key ${JSON.stringify(extra[0])}`);
      if (typeof o.text !== 'string') throw bad(`element ${i} has text ${describe(o.text)}`);
      text = o.text;
      const hasStart = o.start !== undefined && o.start !== null;
      const hasEnd = o.end !== undefined && o.end !== null;
      if (hasStart !== hasEnd) throw bad(`element ${i} has ${hasStart ? 'start' : 'end'} without ${hasStart ? 'end' : 'start'}`);
      if (hasStart) {
        const ok = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= n;
        if (!ok(o.start) || !ok(o.end) || o.start > o.end) {
          throw bad(`element ${i} has offsets ${JSON.stringify([o.start, o.end])} (need integers 0 <= start <= end <= ${n})`);
        }
        start = o.start;
        end = o.end;
      }
    } else throw bad(`element ${i} is ${describe(el)}`);
    if (isBlank(text)) return;
    if (start === null) {
      const at = doc.text.indexOf(text, from);
      if (at >= 0) {
        start = at;
        end = at + text.length;
      }
    }
    if (start !== null) from = start;
    pieces.push({ text, start, end });
  });
  return pieces;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `a string (${JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v)})`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v === 'undefined' ? 'undefined' : `a ${typeof v}`}${typeof v === 'number' || typeof v === 'boolean' ? ` (${String(v)})` : ''}`;
}
