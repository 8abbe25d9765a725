/**
 * A project folder with the demo's data made the way a user makes it: `vecstage generate` (the demo's export:
 * 20,000 x 64, seed 1) and `vecstage sample` (15%, tenant x lang, seed 7), so the shipped golden queries
 * (fixtures/golden/demo.jsonl) and their qrels apply. Used by the end-to-end bench tests.
 */
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../helpers/cli.js';

export const DEMO_GOLDEN = fileURLToPath(new URL('../../../fixtures/golden/demo.jsonl', import.meta.url));

export interface DemoProjectOptions {
  /** environments of vecstage.config.json (the embedding is the demo's) */
  environments: Record<string, unknown>;
  /** export rows; @default 20000 (the demo's, so the golden qrels match the sample) */
  rows?: number;
  /** sampled fraction; @default 0.15 */
  fraction?: number;
  /** @default cosine (the demo's); Pinecone refuses the demo's zero-vector edge cases under cosine */
  metric?: 'cosine' | 'ip' | 'l2';
}

export async function demoProject(o: DemoProjectOptions): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'vecstage-e2e-demo-'));
  writeFileSync(join(dir, 'vecstage.config.json'), JSON.stringify({ embedding: { model: 'vecstage-synthetic-64', dimension: 64, metric: o.metric ?? 'cosine' }, environments: o.environments }));
  let r = await runCli(['generate', '--out', 'prod-export.csv', '--rows', String(o.rows ?? 20000), '--dim', '64', '--seed', '1'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  r = await runCli(['sample', 'prod-export.csv', '--out', 'sample', '--fraction', String(o.fraction ?? 0.15), '--stratify-by', 'tenant,lang', '--seed', '7'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  return dir;
}
