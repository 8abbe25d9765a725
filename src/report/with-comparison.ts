import type { Comparison, Report, Verdict } from './types.js';

/** The verdict a comparison gives: pass, or regression naming every failing gate. */
export function verdictOf(comparison: Comparison): Verdict {
  const failed = comparison.gates.filter((g) => g.regression);
  const checked = comparison.gates.length;
  return failed.length
    ? {
        status: 'regression',
        summary: `${failed.length} of ${checked} gates regressed against ${comparison.baseline.index} (${comparison.baseline.runId}): ${failed.map((g) => g.name).join(', ')}`,
        regressions: failed.map((g) => `${g.name}: ${g.note}`),
      }
    : { status: 'pass', summary: `all ${checked} gates pass against ${comparison.baseline.index} (${comparison.baseline.runId})`, regressions: [] };
}

/** The candidate report with its baseline section and verdict set from a comparison (a new object). */
export function withComparison(candidate: Report, baselinePath: string, comparison: Comparison): Report {
  return { ...candidate, baseline: { path: baselinePath, comparison }, verdict: verdictOf(comparison) };
}
