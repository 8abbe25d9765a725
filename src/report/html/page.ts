import { readFileSync } from 'node:fs';
import { jsonForScript } from '../escape.js';
import { chartLibrary } from './chart-library.js';
import { html, trusted, type SafeHtml } from './html.js';
import { STYLES } from './styles.js';

let client: string | undefined;

/** The page script (src/report/html/client.js), a trusted file of this package. */
function clientScript(): string {
  client ??= readFileSync(new URL('./client.js', import.meta.url), 'utf8');
  return client;
}

/**
 * One self-contained HTML document: inline CSS, the inlined chart library, the data as JSON in a
 * non-executable script block, and the page script. A CSP that forbids every fetch makes "works offline" a
 * property the browser enforces, not just a habit.
 */
export function page(title: string, body: SafeHtml, data: unknown): string {
  const csp = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${trusted(STYLES)}</style>
</head>
<body>
${body}
<script type="application/json" id="vecstage-data">${trusted(jsonForScript(data))}</script>
<script id="chart-library">${trusted(chartLibrary())}</script>
<script>${trusted(clientScript())}</script>
</body>
</html>
`.value;
}
