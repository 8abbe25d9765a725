/** parseBytes (the CSV scanner's path) must equal parse() on the decoded text: the same values, bit for bit, and the same failures. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EmbeddingParser } from '../../../src/sampler/input/embedding-parse.js';

function both(cell: string): void {
  const a = new EmbeddingParser();
  const b = new EmbeddingParser();
  const padded = Buffer.from(`xx${cell},"tail"`);
  const ra = a.parse(cell);
  const rb = b.parseBytes(padded, 2, 2 + Buffer.byteLength(cell));
  assert.equal(rb, ra, cell.slice(0, 60));
  if (ra.ok) assert.equal(new Uint32Array(b.values.buffer, 0, ra.length), new Uint32Array(a.values.buffer, 0, ra.length), `bits of ${cell.slice(0, 60)}`);
}

test('random vectors in the generator, JSON and numpy spellings', () => {
  let s = 7;
  const rand = (): number => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let k = 0; k < 300; k++) {
    const v = Array.from({ length: 1 + (k % 40) }, () => (rand() - 0.5) * 10 ** Math.floor(rand() * 12 - 6));
    both(`[${v.map((x) => x.toFixed(7)).join(',')}]`);
    both(`[${v.join(', ')}]`);
    both(` [ ${v.map((x) => x.toExponential(5)).join(' ,\t')} ] `);
    both(`[${v.map((x) => String(Math.fround(x))).join(',')}]`);
  }
});

test('edge cells: long mantissas, big exponents, signs, NaN/Infinity, empty, numpy reprs, garbage, non-ASCII', () => {
  for (const cell of ['[]', '[ ]', '[0]', '[-0]', '[+1.5]', '[1e400]', '[1e-400]', '[3.4028235e38]', '[1e39]', '[0.12345678901234567890]',
    '[123456789012345678]', '[0.000000000000000000000001]', '[1E+2,2e-2]', '[NaN,1]', '[-Infinity]', '[1,2,]', '[1 2 3]',
    '[0.1, ..., 0.3]', '[0.1,…]', '[null]', '[1,2', '1,2]', '[1.]', '[.5]', '[1e]', '[1,"2"]', '[1] x', '[１]', '[1,2]\n']) both(cell);
});

test.run();
