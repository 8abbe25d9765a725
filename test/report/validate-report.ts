/**
 * validateReport(obj) for tests: full draft 2020-12 validation of report.json with ajv. ajv is a dev
 * dependency, so this lives under test/; src/ ships its own small checker (src/report/validate/).
 */
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';

const ajv = new Ajv2020.default({ allErrors: true, strict: true });
const validate = ajv.compile(JSON.parse(readFileSync(new URL('../../src/report/report.schema.json', import.meta.url), 'utf8')));

/** The schema violations of obj as "<instance path> <message>", empty when it is a valid report.json v1. */
export function validateReport(obj: unknown): string[] {
  return validate(obj) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
