/**
 * promote / rollback / resolveIndex (DESIGN §7). promote checks the index exists, matches the embedding
 * contract, holds the count its provenance promises and, optionally, passed its benchmark gate; then swaps the
 * pointer atomically.
 */
import { readFile } from 'node:fs/promises';
import { VecstageError } from '../errors.js';
import type { ResolvedEnv } from '../config/types.js';
import type { VectorBackend } from '../backends/types.js';
import type { PointerState, PointerStore } from '../pointer/types.js';
import { checkContract, contractSide } from '../safety/contract.js';

export interface PromoteOptions {
  target: ResolvedEnv;
  backend: VectorBackend;
  pointer: PointerStore;
  index: string;
  /** a report.json whose verdict must be pass */
  requireReport?: string | undefined;
}

export interface PromoteResult {
  env: string;
  from: string | null;
  to: string;
  count: number;
  pointer: PointerState;
  location: string;
}

export async function promote(opts: PromoteOptions): Promise<PromoteResult> {
  const { target, backend, pointer, index } = opts;
  const { config, env } = target;
  const infos = await backend.listIndexes();
  const info = infos.find((i) => i.name === index);
  if (!info) {
    const names = infos.map((i) => i.name).filter((n) => n.startsWith(`${env.index}-v`));
    throw new VecstageError('INPUT', `promote: index "${index}" does not exist in environment "${env.name}"; existing versions: ${names.join(', ') || '(none)'}`);
  }
  checkContract(contractSide(`environment "${env.name}"`, config.embedding), contractSide(`index "${index}"`, { ...info.provenance, dimension: info.dimension, metric: info.metric }));
  const expected = info.provenance?.rows;
  if (expected !== undefined && info.count !== expected) {
    throw new VecstageError('CHECK_FAILED', `promote: index "${index}" holds ${info.count} records, its load promised ${expected}; finish the load (vecstage load --resume) first`);
  }
  if (opts.requireReport) await checkReportPassed(opts.requireReport, index);
  const before = await pointer.read();
  const state = await pointer.promote(index, opts.requireReport ? { report: opts.requireReport } : undefined);
  return { env: env.name, from: before.current, to: index, count: info.count, pointer: state, location: pointer.location };
}

async function checkReportPassed(path: string, index: string): Promise<void> {
  let report: { verdict?: { status?: string }; fingerprint?: { index?: { name?: string } } };
  try {
    report = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new VecstageError('INPUT', `--require-report: cannot read ${path}: ${(err as Error).message}`);
  }
  const status = report.verdict?.status;
  const benched = report.fingerprint?.index?.name;
  if (benched !== undefined && benched !== index) {
    throw new VecstageError('REFUSED', `refused: --require-report ${path} benchmarks index "${benched}", not "${index}"`);
  }
  if (status !== 'pass') {
    throw new VecstageError('REFUSED', `refused: --require-report ${path} has verdict "${status ?? 'none'}"; promote needs a passing report`);
  }
}

export async function rollback(target: ResolvedEnv, pointer: PointerStore): Promise<{ env: string; from: string | null; to: string; location: string }> {
  const before = await pointer.read();
  const after = await pointer.rollback();
  return { env: target.env.name, from: before.current, to: after.current ?? '', location: pointer.location };
}
