/**
 * A small strict validator for plain JSON values: every check names the key path, the value and what is allowed,
 * and unknown keys are errors (a typo must not silently change a benchmark).
 */
import { VecstageError, invalid } from '../errors.js';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export class Reader {
  constructor(
    /** where the value came from, e.g. "vecstage.config.json" */
    readonly source: string,
  ) {}

  object(value: unknown, path: string, allowedKeys: readonly string[]): Record<string, unknown> {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw invalid(path || '(root)', value, 'a JSON object', this.source);
    }
    const obj = value as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      if (!allowedKeys.includes(key)) {
        const hint = /api[-_]?key|token|secret|password/i.test(key)
          ? ' (secrets never go in the config: name the environment variable that holds them, e.g. apiKeyEnv)'
          : '';
        throw new VecstageError(
          'INPUT',
          `unknown key ${join(path, key)} (${this.source}); allowed: ${allowedKeys.join(', ')}${hint}`,
          { details: { key: join(path, key), allowed: allowedKeys } },
        );
      }
    }
    return obj;
  }

  string(value: unknown, path: string, opts: { pattern?: RegExp; allowed?: string; nonEmpty?: boolean } = {}): string {
    if (typeof value !== 'string' || (opts.nonEmpty !== false && value.length === 0)) {
      throw invalid(path, value, opts.allowed ?? 'a non-empty string', this.source);
    }
    if (opts.pattern && !opts.pattern.test(value)) throw invalid(path, value, opts.allowed ?? `a string matching ${opts.pattern}`, this.source);
    return value;
  }

  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
    if (typeof value !== 'string' || !allowed.includes(value as T)) throw invalid(path, value, allowed.join(', '), this.source);
    return value as T;
  }

  number(value: unknown, path: string, opts: { min?: number; max?: number; integer?: boolean; exclusiveMin?: boolean } = {}): number {
    const desc = [
      opts.integer ? 'an integer' : 'a number',
      opts.min !== undefined ? `${opts.exclusiveMin ? '>' : '>='} ${opts.min}` : '',
      opts.max !== undefined ? `<= ${opts.max}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    if (typeof value !== 'number' || !Number.isFinite(value) || (opts.integer && !Number.isInteger(value))) {
      throw invalid(path, value, desc, this.source);
    }
    if (opts.min !== undefined && (opts.exclusiveMin ? value <= opts.min : value < opts.min)) throw invalid(path, value, desc, this.source);
    if (opts.max !== undefined && value > opts.max) throw invalid(path, value, desc, this.source);
    return value;
  }

  boolean(value: unknown, path: string): boolean {
    if (typeof value !== 'boolean') throw invalid(path, value, 'true or false', this.source);
    return value;
  }
}

export function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
