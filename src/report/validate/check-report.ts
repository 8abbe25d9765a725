import { createRequire } from 'node:module';
import { VecstageError } from '../../errors.js';
import type { Report } from '../types.js';
import { firstViolation, type SchemaNode } from './json-schema.js';

const require = createRequire(import.meta.url);
let schema: SchemaNode | undefined;

/** The shipped JSON Schema of report.json v1. */
export function reportSchema(): SchemaNode {
  schema ??= require('../report.schema.json') as SchemaNode;
  return schema;
}

/** Checks a parsed report.json against the schema; `where` (a file path) goes into the error message. */
export function checkReport(value: unknown, where: string): Report {
  const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (value !== null && typeof value === 'object' && version !== undefined && version !== 1) {
    throw new VecstageError('INPUT', `invalid report ${where}: schemaVersion ${JSON.stringify(version)}; allowed: 1 (this vecstage reads report.json v1)`, {
      details: { path: where },
    });
  }
  const violation = firstViolation(reportSchema(), value);
  if (violation) throw new VecstageError('INPUT', `invalid report ${where}: ${violation}`, { details: { path: where } });
  return value as Report;
}
