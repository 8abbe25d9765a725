/**
 * The sampler against its peers on one generated export (default 100,000 rows x 768 dims, ~830 MB of CSV):
 *   - bare csv-parse with the sampler's reader options (the floor), and the same plus JSON.parse of every vector;
 *   - DuckDB: COPY (SELECT * FROM read_csv(...) USING SAMPLE 15 PERCENT (bernoulli)) TO parquet (all cores);
 *   - the sampler, exact (two passes) and Bernoulli (one pass);
 *   - the same on Arrow input (made with the sampler's import), against DuckDB on the same rows as Parquet;
 *   - peak RSS of the sampler at two input sizes, against the bound 2 x sample vector bytes + 200 MB.
 * Every contender runs as its own child process (wall time from spawn to exit; CPU and peak RSS reported by the
 * child). Ratios are against contenders measured in the same run, because the machine is shared. The sampler runs
 * as a user runs it, `node bin/vecstage.js sample ...` (the CLI from its compiled bundle); csv-parse and DuckDB
 * run from plain .mjs scripts, so no contender pays for a TypeScript loader.
 * Flags: --rows N (default 100000), --dim D (768), --repeat R (1: R rounds of every contender in turn, the median
 * run of each), --skip-csv (the Arrow contenders only, no RSS table), --skip-arrow, --skip-rss.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, ensureExport, type Export } from './lib/data.js';
import { assertOk, interleavedMedians, medianOf, runNode, type ChildRun } from './lib/measure.js';
import { argValue, fmt, printTable } from './lib/table.js';

const SAMPLER = 'bench/perf/lib/run-sampler.ts';
const CLI = 'bin/vecstage.js';
const BARE = 'bench/perf/lib/bare-csv-parse.mjs';
const DUCKDB = 'bench/perf/lib/duckdb-run.mjs';
const COLUMNS = ['id', 'embedding', 'text', 'tenant', 'lang', 'doc_type', 'created_at'];

interface Row {
  run: ChildRun;
  rows: number;
  bytes: number;
  note: string;
}

export async function run(argv: string[]): Promise<void> {
  const rows = Number(argValue(argv, 'rows') ?? 100000);
  const dim = Number(argValue(argv, 'dim') ?? 768);
  const repeat = Number(argValue(argv, 'repeat') ?? 1);
  const data = await ensureExport(rows, dim);
  syncDisks();
  // the CLI's compiled bundle, as `npm ci` leaves it: built now, so no measured run pays for building it
  assertOk(await runNode('build the CLI bundle', 'bin/compiled.js', []));
  log(`input: ${data.path} (${fmt(data.bytes / 1e6)} MB, ${fmt(rows)} rows x ${dim})` +
    (data.generated ? `; generated in ${fmt(data.generated.ms / 1000)} s = ${fmt(rows / (data.generated.ms / 1000))} rows/s, ${fmt(data.bytes / 1e6 / (data.generated.ms / 1000))} MB/s` : '; cached'));
  const work = join(DATA_DIR, `work-${rows}x${dim}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const out = (name: string) => join(work, name);
  const med = (label: string, script: string, args: string[]) => medianOf(repeat, () => runNode(label, script, args));
  // `vecstage sample` as a user runs it; an Arrow input's metadata is one JSON column (DESIGN §3), named by a spec
  const specFile = out('arrow-spec.json');
  writeFileSync(specFile, JSON.stringify({ columns: { metadata: [], metadataJson: 'metadata' } }));
  const sampleRun = (label: string, input: string, dir: string, mode: 'exact' | 'bernoulli') => () =>
    runNode(label, CLI, ['sample', input, '--out', dir, '--seed', '1', '--stratify-by', 'tenant,lang', '--fraction', '0.15', '--mode', mode, '--json', ...(input.endsWith('.arrow') ? ['--spec', specFile] : [])]);
  const sample = (label: string, input: string, dir: string, mode: 'exact' | 'bernoulli') => medianOf(repeat, sampleRun(label, input, dir, mode));

  const readCsv = `read_csv('${data.path}', auto_detect=false, header=true, delim=',', quote='"', escape='"', strict_mode=false, columns={${COLUMNS.map((c) => `'${c}':'VARCHAR'`).join(',')}})`;
  let exact: ChildRun | undefined;
  if (!argv.includes('--skip-csv')) {
    // a node process that reads nothing: the start-up floor in every row below
    const idle = await med('node start-up (no work)', BARE, ['/dev/null']);
    // --repeat R: R rounds of every contender in turn, medians per contender
    const csvRuns = await interleavedMedians(repeat, [
      () => runNode('csv-parse (bare)', BARE, [data.path]),
      () => runNode('csv-parse + JSON.parse vectors', BARE, [data.path, '--decode']),
      () => runNode('duckdb read_csv sample 15% -> parquet', DUCKDB, [`COPY (SELECT * FROM ${readCsv} USING SAMPLE 15 PERCENT (bernoulli)) TO '${out('duck.parquet')}' (FORMAT parquet)`]),
      () => runNode('duckdb ... + TRY_CAST(embedding AS FLOAT[])', DUCKDB, [
        `COPY (SELECT * REPLACE (TRY_CAST(embedding AS FLOAT[${dim}]) AS embedding) FROM ${readCsv} USING SAMPLE 15 PERCENT (bernoulli)) TO '${out('duck-cast.parquet')}' (FORMAT parquet)`,
      ]),
      sampleRun('vecstage sample (exact, 2 passes)', data.path, out('s-exact'), 'exact'),
      sampleRun('vecstage sample (bernoulli, 1 pass)', data.path, out('s-bern'), 'bernoulli'),
    ]);
    const [bare, decode, duck, duckCast, csvExact, bern] = csvRuns.medians as [ChildRun, ChildRun, ChildRun, ChildRun, ChildRun, ChildRun];
    exact = csvExact;
    const csv: Row[] = [];
    const add = (r: ChildRun, note = '') => csv.push({ run: r, rows, bytes: data.bytes, note });
    add(bare, 'floor: tokenise only');
    add(decode, 'floor with vector decode');
    add(duck, 'vectors stay strings');
    add(duckCast, 'casts the sampled rows only');
    add(exact, counts(exact));
    add(bern, counts(bern));
    log(`\nCSV input (ratios: wall time / bare csv-parse wall time, and / DuckDB's; start-up floor ${fmt(idle.ms / 1000)} s, ${fmt(idle.maxRssKB / 1024)} MB)`);
    report(csv, bare, duck);
    if (repeat > 1) log(`per round, exact / DuckDB wall: ${csvRuns.rounds.map((r) => fmt(r[4]!.ms / r[2]!.ms)).join(', ')}`);
    log(`sampler exact / bare parse: ${fmt(exact.ms / bare.ms)}x wall, ${fmt(exact.cpuMs / bare.cpuMs)}x cpu (target <= 1.2x); bernoulli / bare: ${fmt(bern.ms / bare.ms)}x wall, ${fmt(bern.cpuMs / bare.cpuMs)}x cpu; exact / DuckDB: ${fmt(exact.ms / duck.ms)}x wall (goal <= 2x)`);
  }

  if (!argv.includes('--skip-arrow')) {
    // Arrow input: every valid row via the sampler's import; DuckDB gets the same rows as Parquet (it has no Arrow
    // IPC reader without a network-installed extension), vectors as FLOAT[dim]
    const imp = assertOk(await runNode('vecstage import (csv -> arrow)', SAMPLER, ['import', data.path, out('imported')], { tsx: true }));
    const arrowFile = join(out('imported'), 'sample.arrow');
    const arrowRows = (JSON.parse(imp.stdout) as { counts: { sample_rows: number } }).counts.sample_rows;
    const arrowBytes = statSync(arrowFile).size;
    assertOk(await runNode('duckdb csv -> parquet (prep)', DUCKDB, [
      `COPY (SELECT * REPLACE (TRY_CAST(embedding AS FLOAT[${dim}]) AS embedding) FROM ${readCsv}) TO '${out('all.parquet')}' (FORMAT parquet)`,
    ]));
    // the two inputs were just written (~660 MB): flushed before the measured runs, so that no contender shares
    // its run with the kernel writing them back
    syncDisks();
    const arrowRuns = await interleavedMedians(repeat, [
      () => runNode('duckdb read_parquet sample 15% -> parquet', DUCKDB, [
        `COPY (SELECT * FROM read_parquet('${out('all.parquet')}') USING SAMPLE 15 PERCENT (bernoulli)) TO '${out('duck-pq.parquet')}' (FORMAT parquet)`,
      ]),
      sampleRun('vecstage sample arrow (exact)', arrowFile, out('a-exact'), 'exact'),
      sampleRun('vecstage sample arrow (bernoulli)', arrowFile, out('a-bern'), 'bernoulli'),
    ]);
    const [duckPq, ae, ab] = arrowRuns.medians as [ChildRun, ChildRun, ChildRun];
    const arrow: Row[] = [
      { run: duckPq, rows: arrowRows, bytes: arrowBytes, note: 'same rows, Parquet' },
      { run: ae, rows: arrowRows, bytes: arrowBytes, note: counts(ae) },
      { run: ab, rows: arrowRows, bytes: arrowBytes, note: counts(ab) },
    ];
    log(`\nArrow input: ${arrowFile} (${fmt(arrowBytes / 1e6)} MB, ${fmt(arrowRows)} rows; import took ${fmt(imp.ms / 1000)} s, ${fmt(imp.maxRssKB / 1024)} MB peak RSS)`);
    report(arrow, undefined, duckPq);
    if (repeat > 1) log(`per round, Arrow exact / DuckDB on Parquet wall: ${arrowRuns.rounds.map((r) => fmt(r[1]!.ms / r[0]!.ms)).join(', ')}`);
    log(`Arrow exact / DuckDB on Parquet: ${fmt(ae.ms / duckPq.ms)}x wall, ${fmt(ae.cpuMs / duckPq.cpuMs)}x cpu (goal < 1x)`);
  }

  if (exact && !argv.includes('--skip-rss')) {
    // peak RSS must depend on the sample, not the input: the same sampler on half the rows and on all of them
    const half = await ensureExport(Math.floor(rows / 2), dim);
    const sizes: Array<[Export, ChildRun]> = [];
    sizes.push([half, await sample('sample half', half.path, out('rss-half'), 'exact')]);
    sizes.push([data, exact]);
    log('\nPeak RSS of the sampler (exact mode) by input size; bound = 2 x sample vector bytes + 200 MB');
    printTable(['input', 'input MB', 'sample rows', 'sample vector MB', 'peak RSS MB', 'bound MB', 'within'],
      sizes.map(([d, r]) => {
        const c = (JSON.parse(r.stdout) as { counts: { sample_rows: number } }).counts;
        const vecMB = (c.sample_rows * dim * 4) / 1e6;
        const bound = 2 * vecMB + 200;
        const rss = (r.maxRssKB * 1024) / 1e6;
        return [`${fmt(d.rows)} rows`, d.bytes / 1e6, c.sample_rows, vecMB, rss, bound, rss <= bound ? 'yes' : 'NO'];
      }));
  }
}

/** Flushes dirty pages to disk (`sync`); a no-op where there is no such command. */
function syncDisks(): void {
  try {
    execFileSync('sync');
  } catch {
    // not on this system
  }
}

