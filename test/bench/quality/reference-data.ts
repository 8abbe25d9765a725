import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** ../shared/data relative to the project root; absent in a user's checkout, so tests that need it skip. */
export const SHARED_DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));

export function haveSharedData(folder: string): boolean {
  return existsSync(`${SHARED_DATA}${folder}`);
}

export function skipMessage(folder: string): string {
  return `skipped: reference data ${SHARED_DATA}${folder} is absent (it lives in ../shared/data next to the project)`;
}

/** Parses trec_eval output into `measure qid` -> value text. */
export function parseTrecOutput(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const [measure = '', qid = '', value = ''] = line.split('\t');
    out.set(`${measure.trim()} ${qid}`, value.trim());
  }
  return out;
}
