/**
 * One error type for the whole toolkit. Every failure carries a code; the CLI maps codes to exit codes in one
 * place (src/cli/exit-codes.ts). Messages follow one grammar: what was wrong, where, and what is allowed.
 */
export type ErrorCode =
  /** bad flags or arguments (exit 2) */
  | 'USAGE'
  /** a bad input file, config or spec (exit 2) */
  | 'INPUT'
  /** a check failed, e.g. a count mismatch after a load or a regression gate (exit 1) */
  | 'CHECK_FAILED'
  /** refused by a safety rule: sealed env, contract mismatch, live index (exit 3) */
  | 'REFUSED'
  /** the backend could not be reached or died mid-operation (exit 4) */
  | 'BACKEND_UNAVAILABLE'
  /** a bug: anything that is not one of the above */
  | 'INTERNAL';

export interface VecstageErrorOptions {
  cause?: unknown;
  /** structured context, echoed in --json output (never secrets) */
  details?: Record<string, unknown>;
}

export class VecstageError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: VecstageErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'VecstageError';
    this.code = code;
    this.details = options.details;
  }
}

/** `invalid <name>: <value> (<where>); allowed: <allowed>`, the one error grammar for bad values. */
export function invalid(
  name: string,
  value: unknown,
  allowed: string,
  where?: string,
  code: ErrorCode = 'INPUT',
): VecstageError {
  const shown = typeof value === 'string' ? JSON.stringify(value) : safeString(value);
  const at = where ? ` (${where})` : '';
  return new VecstageError(code, `invalid ${name}: ${shown}${at}; allowed: ${allowed}`, {
    details: { name, where, allowed },
  });
}

export function isVecstageError(err: unknown): err is VecstageError {
  return err instanceof VecstageError;
}

function safeString(value: unknown): string {
  try {
    const s = JSON.stringify(value);
    if (s === undefined) return String(value);
    return s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return String(value);
  }
}
