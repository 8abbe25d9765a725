import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkReport, reportSchema } from '../../src/report/validate/check-report.js';
import { makeReport } from '../helpers/report-fixture.js';
import { compare } from '../../src/report/compare/compare.js';
import { FIXTURES, fixtureText } from './fixtures/generate.js';
import { validateReport } from './validate-report.js';

// ajv (dev dependency) validates against the schema; the shipped checker (validate/json-schema.ts) must agree

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

test('the committed fixtures validate and equal the generator output', () => {
  for (const name of Object.keys(FIXTURES)) {
    const text = readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');
    assert.is(text, fixtureText(name), `${name} is stale: node --import tsx test/report/fixtures/generate.ts`);
    const obj = JSON.parse(text);
    assert.equal(validateReport(obj), [], name);
    checkReport(obj, name);
  }
});

test('a report with a baseline comparison, skipped gates and open-loop rates validates', () => {
  const base = makeReport({ seed: 'a' });
  const cand = makeReport({ seed: 'b', latencyScale: 1.5 });
  for (const row of cand.perQuery) row.ndcg = {};
  const comparison = compare(base, cand);
  assert.ok(comparison.skipped?.length, 'the nDCG gate is skipped without nDCG in the candidate');
  const report = clone({ ...cand, baseline: { path: 'reports/a/report.json', comparison }, verdict: { status: 'regression' as const, summary: 'p95 regressed', regressions: ['latency p95'] } });
  report.latency.openLoopRates = [report.latency.openLoop!];
  assert.equal(validateReport(report), []);
  checkReport(report, 'r.json');
});

const BROKEN: Array<[string, (r: Record<string, any>) => void, RegExp]> = [
  ['a missing required field', (r) => delete r.fingerprint, /\$: missing required field "fingerprint"/],
  ['an unknown field (typo)', (r) => (r.settings.cutofs = [10]), /\$\.settings: unknown field "cutofs"/],
  ['a wrong type deep inside', (r) => (r.perQuery[3].latencyMs = '4ms'), /\$\.perQuery\[3\]\.latencyMs: expected number or null, got "4ms"/],
  ['a bad enum', (r) => (r.verdict.status = 'ok'), /\$\.verdict\.status: expected one of "pass", "regression", "error"/],
  ['another schema version', (r) => (r.schemaVersion = 2), /schemaVersion 2; allowed: 1/],
  ['a negative count', (r) => (r.latency.serial.counts.ok = -1), /\$\.latency\.serial\.counts\.ok: expected >= 0/],
];

for (const [what, breakIt, message] of BROKEN) {
  test(`a broken report fails both validators: ${what}`, () => {
    const r = clone(makeReport()) as Record<string, any>;
    breakIt(r);
    assert.ok(validateReport(r).length > 0, 'ajv accepted it');
    assert.throws(() => checkReport(r, 'reports/x/report.json'), (e: Error) => message.test(e.message) && e.message.startsWith('invalid report reports/x/report.json'));
  });
}

test('the schema is draft 2020-12 and closed at the top', () => {
  const s = reportSchema() as Record<string, unknown>;
  assert.is(s.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.is(s.additionalProperties, false);
});

test.run();