function counts(r: ChildRun): string {
  const c = (JSON.parse(r.stdout) as { counts: Record<string, number> }).counts;
  return `read ${c.rows_read}, rejected ${c.rows_rejected}, sampled ${c.sample_rows}`;
}

/** ratios on wall time and on CPU time: on a shared, loaded machine CPU seconds are the steadier of the two */
function report(rows: Row[], bare: ChildRun | undefined, duck: ChildRun): void {
  const headers = ['contender', 'wall s', 'cpu s', 'rows/s', 'MB/s', ...(bare ? ['x bare wall', 'x bare cpu'] : []), 'x duckdb wall', 'x duckdb cpu', 'peak RSS MB', 'note'];
  printTable(headers, rows.map(({ run: r, rows: n, bytes, note }) => [
    r.label, r.ms / 1000, r.cpuMs / 1000, n / (r.ms / 1000), bytes / 1e6 / (r.ms / 1000),
    ...(bare ? [`${fmt(r.ms / bare.ms)}x`, `${fmt(r.cpuMs / bare.cpuMs)}x`] : []), `${fmt(r.ms / duck.ms)}x`, `${fmt(r.cpuMs / duck.cpuMs)}x`, (r.maxRssKB * 1024) / 1e6, note,
  ]));
}

function log(s: string): void {
  process.stdout.write(`${s}\n`);
}
