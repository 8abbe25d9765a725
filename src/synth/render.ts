import { exportLines } from './export-lines.js';
import { resolveGenerateOptions, type GenerateOptions } from './options.js';
import { planExport } from './plan.js';
import { groundTruth, type GroundTruth } from './truth.js';

export interface RenderedExport {
  text: string;
  truth: GroundTruth;
}

/** The whole export as one string, for small exports and tests; files go through generateExport. */
export function renderExport(options: GenerateOptions = {}): RenderedExport {
  const plan = planExport(resolveGenerateOptions(options));
  return { text: [...exportLines(plan)].join(''), truth: groundTruth(plan) };
}
