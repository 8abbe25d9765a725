import { ORIGIN_MARKER_FIELD, ORIGIN_MARKER_JSON, ORIGIN_MARKER_VALUE } from '../origin-marker.js';
import type { SynthDocument } from './compose.js';
import type { DocumentFormat } from './options.js';

/** The export's columns; the origin marker is the last one so the CSV header ends with it. */
export const DOCUMENT_COLUMNS = ['id', 'text', 'tenant', 'lang', 'doc_type', ORIGIN_MARKER_FIELD] as const;
export const DOCUMENT_CSV_HEADER = `${DOCUMENT_COLUMNS.join(',')}\n`;

/** RFC 4180: the text cell is always quoted (it holds newlines and commas), quotes doubled. */
export function documentCsvLine(d: SynthDocument): string {
  return `${d.id},"${d.text.replaceAll('"', '""')}",${d.tenant},${d.lang},${d.docType},${ORIGIN_MARKER_VALUE}\n`;
}

/** One flat JSON object per line, the marker right after the id so the first bytes of the file show it. */
export function documentJsonLine(d: SynthDocument): string {
  return `{"id":${JSON.stringify(d.id)},${ORIGIN_MARKER_JSON},"text":${JSON.stringify(d.text)},"tenant":${JSON.stringify(d.tenant)},"lang":"${d.lang}","doc_type":"${d.docType}"}\n`;
}

export function documentLine(format: DocumentFormat): (d: SynthDocument) => string {
  return format === 'csv' ? documentCsvLine : documentJsonLine;
}
