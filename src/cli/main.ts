import { readFileSync } from 'node:fs';
import { VecstageError, isVecstageError } from '../errors.js';
import { type CliCommand, type CliContext, parseFlags, writeJson } from './command.js';
import { EXIT, exitCodeFor } from './exit-codes.js';

/**
 * Commands are loaded on demand (one module each under ./commands), so `vecstage sample` never pays for
 * loading the Chroma or Pinecone clients.
 */
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ command: CliCommand }> }> = {
  sample: { summary: 'validate, tag edge cases, stratify and select a sample by hash', load: () => import('./commands/sample.js') },
  import: { summary: 'validate an export into the sample Arrow format, every valid row', load: () => import('./commands/import.js') },
  inspect: { summary: 'strata, tags, dims, counts and manifest of a sample', load: () => import('./commands/inspect.js') },
  // one line per command, in the order of DESIGN §8; each module under ./commands exports `command`
  load: { summary: 'load a sample into a new versioned index', load: () => import('./commands/load.js') },
  build: { summary: 'chunk, embed and load documents into a new versioned index with a pipeline', load: () => import('./commands/build.js') },
  indexes: { summary: 'list indexes with counts and provenance', load: () => import('./commands/indexes.js') },
  drop: { summary: 'drop an index', load: () => import('./commands/drop.js') },
  metrics: { summary: 'trec_eval-conformant quality measures from TREC qrels and run files', load: () => import('./commands/metrics.js') },
  compare: { summary: 'compare a candidate report against a baseline with regression gates', load: () => import('./commands/compare.js') },
  report: { summary: 'render report.html and summary.md from report.json; refresh reports/index.html', load: () => import('./commands/report.js') },
  promote: { summary: "swap an env's index pointer to a new version", load: () => import('./commands/promote.js') },
  rollback: { summary: "swap an env's index pointer back", load: () => import('./commands/rollback.js') },
  truth: { summary: 'exact top-k ground truth for golden queries', load: () => import('./commands/truth.js') },
  doctor: { summary: 'check connectivity, embedding contract and sealed rules', load: () => import('./commands/doctor.js') },
  bench: { summary: 'benchmark an index: quality and latency', load: () => import('./commands/bench.js') },
  fixtures: { summary: 'validate, add, tag and list golden queries', load: () => import('./commands/fixtures.js') },
  generate: { summary: 'write a synthetic production export with edge cases, bad rows and ground truth', load: () => import('./commands/generate.js') },
  demo: { summary: 'run the whole loop on synthetic data with embedded Chroma', load: () => import('./commands/demo.js') },
};

export function defaultContext(): CliContext {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
}

export async function main(argv: string[], ctx: CliContext = defaultContext()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    ctx.stdout.write(topHelp());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    ctx.stdout.write(`${version()}\n`);
    return EXIT.ok;
  }
  const entry = COMMANDS[name];
  const json = rest.includes('--json');
  if (!entry) {
    return fail(ctx, json, new VecstageError('USAGE', `unknown command: ${JSON.stringify(name)}; allowed: ${Object.keys(COMMANDS).join(', ')}`));
  }
  try {
    const { command } = await entry.load();
    const args = parseFlags(command, rest);
    if (args.values.help) {
      ctx.stdout.write(`${command.help.trimEnd()}\n`);
      return EXIT.ok;
    }
    return await command.run(args, ctx);
  } catch (err) {
    return fail(ctx, json, err);
  }
}

function fail(ctx: CliContext, json: boolean, err: unknown): number {
  const e = isVecstageError(err)
    ? err
    : new VecstageError('INTERNAL', `internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  ctx.stderr.write(`vecstage: ${e.message}\n`);
  if (json) writeJson(ctx, { ok: false, error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } });
  return exitCodeFor(e.code);
}

function topHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  const lines = Object.entries(COMMANDS).map(([k, v]) => `  ${k.padEnd(width)}  ${v.summary}`);
  return `vecstage ${version()}: sample production vectors into staging, load versioned indexes, benchmark, gate releases

usage: vecstage <command> [options]   (vecstage <command> --help for its options)

commands:
${lines.join('\n')}

common options: --env <name> (default: $APP_ENV or dev), --config <file>, --json, --help
exit codes: 0 ok, 1 regression or check failed, 2 usage or input error, 3 refused by a safety rule, 4 backend unavailable
`;
}

let cachedVersion: string | undefined;
export function version(): string {
  cachedVersion ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cachedVersion;
}
