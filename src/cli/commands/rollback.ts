import { type CliCommand, writeJson } from '../command.js';
import { resolveTarget } from '../env-context.js';
import { openPointerStore } from '../../pointer/open.js';
import { openBackend } from '../../backends/open.js';
import { rollback } from '../../lifecycle/promote.js';

export const command: CliCommand = {
  name: 'rollback',
  summary: "swap an env's index pointer back",
  help: `usage: vecstage rollback [--env E] [--json]

Swaps the env's pointer back to the index that was live before the last promote (repeatable).`,
  options: {},
  async run({ values }, ctx) {
    const target = await resolveTarget(values, ctx);
    const backend = target.env.pointer.store === 'file' ? undefined : await openBackend(target, { processEnv: ctx.env });
    try {
      const result = await rollback(target, await openPointerStore(target, backend));
      if (values.json) writeJson(ctx, { ok: true, ...result });
      else ctx.stdout.write(`${result.env}: ${result.from ?? '(none)'} -> ${result.to} (pointer ${result.location})\n`);
      return 0;
    } finally {
      await backend?.close();
    }
  },
};
