import { type CliCommand, writeJson } from '../command.js';
import { resolveTarget, withBackend } from '../env-context.js';
import { openPointerStore } from '../../pointer/open.js';
import { checkNotLive, checkSealed } from '../../safety/sealed.js';
import { VecstageError } from '../../errors.js';

export const command: CliCommand = {
  name: 'drop',
  summary: 'drop an index',
  help: `usage: vecstage drop <index> [--env E] [--allow-sealed] [--json]

Drops an index. Refused for the env's live index, and on a sealed env without --allow-sealed and
VECSTAGE_ALLOW_SEALED=1.`,
  options: { 'allow-sealed': { type: 'boolean' } },
  positionals: [1, 1],
  async run({ values, positionals }, ctx) {
    const name = positionals[0]!;
    const target = await resolveTarget(values, ctx);
    checkSealed({ env: target.env, operation: 'drop', allowSealedFlag: values['allow-sealed'] === true, processEnv: ctx.env });
    await withBackend(target, ctx, async (backend) => {
      const live = (await (await openPointerStore(target, backend)).read()).current;
      checkNotLive(target.env, name, live ?? undefined, 'drop');
      const infos = await backend.listIndexes();
      if (!infos.some((i) => i.name === name)) {
        throw new VecstageError('INPUT', `drop: index "${name}" does not exist in environment "${target.env.name}"; existing: ${infos.map((i) => i.name).join(', ') || '(none)'}`);
      }
      await backend.dropIndex(name);
    });
    if (values.json) writeJson(ctx, { ok: true, env: target.env.name, dropped: name });
    else ctx.stdout.write(`dropped ${name} from ${target.env.name}\n`);
    return 0;
  },
};
