/**
 * The `tokens` unit: BPE tokens of an OpenAI encoding (gpt-tokenizer, pure JS, its ranks inside the package: nothing
 * downloads). The only file that imports gpt-tokenizer; an encoding is loaded on first use (cl100k_base is ~1 MB of
 * ranks that a chars pipeline never needs).
 *
 * Token boundaries back to character offsets: the text length of each token (from the encoding's rank table) when
 * every token of the document is whole characters; otherwise the tokens are decoded in order with gpt-tokenizer's
 * streaming decoder, which holds back the bytes of an incomplete UTF-8 sequence: a token ends where the text
 * decoded so far ends, and the tokens that decoded to nothing until the last of them completed a character share
 * that character's span (unit-spans.ts keeps them together), so every boundary is a code point boundary.
 * Special-token text such as `<|endoftext|>` in a document is ordinary text.
 * Counting over one tokenisation of the whole document means a chunk cut out and encoded alone can come out a
 * token longer or shorter at its two edges.
 */
import { VecstageError } from '../../errors.js';
import type { TokenEncoding } from '../types.js';
import { SpanBuilder, type UnitSpans } from './unit-spans.js';

interface Codec {
  encode(text: string, options?: { disallowedSpecial?: Set<string> }): number[];
  decodeGenerator(tokens: Iterable<number>): Generator<string, void, void>;
}
/** gpt-tokenizer's rank table: token id -> its text when it is whole UTF-8 characters, else its bytes */
type Ranks = ReadonlyArray<string | readonly number[]>;
interface Encoding {
  codec: Codec;
  /** UTF-16 length of each token id's text, -1 for a token that is part of a character */
  lengths: Int32Array;
}

const loaded = new Map<TokenEncoding, Promise<Encoding>>();

async function load(encoding: TokenEncoding): Promise<Encoding> {
  // literal specifiers, so a bundler sees each one; the rank table is the module the encoding itself imports
  const [codec, ranks] = await ((): Promise<[Codec, { default: Ranks }]> => {
    switch (encoding) {
      case 'cl100k_base':
        return Promise.all([import('gpt-tokenizer/encoding/cl100k_base'), import('gpt-tokenizer/bpeRanks/cl100k_base')]);
      case 'o200k_base':
        return Promise.all([import('gpt-tokenizer/encoding/o200k_base'), import('gpt-tokenizer/bpeRanks/o200k_base')]);
      case 'p50k_base':
        return Promise.all([import('gpt-tokenizer/encoding/p50k_base'), import('gpt-tokenizer/bpeRanks/p50k_base')]);
      case 'r50k_base':
        return Promise.all([import('gpt-tokenizer/encoding/r50k_base'), import('gpt-tokenizer/bpeRanks/r50k_base')]);
    }
  })();
  const table = ranks.default;
  const lengths = new Int32Array(table.length).fill(-1);
  table.forEach((v, id) => {
    if (typeof v === 'string') lengths[id] = v.length;
  });
  return { codec, lengths };
}

/** A function from a text to its token spans, once the encoding is loaded. */
export async function loadTokenSpans(encoding: TokenEncoding): Promise<(text: string) => UnitSpans> {
  let e = loaded.get(encoding);
  if (e === undefined) {
    e = load(encoding);
    loaded.set(encoding, e);
  }
  const { codec, lengths } = await e;
  return (text) => tokenSpans(codec, encoding, text, lengths);
}

const AS_TEXT = { disallowedSpecial: new Set<string>() };

function tokenSpans(codec: Codec, encoding: TokenEncoding, text: string, lengths: Int32Array): UnitSpans {
  const tokens = codec.encode(text, AS_TEXT);
  const out = new SpanBuilder(tokens.length);
  // Fast path: a token whose text is whole characters has a fixed length; a token with part of a character's
  // bytes (CJK, emoji) sends the document the slow way
  let offset = 0;
  for (const t of tokens) {
    const len = t < lengths.length ? lengths[t]! : -1;
    if (len < 0) return streamedSpans(codec, encoding, text, tokens);
    out.push(offset, offset + len);
    offset += len;
  }
  return checked(out, offset, encoding, text);
}

function streamedSpans(codec: Codec, encoding: TokenEncoding, text: string, tokens: number[]): UnitSpans {
  const out = new SpanBuilder(tokens.length);
  let pulled = 0;
  // the decoder pulls tokens one at a time: when it yields text, every token pulled so far ends there
  const counted: Iterable<number> = {
    *[Symbol.iterator]() {
      for (const t of tokens) {
        pulled++;
        yield t;
      }
    },
  };
  let offset = 0;
  for (const piece of codec.decodeGenerator(counted)) {
    const start = offset;
    offset += piece.length;
    // tokens that decoded to nothing on their own held the first bytes of this character: they share its span
    while (out.length < pulled) out.push(start, offset);
  }
  for (let k = out.length; k < tokens.length; k++) out.push(offset, offset);
  return checked(out, offset, encoding, text);
}

function checked(out: SpanBuilder, offset: number, encoding: TokenEncoding, text: string): UnitSpans {
  if (offset !== text.length) {
    throw new VecstageError('INTERNAL', `${encoding} tokens decode to ${offset} UTF-16 units of a text of ${text.length}; cannot map them to offsets`);
  }
  return out.done();
}
