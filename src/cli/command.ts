import { parseArgs, type ParseArgsConfig } from 'node:util';
import { VecstageError, invalid } from '../errors.js';

export type FlagValues = Record<string, string | boolean | string[] | undefined>;

/** What a command gets from the CLI shell: streams and environment, injectable for tests. */
export interface CliContext {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface CliCommand {
  name: string;
  /** one line for `vecstage --help` */
  summary: string;
  /** usage lines and option descriptions for `vecstage <name> --help` */
  help: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** the number of positionals allowed: [min, max] */
  positionals?: [number, number];
  /** returns the exit code */
  run(args: { values: FlagValues; positionals: string[] }, ctx: CliContext): Promise<number>;
}

/** Options every command accepts. */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  config: { type: 'string' },
  env: { type: 'string' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, strict, with errors in the project's grammar (what, where, what is allowed). */
export function parseFlags(cmd: CliCommand, argv: string[]): { values: FlagValues; positionals: string[] } {
  const options = { ...COMMON_OPTIONS, ...cmd.options };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const allowed = Object.keys(options)
      .map((k) => `--${k}`)
      .join(', ');
    throw new VecstageError('USAGE', `vecstage ${cmd.name}: ${firstLine(msg)}; allowed options: ${allowed}`);
  }
  const values = parsed.values as FlagValues;
  if (values.help) return { values, positionals: parsed.positionals };
  const [min, max] = cmd.positionals ?? [0, 0];
  const n = parsed.positionals.length;
  if (n < min || n > max) {
    const want = min === max ? `${min}` : `${min} to ${max}`;
    throw new VecstageError(
      'USAGE',
      `vecstage ${cmd.name}: expected ${want} argument(s), got ${n}${n ? ` (${parsed.positionals.join(' ')})` : ''}; usage: ${firstLine(cmd.help)}`,
    );
  }
  return { values, positionals: parsed.positionals };
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

export function stringFlag(values: FlagValues, name: string): string | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw invalid(`--${name}`, v, 'a string', undefined, 'USAGE');
  return v;
}

export function numberFlag(
  values: FlagValues,
  name: string,
  opts: { min?: number; max?: number; integer?: boolean } = {},
): number | undefined {
  const raw = stringFlag(values, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  const range = `${opts.integer ? 'an integer' : 'a number'}${opts.min !== undefined ? ` >= ${opts.min}` : ''}${opts.max !== undefined ? ` <= ${opts.max}` : ''}`;
  if (raw.trim() === '' || !Number.isFinite(n) || (opts.integer && !Number.isInteger(n))) {
    throw invalid(`--${name}`, raw, range, undefined, 'USAGE');
  }
  if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max)) {
    throw invalid(`--${name}`, raw, range, undefined, 'USAGE');
  }
  return n;
}

/** Comma-separated list flag: `--stratify-by tenant,lang`. */
export function listFlag(values: FlagValues, name: string): string[] | undefined {
  const raw = stringFlag(values, name);
  if (raw === undefined) return undefined;
  const parts = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (parts.length === 0) throw invalid(`--${name}`, raw, 'a comma-separated list of names', undefined, 'USAGE');
  return parts;
}

export function writeJson(ctx: CliContext, value: unknown): void {
  ctx.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
