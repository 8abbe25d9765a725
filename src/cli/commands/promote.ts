import { type CliCommand, stringFlag, writeJson } from '../command.js';
import { resolveTarget, withBackend } from '../env-context.js';
import { openPointerStore } from '../../pointer/open.js';
import { promote } from '../../lifecycle/promote.js';
import { invalid } from '../../errors.js';

export const command: CliCommand = {
  name: 'promote',
  summary: "swap an env's index pointer to a new version",
  help: `usage: vecstage promote --index <name-vN> [--env E] [--require-report <report.json>] [--json]

Checks that the index exists, matches the embedding contract and holds the count its load promised (and, with
--require-report, that its benchmark passed), then swaps the env's pointer atomically and records history.`,
  options: { index: { type: 'string' }, 'require-report': { type: 'string' } },
  async run({ values }, ctx) {
    const index = stringFlag(values, 'index');
    if (!index) throw invalid('--index', index ?? null, 'the versioned index to make live, e.g. docs-v3', undefined, 'USAGE');
    const target = await resolveTarget(values, ctx);
    const result = await withBackend(target, ctx, async (backend) =>
      promote({ target, backend, pointer: await openPointerStore(target, backend), index, requireReport: stringFlag(values, 'require-report') }),
    );
    if (values.json) writeJson(ctx, { ok: true, ...result, pointer: undefined });
    else ctx.stdout.write(`${result.env}: ${result.from ?? '(none)'} -> ${result.to} (${result.count} records; pointer ${result.location})\n`);
    return 0;
  },
};
