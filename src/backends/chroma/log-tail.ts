import { openSync, readSync, closeSync, fstatSync } from 'node:fs';

/** The last `lines` lines of a log file, reading only bytes written after `fromOffset` (this run's output). */
export function readLogTail(file: string, fromOffset = 0, lines = 8, maxBytes = 16_384): string {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    const start = Math.max(fromOffset, size - maxBytes);
    const len = Math.max(0, size - start);
    const buf = Buffer.alloc(len);
    readSync(fd, buf, 0, len, start);
    // strip ANSI colour codes: Chroma prints a coloured banner
    const text = buf.toString('utf8').replace(/\u001b\[[0-9;]*m/g, '');
    return text
      .split('\n')
      .map((l) => l.trimEnd())
      // drop blank lines and Chroma's ASCII-art banner (lines of only brackets and hashes)
      .filter((l) => l.length > 0 && !/^[\s()#]+$/.test(l))
      .slice(-lines)
      .join('\n');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
