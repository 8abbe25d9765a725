/**
 * Which CSV reader pass 1 and pass 2 use: the byte scanner (readers/csv-range-reader.ts) when the file's dialect
 * is one it reads exactly like csv-parse, else csv-parse itself. VECSTAGE_CSV_PARSER=csv-parse forces csv-parse
 * (to check the scanner against it on real data); VECSTAGE_CSV_PARSER=scanner is the default.
 */
import { invalid } from '../../../errors.js';
import { CR, LF, QUOTE } from './csv-record-scan.js';

export type CsvParserKind = 'scanner' | 'csv-parse';
export const CSV_PARSERS: readonly CsvParserKind[] = ['scanner', 'csv-parse'];

export function csvParserChoice(env: NodeJS.ProcessEnv = process.env): CsvParserKind {
  const v = env.VECSTAGE_CSV_PARSER;
  if (v === undefined || v === '') return 'scanner';
  if (!(CSV_PARSERS as readonly string[]).includes(v)) throw invalid('VECSTAGE_CSV_PARSER', v, CSV_PARSERS.join(', '), undefined, 'USAGE');
  return v as CsvParserKind;
}

/**
 * The record delimiter when the scanner can read the file, from its first bytes: a UTF-8 BOM or none (csv-parse
 * switches to UTF-16 after a UTF-16 BOM), and a header line without quotes that ends in "\n" or "\r\n" (csv-parse
 * discovers the delimiter from the first line break; "\r" alone is left to it). undefined: use csv-parse.
 */
export function scannerDelimiter(head: Buffer): '\n' | '\r\n' | undefined {
  if (head[0] === 0xff && head[1] === 0xfe) return undefined;
  for (let i = 0; i < head.length; i++) {
    const c = head[i];
    if (c === QUOTE) return undefined;
    if (c === LF) return '\n';
    if (c === CR) {
      if (i + 1 >= head.length) return undefined;
      return head[i + 1] === LF ? '\r\n' : undefined;
    }
  }
  return undefined;
}
