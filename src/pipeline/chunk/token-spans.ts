/**
 * The `tokens` unit: BPE tokens of an OpenAI encoding (gpt-tokenizer, pure JS, its ranks inside the package: nothing
 * downloads). The only file that imports gpt-tokenizer; an encoding is loaded on first use (cl100k_base is ~1 MB of
 * ranks that a chars pipeline never needs).
 *
 * Token boundaries back to character offsets: the tokens are decoded in order with gpt-tokenizer's streaming
 * decoder, which holds back the bytes of an incomplete UTF-8 sequence; a token ends where the text decoded so far
 * ends; the tokens that decoded to nothing until the last of them completed a character share that character's
 * span (unit-spans.ts keeps them together), so every boundary is a code point boundary. Special-token text such
 * as `<|endoftext|>` in a document is ordinary text.
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

const loaded = new Map<TokenEncoding, Promise<Codec>>();

function load(encoding: TokenEncoding): Promise<Codec> {
  // literal specifiers, so a bundler sees each one
  switch (encoding) {
    case 'cl100k_base':
      return import('gpt-tokenizer/encoding/cl100k_base');
    case 'o200k_base':
      return import('gpt-tokenizer/encoding/o200k_base');
    case 'p50k_base':
      return import('gpt-tokenizer/encoding/p50k_base');
    case 'r50k_base':
      return import('gpt-tokenizer/encoding/r50k_base');
  }
}

/** A function from a text to its token spans, once the encoding is loaded. */
export async function loadTokenSpans(encoding: TokenEncoding): Promise<(text: string) => UnitSpans> {
  let codec = loaded.get(encoding);
  if (codec === undefined) {
    codec = load(encoding);
    loaded.set(encoding, codec);
  }
  const c = await codec;
  return (text) => tokenSpans(c, encoding, text);
}

const AS_TEXT = { disallowedSpecial: new Set<string>() };

function tokenSpans(codec: Codec, encoding: TokenEncoding, text: string): UnitSpans {
  const tokens = codec.encode(text, AS_TEXT);
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
  if (offset !== text.length) {
    throw new VecstageError('INTERNAL', `${encoding} tokens decode to ${offset} UTF-16 units of a text of ${text.length}; cannot map them to offsets`);
  }
  return out.done();
}
