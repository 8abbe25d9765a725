import { createHash } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { md5Head } from '../../../src/sampler/select/md5.js';
import { seededRandom } from '../../../src/random.js';

function reference(text: string): { hi: number; lo: number } {
  const d = createHash('md5').update(text, 'utf8').digest();
  return { hi: d.readUInt32BE(0), lo: d.readUInt32BE(4) };
}

test('md5Head equals node:crypto md5 on the RFC 1321 test suite', () => {
  for (const s of ['', 'a', 'abc', 'message digest', 'abcdefghijklmnopqrstuvwxyz', '12345678901234567890123456789012345678901234567890123456789012345678901234567890']) {
    assert.equal(md5Head(s), reference(s), JSON.stringify(s));
  }
  // RFC 1321 A.5: md5("abc") = 900150983cd24fb0...
  assert.equal(md5Head('abc'), { hi: 0x90015098, lo: 0x3cd24fb0 });
});

test('md5Head equals node:crypto md5 at every length around the block and padding boundaries, ASCII and not', () => {
  const rand = seededRandom(11);
  const alphabets = ['abcdefghijklmnopqrstuvwxyz0123456789-_:', 'aé€😀字\u0000\uFFFF'];
  for (const alphabet of alphabets) {
    const chars = [...alphabet];
    for (let len = 0; len <= 200; len++) {
      let s = '';
      for (let i = 0; i < len; i++) s += chars[Math.floor(rand() * chars.length)];
      assert.equal(md5Head(s), reference(s), `length ${len}: ${JSON.stringify(s)}`);
    }
  }
  const long = 'x'.repeat(100_000) + 'é';
  assert.equal(md5Head(long), reference(long));
  // a lone surrogate: both encode it as U+FFFD
  assert.equal(md5Head('a\uD800b'), reference('a\uD800b'));
});

test.run();
