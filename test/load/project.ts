/**
 * Test projects for the load / lifecycle end-to-end tests: a temp folder with a vecstage.config.json, and samples
 * made the way a user makes them (`vecstage generate` then `vecstage import`, every valid row kept).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';

export interface TestProject {
  dir: string;
  /** rewrites vecstage.config.json */
  writeConfig(config: unknown): void;
  remove(): void;
}

export function tempProject(config: unknown, prefix = 'vecstage-load-'): TestProject {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const writeConfig = (c: unknown) => writeFileSync(join(dir, 'vecstage.config.json'), `${JSON.stringify(c, null, 2)}\n`);
  writeConfig(config);
  return { dir, writeConfig, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface MakeSampleOptions {
  rows: number;
  dim: number;
  seed?: number;
  /** manifest origin; default production (the generated export's origin marker is stripped, as a real export has none) */
  origin?: 'production' | 'synthetic' | 'fixture';
  /** generate --edge-rate; 0 leaves out every injected edge case (zero vectors included) */
  edgeRate?: number;
}

/**
 * Writes `<dir>/<name>.csv` with `vecstage generate` (no bad rows, so every row is valid) and imports it into the
 * sample folder `<dir>/<name>`, which then holds exactly `rows` rows. Runs in `dir`, so its config (if any) sets
 * the embedding contract; pass a folder without a config to make a sample that disagrees with a project.
 */
export async function makeSample(dir: string, name: string, o: MakeSampleOptions): Promise<string> {
  const csv = join(dir, `${name}.csv`);
  const gen = await runCli(['generate', '--out', csv, '--rows', String(o.rows), '--dim', String(o.dim), '--seed', String(o.seed ?? 1), '--bad-rate', '0', ...(o.edgeRate === undefined ? [] : ['--edge-rate', String(o.edgeRate)]), '--json'], { cwd: dir });
  if (gen.code !== 0) throw new Error(`generate failed (${gen.code}): ${gen.stderr}`);
  // a production export stands in here: without the vecstage_origin column generate marks its rows with (issue 14)
  if (o.origin === undefined || o.origin === 'production') {
    writeFileSync(csv, readFileSync(csv, 'utf8').replace(/,vecstage_origin\n/, '\n').replaceAll(',synthetic\n', '\n'));
  }
  const out = join(dir, name);
  const imp = await runCli(['import', csv, '--out', out, '--dimension', String(o.dim), ...(o.origin ? ['--origin', o.origin] : []), '--json'], { cwd: dir });
  if (imp.code !== 0) throw new Error(`import failed (${imp.code}): ${imp.stderr}`);
  const rows = (JSON.parse(imp.stdout) as { counts: { sample_rows: number } }).counts.sample_rows;
  if (rows !== o.rows) throw new Error(`import kept ${rows} rows of ${o.rows}`);
  rmSync(csv, { force: true });
  return out;
}

/** Every file under dir (recursively), for "no secret in any file" checks. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

/** Files under dir whose bytes contain needle. */
export function filesContaining(dir: string, needle: string): string[] {
  const n = Buffer.from(needle);
  return filesUnder(dir).filter((f) => readFileSync(f).includes(n));
}

export function parseJsonOut<T = Record<string, unknown>>(stdout: string): T {
  try {
    return JSON.parse(stdout) as T;
  } catch {
    throw new Error(`stdout is not one JSON object: ${stdout.slice(0, 500)}`);
  }
}
