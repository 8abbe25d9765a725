import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashFile, hashFileInThread } from '../../../src/sampler/parallel/hash-file.js';

const dir = mkdtempSync(join(tmpdir(), 'vecstage-hash-'));

test('hashFileInThread: the whole file, across several 1 MiB reads, the same as sha256 of its bytes', async () => {
  for (const size of [0, 1, (1 << 20) - 1, (1 << 20) + 1, 9 << 20]) {
    const bytes = Buffer.alloc(size);
    for (let i = 0; i < size; i++) bytes[i] = (i * 31 + (i >>> 11)) & 255;
    const path = join(dir, `f${size}.bin`);
    writeFileSync(path, bytes);
    const want = { bytes: size, sha256: createHash('sha256').update(bytes).digest('hex') };
    assert.equal(await hashFileInThread(path), want, `size ${size}`);
    assert.equal(await hashFile(path), want, `size ${size}, this thread`);
  }
});

test('hashFileInThread: a missing file rejects (the worker fails, the fallback throws ENOENT)', async () => {
  try {
    await hashFileInThread(join(dir, 'missing.bin'));
    assert.unreachable('should reject');
  } catch (err) {
    assert.match((err as Error).message, /ENOENT/);
  }
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
