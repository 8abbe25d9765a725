/** The frontier as aligned text lines, for the terminal after `bench --sweep`. */
import type { FrontierSection } from '../../report/types.js';

export function formatFrontier(f: FrontierSection): string {
  const c = String(f.cutoff);
  const hasNdcg = f.points.some((p) => p.ndcg[c] !== undefined);
  const rows = [
    [f.setting, `recall@${c}`, ...(hasNdcg ? [`nDCG@${c}`] : []), `QPS@${f.concurrency}`, 'p50 ms', 'p95 ms', 'pareto', ''],
    ...f.points.map((p, i) => [
      String(p.settings[f.setting]),
      (p.recall[c] ?? Number.NaN).toFixed(4),
      ...(hasNdcg ? [p.ndcg[c]?.toFixed(4) ?? '-'] : []),
      p.qps.toFixed(0),
      p.serial ? p.serial.p50.toFixed(2) : '-',
      p.serial ? p.serial.p95.toFixed(2) : '-',
      [p.pareto.qps ? 'qps' : '', p.pareto.p95 ? 'p95' : ''].filter(Boolean).join(',') || '-',
      [i === f.pick?.chosen ? 'picked' : '', i === f.primary ? 'report' : ''].filter(Boolean).join(', '),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const lines = rows.map((r) => `  ${r.map((cell, i) => cell.padStart(widths[i] ?? 0)).join('  ').trimEnd()}`);
  const pick = f.pick ? `  pick ${f.pick.expression}: ${f.pick.reason}\n` : '';
  const notes = f.notes.map((n) => `  note: ${n}\n`).join('');
  return `frontier over ${f.setting} (index's own value: ${f.indexValue ?? 'unknown'}, untouched)\n${lines.join('\n')}\n${pick}${notes}`;
}
