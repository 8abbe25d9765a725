/**
 * The line grammar trec_eval's readers share: fields split on whitespace, blank lines skipped, lines whose first
 * non-blank character is `#` are comments.
 */
export interface TrecLine {
  /** 1-based line number in the file */
  line: number;
  fields: string[];
}

export function trecLines(text: string): TrecLine[] {
  const out: TrecLine[] = [];
  const rows = text.split('\n');
  for (let i = 0; i < rows.length; i++) {
    const raw = rows[i] ?? '';
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    out.push({ line: i + 1, fields: trimmed.split(/\s+/) });
  }
  return out;
}
