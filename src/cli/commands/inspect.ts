import { resolve } from 'node:path';
import { inspect, inspectDocumentSample, isDocumentSample, type DocumentInspectResult } from '../../sampler/index.js';
import { type CliCommand, type CliContext, writeJson } from '../command.js';

export const command: CliCommand = {
  name: 'inspect',
  summary: 'show what a sample holds: strata, tags, dimension, counts, manifest',
  help: `vecstage inspect <dir|file.arrow> [--json]
Reads sample.arrow (and the manifest in its schema metadata) and prints strata, edge-case tags, the dimension
and the counts; --json prints everything, the manifest included. A document sample (manifest kind "documents")
shows its strata, tags and text lengths instead of a dimension.`,
  options: {},
  positionals: [1, 1],
  async run({ values, positionals }, ctx) {
    if (await isDocumentSample(resolve(ctx.cwd, positionals[0] as string))) {
      const d = await inspectDocumentSample(positionals[0] as string, ctx.cwd);
      if (values.json) writeJson(ctx, { ok: true, ...d });
      else printDocuments(ctx, d);
      return 0;
    }
    const r = await inspect(positionals[0] as string);
    if (values.json) {
      writeJson(ctx, { ok: true, ...r });
      return 0;
    }
    const m = r.manifest as { counts?: Record<string, number>; embedding?: { model: string; metric: string }; seed?: string; mode?: string; source?: { kind?: string; name?: string; env?: string; index?: string; backend?: string; sha256: string }; origin?: string; shard?: { index: number; count: number } | null };
    const src = m.source?.kind === 'index' ? `index ${m.source.index} (env ${m.source.env}, ${m.source.backend})` : (m.source?.name ?? '?');
    const shard = m.shard ? `, shard ${m.shard.index}/${m.shard.count}` : '';
    const lines = [
      `sample ${r.path}: ${r.rows} rows, dimension ${r.dimension}${m.embedding ? `, model ${m.embedding.model}, metric ${m.embedding.metric}` : ''}`,
      `source ${src} (sha256 ${m.source?.sha256.slice(0, 12) ?? '?'}), origin ${m.origin ?? 'unknown'}, mode ${m.mode ?? '?'}${shard}, seed ${m.seed ?? '?'}`,
      m.counts ? `counts ${Object.entries(m.counts).map(([k, v]) => `${k}=${v}`).join(' ')}` : '',
      '',
      table('stratum', r.strata),
      '',
      table('edge tag', r.tags),
    ];
    ctx.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
};

function table(title: string, counts: Record<string, number>): string {
  const rows = Object.entries(counts).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  if (rows.length === 0) return `${title}: (none)`;
  const w = Math.max(title.length, ...rows.map(([k]) => k.length));
  return [`${title.padEnd(w)}  rows`, ...rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`)].join('\n');
}

function printDocuments(ctx: CliContext, r: DocumentInspectResult): void {
  const m = r.manifest as { purpose?: string; counts?: Record<string, number>; seed?: string; mode?: string; source?: { name?: string; sha256?: string }; origin?: string; columns?: { text?: string } };
  const lines = [
    `document sample ${r.path}: ${r.rows} documents (kind documents${m.purpose ? `, ${m.purpose}` : ''}), text column ${m.columns?.text ?? '?'}`,
    `source ${m.source?.name ?? '?'} (sha256 ${m.source?.sha256?.slice(0, 12) ?? '?'}), origin ${m.origin ?? 'unknown'}, mode ${m.mode ?? '?'}, seed ${m.seed ?? '?'}`,
    m.counts ? `counts ${Object.entries(m.counts).map(([k, v]) => `${k}=${v}`).join(' ')}` : '',
    `text chars: min ${r.text.minChars}, mean ${r.text.meanChars}, max ${r.text.maxChars}; empty ${r.text.empty}`,
    '',
    table('stratum', r.strata),
    '',
    table('edge tag', r.tags),
  ];
  ctx.stdout.write(`${lines.join('\n')}\n`);
}
