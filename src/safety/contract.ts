/** The embedding contract (DESIGN §2): one model, dimension and metric everywhere; a mismatch is refused. */
import { VecstageError } from '../errors.js';
import type { EmbeddingContract } from '../config/types.js';

export interface ContractSide {
  /** e.g. `env "staging" (vecstage.config.json)` or `sample s/ (manifest.json)` */
  label: string;
  model?: string | undefined;
  dimension?: number | undefined;
  metric?: string | undefined;
}

/**
 * Compares two sides field by field. A field that one side does not know (model "unknown", dimension 0 or
 * undefined) is not compared. Throws REFUSED naming both sides and every field that differs.
 */
export function checkContract(expected: ContractSide, actual: ContractSide): void {
  const diffs: string[] = [];
  const known = (v: unknown) => v !== undefined && v !== 'unknown' && v !== 0 && v !== '';
  for (const field of ['dimension', 'metric', 'model'] as const) {
    const a = expected[field];
    const b = actual[field];
    if (known(a) && known(b) && a !== b) diffs.push(`${field} ${JSON.stringify(b)} vs ${JSON.stringify(a)}`);
  }
  if (diffs.length > 0) {
    throw new VecstageError(
      'REFUSED',
      `refused: embedding contract mismatch: ${actual.label} has ${diffs.join(', ')} required by ${expected.label}`,
      { details: { expected, actual } },
    );
  }
}

export function contractSide(label: string, c: Partial<EmbeddingContract>): ContractSide {
  return { label, model: c.model, dimension: c.dimension, metric: c.metric };
}
