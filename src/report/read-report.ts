import { readFile } from 'node:fs/promises';
import { VecstageError } from '../errors.js';
import { checkReport } from './validate/check-report.js';
import type { Report } from './types.js';

/**
 * Reads and checks a report.json. Every failure is one INPUT error naming the file: missing, not JSON, or not
 * a report.json v1 (with the JSON path of the first wrong field).
 */
export async function readReport(path: string, shownAs: string = path): Promise<Report> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (err as Error).message;
    throw new VecstageError('INPUT', `cannot read report ${shownAs}: ${why}`, { cause: err, details: { path: shownAs } });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new VecstageError('INPUT', `invalid report ${shownAs}: not JSON (${(err as Error).message.replace(/\s+/g, ' ')})`, { cause: err, details: { path: shownAs } });
  }
  return checkReport(value, shownAs);
}
