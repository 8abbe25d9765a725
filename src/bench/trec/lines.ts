/**
 * The line grammar trec_eval's readers share: fields split on whitespace, blank lines skipped, lines whose first
 * non-blank character is `#` are comments. A visitor rather than an array of lines: a run of a million lines then
 * allocates only what the caller keeps (retaining per-line arrays tripled parse time).
 */
export function forEachTrecLine(text: string, visit: (fields: string[], line: number) => void): void {
  let start = 0;
  let line = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    const trimmed = text.slice(start, end).trim();
    start = end + 1;
    if (trimmed === '' || trimmed.charCodeAt(0) === 35 /* # */) continue;
    visit(trimmed.split(/\s+/), line);
  }
}
