import type { Report } from '../../types.js';
import { html, type SafeHtml } from '../html.js';

/** Everything needed to tell whether two runs are comparable (DESIGN §5), as a definition list. */
export function fingerprintSection(report: Report): SafeHtml {
  const f = report.fingerprint;
  const s = report.settings;
  const p = f.index.provenance;
  const rows: Array<[string, string]> = [
    ['run id', report.runId],
    ['created', report.createdAt],
    ['suite', report.suite ?? '–'],
    ['environment', f.env],
    ['backend', `${f.backend.kind} ${f.backend.version} at ${f.backend.endpoint}`],
    ['index', `${f.index.name}${f.index.live ? ' (live)' : ''}: ${f.index.count} vectors, dim ${f.index.dimension}, ${f.index.metric}`],
    ['provenance', p ? `model ${p.model}, source ${p.source ?? 'unknown'}, sample ${p.sampleManifestHash ?? '–'}, vecstage ${p.toolkitVersion}, created ${p.createdAt}` : 'none recorded'],
    ['queries', `${f.queries.path} (${f.queries.count}, sha256 ${f.queries.sha256})`],
    ['ground truth', f.truth ? `${f.truth.path ?? 'computed'} (k=${f.truth.k}, sample ${f.truth.sampleManifestHash ?? '–'})` : 'none'],
    ['settings', `k=${s.k}, cutoffs ${s.cutoffs.join(',')}, clients ${s.concurrency.join(',')}, rate ${s.rate ?? 'off'}, duration ${s.durationMs} ms, timeout ${s.timeoutMs} ms, seed ${s.seed}`],
    ['client', `vecstage ${f.client.vecstage}, node ${f.client.node}, ${Object.entries(f.client.libraries).map(([k, v]) => `${k} ${v}`).join(', ')}`],
    ['machine', `${f.machine.hostname}: ${f.machine.platform}/${f.machine.arch}, ${f.machine.cpus} × ${f.machine.cpuModel}, ${f.machine.memoryGb} GB`],
    ['config hash', f.configHash],
  ];
  return html`<section id="fingerprint"><h2>Run fingerprint</h2><dl class="kv">${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl></section>`;
}
