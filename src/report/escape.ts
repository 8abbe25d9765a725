/** Text for HTML element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * JSON for a <script type="application/json"> block: `<` (and U+2028/9) become \u escapes, so data holding
 * "</script>" or "<!--" cannot end the block; JSON.parse reads them back unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * Text for a Markdown table cell or inline text (never at the start of a line): one line, the punctuation that
 * can open inline markup backslash-escaped (so `|` cannot split a cell and `[x](y)` cannot become a link),
 * HTML-significant `&<>` as entities (GitHub renders inline HTML), and long text cut.
 */
export function escapeMarkdown(s: string, max = 80): string {
  const one = s.replace(/[\r\n\t]+/g, ' ');
  const cut = one.length > max ? `${one.slice(0, max - 1)}…` : one;
  return cut.replace(/[\\`*_[\]|~]/g, '\\$&').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
