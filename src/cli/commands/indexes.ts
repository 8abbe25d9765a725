import { type CliCommand, writeJson } from '../command.js';
import { resolveTarget, withBackend } from '../env-context.js';
import { openPointerStore } from '../../pointer/open.js';
import { parseVersion } from '../../load/versions.js';

export const command: CliCommand = {
  name: 'indexes',
  summary: 'list indexes with counts and provenance',
  help: `usage: vecstage indexes [--env E] [--all] [--json]

Lists the env's versioned indexes (<index>-v<N>) with record counts and provenance, and marks the live one.
--all also lists indexes that vecstage did not create.`,
  options: { all: { type: 'boolean' } },
  async run({ values }, ctx) {
    const target = await resolveTarget(values, ctx);
    const { env } = target;
    const { infos, live } = await withBackend(target, ctx, async (backend) => ({
      infos: await backend.listIndexes(),
      live: (await (await openPointerStore(target, backend)).read()).current,
    }));
    const mine = infos
      .filter((i) => values.all || parseVersion(env.index, i.name) !== undefined)
      .sort((a, b) => (parseVersion(env.index, a.name) ?? 0) - (parseVersion(env.index, b.name) ?? 0) || a.name.localeCompare(b.name));
    const rows = mine.map((i) => ({ ...i, live: i.name === live }));
    if (values.json) {
      writeJson(ctx, { ok: true, env: env.name, backend: env.backend.kind, live, indexes: rows });
      return 0;
    }
    if (rows.length === 0) {
      ctx.stdout.write(`${env.name} (${env.backend.kind}): no ${env.index}-v<N> indexes yet\n`);
      return 0;
    }
    // indexes built from documents show their pipeline: the chunker and embedder are what a strategy changes
    const built = rows.some((r) => r.provenance?.pipeline);
    // versions from load --settings-sweep show what was swept and what it cost
    const swept = rows.some((r) => r.provenance?.settings !== undefined);
    const table = [['', 'index', 'count', 'dim', 'metric', 'model', 'source', 'created', ...(built ? ['pipeline', 'documents', 'chunker'] : []), ...(swept ? ['settings', 'build s', 'size MB'] : [])]];
    for (const r of rows) {
      const p = r.provenance;
      const pipe = built ? [p?.pipeline ?? '-', p?.documents === undefined ? '-' : String(p.documents), p?.chunker ?? '-'] : [];
      const sw = swept ? [p?.settings ?? '-', p?.buildSeconds === undefined ? '-' : String(p.buildSeconds), p?.sizeBytes === undefined ? '-' : (p.sizeBytes / 1e6).toFixed(1)] : [];
      table.push([r.live ? '*' : '', r.name, String(r.count), String(r.dimension), r.metric, p?.model ?? '-', p?.source ?? '-', p?.createdAt ?? '-', ...pipe, ...sw]);
    }
    const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
    ctx.stdout.write(`${env.name} (${env.backend.kind}), * = live\n`);
    for (const row of table) ctx.stdout.write(`${row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()}\n`);
    return 0;
  },
};
