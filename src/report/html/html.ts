import { escapeHtml } from '../escape.js';

/** Markup that is already safe; everything else interpolated into `html` is escaped. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = SafeHtml | string | number | null | undefined | false | readonly Part[];

/**
 * Tagged template for HTML: interpolated strings and numbers are escaped unless they are SafeHtml, arrays are
 * joined, null/undefined/false render nothing. Escaping by default means a data value can only reach the page
 * as text.
 */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

function render(v: Part): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

/** A trusted constant string (CSS, the client script), never data. */
export function trusted(s: string): SafeHtml {
  return new SafeHtml(s);
}
