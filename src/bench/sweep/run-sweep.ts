/**
 * `vecstage bench --sweep ef_search=16,32,64`: the bench's own passes (runBench: quality pass, warm-up, serial,
 * closed-loop levels) once per value of a search-time setting, each on an index variant the backend adapter makes
 * (SearchSettingsPort), never on the benched index itself; then the recall/QPS and recall/p95 frontiers with their
 * Pareto points and the --pick. The report's other sections are the primary point's: the picked one, else the last
 * (the largest value), so `compare` and the gates work on a sweep report as on any other.
 */
import { VecstageError } from '../../errors.js';
import type { VectorBackend, VectorIndex } from '../../backends/types.js';
import { checkSealed } from '../../safety/sealed.js';
import type { FrontierPoint, Report } from '../../report/types.js';
import { runBench, type BenchOptions } from '../run/bench.js';
import type { SettingSweep } from './parse-sweep.js';
import { choosePoint, type PickExpression } from './parse-pick.js';
import { markPareto, pointOf } from './point.js';

export interface BenchSweepOptions {
  bench: BenchOptions;
  sweep: SettingSweep;
  pick?: PickExpression | undefined;
}

/** Why a backend has nothing to sweep: one line, exit 2. */
const NO_SETTINGS: Record<VectorBackend['kind'], string> = {
  memory: 'the memory backend searches exactly: it has no search-time settings to sweep',
  pinecone: 'Pinecone has no search-time index settings to sweep (serverless indexes take none per query or per index)',
  chroma: 'this Chroma adapter exposes no search-time settings',
};

/** Refusals that need no backend call: run before any index is opened. */
export function checkSweepable(backend: VectorBackend, sweep: SettingSweep, env: BenchOptions['target']['env']): void {
  const port = backend.searchSettings;
  if (!port) throw new VecstageError('USAGE', `--sweep refused on environment "${env.name}": ${NO_SETTINGS[backend.kind]}`);
  if (!port.keys.includes(sweep.key)) {
    throw new VecstageError('USAGE', `invalid --sweep setting: ${JSON.stringify(sweep.key)} (${backend.kind}); allowed: ${port.keys.join(', ')} (the search-time settings of ${backend.kind})`);
  }
  // a sweep writes (scratch copies): a sealed env is read-only to bench even with the opt-ins
  if (env.sealed) throw new VecstageError('REFUSED', `refused: bench --sweep on sealed environment "${env.name}": a sweep creates scratch indexes; sweep a staging copy instead`);
}

export async function runBenchSweep(o: BenchSweepOptions): Promise<Report> {
  const { bench, sweep } = o;
  const log = bench.log ?? (() => {});
  checkSealed({ env: bench.target.env, operation: 'bench', allowSealedFlag: bench.allowSealed === true, processEnv: bench.processEnv ?? process.env });
  checkSweepable(bench.backend, sweep, bench.target.env);
  const port = bench.backend.searchSettings!;
  const source = bench.index ?? (await bench.pointer.read()).current ?? undefined;
  if (!source) throw new VecstageError('INPUT', `environment "${bench.target.env.name}" has no live index; pass --index <name-vN> or promote one first`);
  const before = await port.current(source);
  const cutoff = bench.cutoffs[0] ?? 10;
  const concurrency = Math.max(...bench.concurrency);

  const reports: Report[] = [];
  const points: FrontierPoint[] = [];
  for (const value of sweep.values) {
    const settings = { [sweep.key]: value };
    log(`sweep ${sweep.key}=${value}: making the variant of ${source}`);
    const variant = await port.variant(source, settings);
    log(`sweep ${sweep.key}=${value}: ${variant.name} ready in ${variant.seconds.toFixed(1)}s`);
    try {
      const report = await runBench({
        ...bench,
        index: source,
        backend: answeringWith(bench.backend, source, variant.index),
        // the open-loop pass belongs to one chosen setting, not to every point
        rate: null,
        log: (line) => log(`[${sweep.key}=${value}] ${line}`),
      });
      reports.push(report);
      points.push(pointOf(report, settings, concurrency, variant.seconds));
    } finally {
      await variant.release();
    }
  }
  const after = await port.current(source);
  if (before[sweep.key] !== after[sweep.key]) {
    throw new VecstageError('INTERNAL', `the sweep changed ${sweep.key} of "${source}" from ${before[sweep.key]} to ${after[sweep.key]}; it must never touch the benched index`);
  }

  const marked = markPareto(points, cutoff);
  const pick = o.pick ? { expression: o.pick.expression, ...choosePoint(marked, o.pick, cutoff, sweep.key) } : null;
  if (pick) log(pick.reason);
  const primary = pick?.chosen ?? marked.length - 1;
  const main = reports[primary]!;
  return {
    ...main,
    frontier: {
      setting: sweep.key,
      method: port.method,
      indexValue: before[sweep.key] ?? null,
      cutoff,
      concurrency,
      points: marked,
      pick,
      primary,
      notes: sweep.values.flatMap((v) => port.notes?.({ [sweep.key]: v }, Math.max(...bench.cutoffs)) ?? []),
    },
  };
}

/** The backend as runBench sees it: `source` opens as the point's variant, everything else as it is. */
function answeringWith(backend: VectorBackend, source: string, variant: VectorIndex): VectorBackend {
  return Object.create(backend, {
    openIndex: { value: async (name: string) => (name === source ? variant : backend.openIndex(name)) },
  }) as VectorBackend;
}
