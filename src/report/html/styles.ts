/** The report's CSS: system fonts only (no downloads), readable in light and dark schemes, printable. */
export const STYLES = `
:root { --fg: #111827; --muted: #6b7280; --bg: #ffffff; --card: #f9fafb; --line: #e5e7eb; --pass: #15803d; --fail: #b91c1c; --warn: #b45309; }
@media (prefers-color-scheme: dark) { :root { --fg: #e5e7eb; --muted: #9ca3af; --bg: #111827; --card: #1f2937; --line: #374151; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 24px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; } h3 { font-size: 15px; margin: 16px 0 6px; }
.muted { color: var(--muted); } code { font-size: 12px; white-space: nowrap; }
.verdict { border-radius: 8px; padding: 14px 18px; margin: 16px 0; color: #fff; }
.verdict.pass { background: var(--pass); } .verdict.regression { background: var(--fail); } .verdict.error { background: var(--warn); }
.verdict strong { font-size: 20px; letter-spacing: .5px; } .verdict ul { margin: 8px 0 0; padding-left: 20px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 10px; margin: 12px 0; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.card .label { color: var(--muted); font-size: 12px; } .card .value { font-size: 20px; font-weight: 600; } .card .sub { color: var(--muted); font-size: 12px; }
.grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; }
.chart { position: relative; height: 280px; background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 8px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 13px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.sortable th { cursor: pointer; user-select: none; white-space: nowrap; }
th[aria-sort=ascending]::after { content: " ▲"; } th[aria-sort=descending]::after { content: " ▼"; }
#gates td:nth-child(6) { white-space: nowrap; }
tr.bad td { background: rgba(220, 38, 38, .08); } .fail { color: var(--fail); font-weight: 600; } .ok { color: var(--pass); }
.scroll { max-height: 560px; overflow: auto; border: 1px solid var(--line); border-radius: 8px; }
.scroll thead th { position: sticky; top: 0; background: var(--bg); }
dl.kv { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; } dl.kv dt { color: var(--muted); } dl.kv dd { margin: 0; word-break: break-all; }
input[type=search] { padding: 4px 8px; width: 280px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); }
p.warning { color: var(--warn); font-weight: 600; margin: 4px 0; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
@media print { .scroll { max-height: none; overflow: visible; } .chart { break-inside: avoid; } }
`;
