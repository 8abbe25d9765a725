/**
 * Sealed environments (DESIGN §2): load, drop and bench are refused unless BOTH --allow-sealed and
 * VECSTAGE_ALLOW_SEALED=1 are given (a deliberate double opt-in, for a CI/CD deploy job). Even then vecstage never
 * writes to the index the pointer currently targets and never loads fixture or synthetic rows.
 */
import { VecstageError } from '../errors.js';
import type { EnvironmentConfig } from '../config/types.js';

export type GuardedOperation = 'load' | 'drop' | 'bench' | 'build';

export interface SealedCheck {
  env: EnvironmentConfig;
  operation: GuardedOperation;
  allowSealedFlag: boolean;
  processEnv: NodeJS.ProcessEnv;
}

export function checkSealed({ env, operation, allowSealedFlag, processEnv }: SealedCheck): void {
  if (!env.sealed) return;
  const envVar = processEnv.VECSTAGE_ALLOW_SEALED === '1';
  if (allowSealedFlag && envVar) return;
  const missing = [allowSealedFlag ? '' : '--allow-sealed', envVar ? '' : 'VECSTAGE_ALLOW_SEALED=1'].filter(Boolean).join(' and ');
  throw new VecstageError(
    'REFUSED',
    `refused: ${operation} on sealed environment "${env.name}"; a sealed env needs both --allow-sealed and VECSTAGE_ALLOW_SEALED=1 (missing: ${missing})`,
    { details: { env: env.name, operation } },
  );
}

/** Never write to (or drop) the index the env's pointer targets, sealed or not. */
export function checkNotLive(env: EnvironmentConfig, target: string, live: string | undefined, operation: GuardedOperation): void {
  if (live !== undefined && live === target) {
    throw new VecstageError(
      'REFUSED',
      `refused: ${operation} on "${target}", the live index of environment "${env.name}" (its pointer targets it); promote another version first`,
      { details: { env: env.name, index: target } },
    );
  }
}

/**
 * A sealed env only ever receives rows sampled from production: checked after the opt-ins, so no flag or variable
 * lets synthetic or fixture rows in (the manifest's origin is detected from the data, see src/sampler/input/origin.ts).
 */
export function checkOrigin(env: EnvironmentConfig, origin: string, sampleDir: string): void {
  if (env.sealed && origin !== 'production') {
    throw new VecstageError(
      'REFUSED',
      `refused: the sample at ${sampleDir} holds ${origin} rows and environment "${env.name}" is sealed; only samples of production ` +
        `data may be loaded there, even with --allow-sealed and VECSTAGE_ALLOW_SEALED=1 (manifest origin: ${origin})`,
      { details: { env: env.name, origin, sample: sampleDir } },
    );
  }
}
