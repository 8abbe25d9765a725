import { type CliCommand, stringFlag, writeJson } from '../command.js';
import { loadConfig } from '../../config/load.js';
import { doctor } from '../../doctor/doctor.js';

export const command: CliCommand = {
  name: 'doctor',
  summary: 'check connectivity, embedding contract and sealed rules',
  help: `usage: vecstage doctor [--config file] [--json]

Checks every environment of the config: credentials present, backend reachable (embedded Chroma is started and
stopped), the live index exists and matches the embedding contract, sealed rules. Exit 0 when nothing failed, 1
otherwise.`,
  options: {},
  async run({ values }, ctx) {
    const config = await loadConfig({ cwd: ctx.cwd, configPath: stringFlag(values, 'config'), env: ctx.env });
    const result = await doctor({ config, processEnv: ctx.env });
    if (values.json) writeJson(ctx, result);
    else {
      const rows = [['env', 'check', 'status', 'detail', 'fix'], ...result.checks.map((c) => [c.env, c.check, c.status.toUpperCase(), c.detail, c.fix ?? ''])];
      const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
      ctx.stdout.write(`config: ${result.config}\n`);
      for (const r of rows) ctx.stdout.write(`${r.slice(0, 3).map((c, i) => c.padEnd(widths[i]!)).join('  ')}  ${r[3]}${r[4] ? `\n${' '.repeat(widths[0]! + widths[1]! + widths[2]! + 6)}fix: ${r[4]}` : ''}\n`);
    }
    return result.ok ? 0 : 1;
  },
};
