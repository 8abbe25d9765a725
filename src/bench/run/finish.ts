/** After a bench: compare with a baseline if one was given, write report.json/html/summary.md, pick the exit code. */
import { join, relative, resolve } from 'node:path';
import type { FlagValues } from '../../cli/command.js';
import { VecstageError } from '../../errors.js';
import { compare } from '../../report/compare/compare.js';
import { GATE_FLAGS, gateThresholdsFrom, parseThreshold, type GateOptions } from '../../report/compare/gate-options.js';
import { readReport } from '../../report/read-report.js';
import { withComparison } from '../../report/with-comparison.js';
import { writeReport } from '../../report/write-report.js';
import type { Report } from '../../report/types.js';

export function gateOptionsFrom(flags: FlagValues, suiteGates: Record<string, string | number> | undefined): GateOptions {
  const out: GateOptions = {};
  for (const [key, value] of Object.entries(suiteGates ?? {})) {
    const opt = GATE_FLAGS[key];
    if (!opt) throw new VecstageError('INPUT', `unknown gate "${key}" in the suite; allowed: ${Object.keys(GATE_FLAGS).join(', ')}`);
    out[opt] = typeof value === 'number' ? value : parseThreshold(value, `gates.${key}`);
  }
  return { ...out, ...gateThresholdsFrom(flags) };
}

export interface FinishOptions {
  outRoot: string;
  baseline?: string | undefined;
  gateFlags: FlagValues;
  suiteGates?: Record<string, string | number> | undefined;
  cwd: string;
}

export interface FinishResult {
  report: Report;
  paths: { json: string; html: string; md: string; index: string };
  exitCode: number;
  summaryLine: string;
}

export async function finishReport(report: Report, o: FinishOptions): Promise<FinishResult> {
  let final = report;
  let baseline: Report | undefined;
  if (o.baseline) {
    const path = resolve(o.cwd, o.baseline);
    baseline = await readReport(path);
    final = withComparison(report, relative(o.cwd, path) || path, compare(baseline, report, gateOptionsFrom(o.gateFlags, o.suiteGates)));
  }
  const dir = join(o.outRoot, final.runId);
  const written = await writeReport(dir, final, { reportsRoot: o.outRoot, ...(baseline ? { baseline } : {}) });
  const rel = (p: string) => relative(o.cwd, p) || p;
  const paths = { json: rel(join(dir, 'report.json')), html: rel(join(dir, 'report.html')), md: rel(join(dir, 'summary.md')), index: rel(written.index ?? join(o.outRoot, 'index.html')) };
  const exitCode = final.verdict.status === 'regression' ? 1 : final.verdict.status === 'error' ? 4 : 0;
  return { report: final, paths, exitCode, summaryLine: `${final.verdict.status.toUpperCase()}: ${final.verdict.summary}` };
}
