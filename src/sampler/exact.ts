/**
 * Exact mode: pass 1 (pass-one.ts) keeps a few numbers per valid row (selection key, stratum, norm, vector hash,
 * LSH signature, byte span; tags in a sparse map), never embeddings; a CSV or Arrow file is scanned on every
 * core. Here: the tags that need every row, the selection, and the output; pass 2 (pass-two.ts) reads only the
 * selected rows again and this thread writes them to sample.arrow batch by batch, while the fingerprint's sha256
 * may still be computing (the manifest's digest is put in place when the file is closed).
 */
import { createWriteStream } from 'node:fs';
import { openSampleWriter, SAMPLE_FILE, MANIFEST_FILE, REJECTS_FILE } from '../arrow/index.js';
import { VecstageError } from '../errors.js';
import { availableParallelism } from 'node:os';
import { trimMemory } from '../kernel/native-binding.js';
import { nearDuplicateRows } from './detectors/near-duplicate.js';
import { isOutlierNorm, normStats, type NormStats } from './detectors/outlier-norm.js';
import { MIN_BYTES_PER_THREAD, type CsvScanOptions } from './parallel/scan-csv-file.js';
import { passOne, validatorOptions, type PassOne } from './scan/pass-one.js';
import { changedBetweenPasses, PARALLEL_PASS_TWO_ROWS, passTwoRows, startPassTwoWorkers } from './write/pass-two.js';
import type { SelectedWorkerPool } from './parallel/read-selected-parallel.js';
import { csvParserChoice, type CsvParserKind } from './input/readers/csv-dialect.js';
import { buildManifest, type SampleManifest } from './write/manifest.js';
import { openOutputDir, outPath } from './write/output-dir.js';
import { Progress } from './progress.js';
import { countReasons, type ResolvedRun } from './run-context.js';
import { selectRows } from './select/select.js';
import { trace } from './trace.js';
import type { Reject } from './types.js';
import { writeFile, rename } from 'node:fs/promises';

export { validatorOptions };

export interface ExactOptions {
  /** worker threads for pass 1 over a CSV file; @default os.availableParallelism() (env VECSTAGE_THREADS) */
  threads?: number;
  /** @default 32 MiB: smaller files are scanned in this thread */
  minBytesPerThread?: number;
  /** CSV reader: the byte scanner (csv-parse where it cannot read the dialect) or csv-parse alone; @default env VECSTAGE_CSV_PARSER, else 'scanner' */
  csvParser?: CsvParserKind;
  /** pass 2 of a CSV file scanned in parallel runs in worker threads from this many selected rows; @default 4096 */
  passTwoMinRows?: number;
}

export interface ExactResult {
  manifest: SampleManifest;
  out: string;
  /** threads of pass 1 and of pass 2 (workers and this thread) */
  threads: number;
  passTwoThreads: number;
  parser: CsvParserKind | undefined;
}

export async function runExact(run: ResolvedRun, opts: ExactOptions = {}): Promise<ExactResult> {
  const envThreads = Number(process.env.VECSTAGE_THREADS);
  const scanOpts: CsvScanOptions = {
    threads: opts.threads ?? (Number.isInteger(envThreads) && envThreads > 0 ? envThreads : availableParallelism()),
    minBytesPerThread: opts.minBytesPerThread ?? MIN_BYTES_PER_THREAD,
    parser: opts.csvParser ?? csvParserChoice(),
  };
  trace('exact: start');
  const one = await passOne(run, scanOpts);
  trace(`exact: pass 1 merged (${one.threads} threads)`);
  trimMemory();
  trace('exact: memory trimmed');
  if (one.records === 0) throw new VecstageError('INPUT', `no data rows: ${run.desc.display} has a header but no rows`);
  if (run.embedding.dimension === 0) {
    const first = one.rejects[0];
    throw new VecstageError('INPUT', `no row of ${run.desc.display} has a parseable embedding${first ? ` (first: line ${first.line}, ${first.reason}: ${first.detail})` : ''}; nothing to sample`);
  }
  // pass 2's workers load while the selection runs; closed here whatever happens (pass 2 closes them when done)
  const minRows = opts.passTwoMinRows ?? PARALLEL_PASS_TWO_ROWS;
  const pool = await startPassTwoWorkers(run, one, minRows);
  try {
    return await selectAndWrite(run, one, minRows, pool);
  } finally {
    pool?.close();
  }
}

/** Everything after pass 1: the tags that need every row, the selection, pass 2 and the output files. */
async function selectAndWrite(run: ResolvedRun, one: PassOne, minRows: number, pool: SelectedWorkerPool | undefined): Promise<ExactResult> {
  const detectors = globalTags(run, one);
  trace('exact: global tags');
  const n = one.count;
  const keyHi = one.keyHi;
  const keyLo = one.keyLo;
  const stratumOf = one.stratumOf;
  const sel = selectRows({
    count: n,
    keyHi,
    keyLo,
    ids: one.ids,
    stratumOf,
    strata: one.strata,
    tagsOf: one.tagsOf,
    caps: run.keepAll ? { default: Infinity } : run.spec.caps,
    fraction: run.keepAll ? 1 : run.fraction,
    minPerStratum: run.minPerStratum,
  });
  const probOf = new Map(sel.strata.map((s) => [s.stratum, s.inclusionProb]));
  const chosenByRec = new Map<number, number>();
  let stratified = 0;
  let edgeCases = 0;
  const sampledPerStratum = new Map<string, number>();
  const inSample: Record<string, number> = {};
  for (let r = 0; r < n; r++) {
    if (sel.chosen[r] === 0) continue;
    chosenByRec.set(one.recOf[r] as number, r);
    if (sel.chosen[r] === 2) edgeCases++;
    else stratified++;
    const s = one.strata[stratumOf[r] as number] as string;
    sampledPerStratum.set(s, (sampledPerStratum.get(s) ?? 0) + 1);
    for (const t of one.tagsOf.get(r) ?? []) inSample[t] = (inSample[t] ?? 0) + 1;
  }
  trace('exact: selected');
  const manifestOf = (digest: { bytes: number; sha256: string }): SampleManifest =>
    buildManifest(run, {
      bytes: digest.bytes,
      sha256: digest.sha256,
      rowsRead: one.records,
      rowsValid: n,
      rejects: countReasons(one.rejects),
      strata: sel.strata.map((s) => ({ ...s, sampled: sampledPerStratum.get(s.stratum) ?? 0 })),
      tags: Object.fromEntries(Object.entries(sel.tags).map(([t, v]) => [t, { ...v, cap: Number.isFinite(v.cap) ? v.cap : null, inSample: inSample[t] ?? 0 }])),
      stratified,
      edgeCases,
      detectors,
      notes: [],
    });
  // A file's sha256 may still be computing in a thread of its own. Pass 2 does not wait for it: the rows are
  // written under a manifest whose digest is a placeholder of the same length, and the writer puts the real
  // manifest in place when it closes (sample-writer.ts).
  const known = one.digest instanceof Promise ? undefined : one.digest;
  const manifest0 = manifestOf(known ?? { bytes: run.desc.size ?? 0, sha256: PENDING_SHA256 });
  const passTwo = { threads: 1 };
  const rows = passTwoRows(run, one, chosenByRec, minRows, pool, passTwo);
  let manifest = manifest0;
  const dir = openOutputDir(run.out);
  try {
    await writeRejects(outPath(dir, REJECTS_FILE), one.rejects);
    const writer = openSampleWriter(outPath(dir, SAMPLE_FILE), run.embedding.dimension, JSON.stringify(manifest0));
    const progress = new Progress(run.progress, 'sample: pass 2/2', run.desc.size);
    let written = 0;
    for await (const batch of rows) {
      for (const row of batch) {
        const r = row.r;
        if ((written & 1023) === 0) progress.update(written, one.start ? (one.end![r] as number) : 0);
        if (row.id !== one.ids[r]) throw changedBetweenPasses(run, row.line);
        const certain = sel.chosen[r] === 2;
        const p = run.keepAll || certain ? 1 : (probOf.get(row.stratum) ?? 1);
        const edgeTags = one.tagsOf.get(r) ?? [];
        const { id, embedding, text, stratum } = row;
        const flushing = 'metadataJson' in row
          ? writer.add({ id, embedding, text, metadataJson: row.metadataJson, stratum, edgeTags, inclusionProb: p, weight: 1 / p })
          : writer.add({ id, embedding, text, metadata: row.metadata, stratum, edgeTags, inclusionProb: p, weight: 1 / p });
        if (flushing) await flushing;
        written++;
      }
    }
    progress.done();
    trace('exact: pass 2');
    if (written !== chosenByRec.size) throw new VecstageError('INPUT', `${run.desc.display} changed between the two passes (${written} of ${chosenByRec.size} selected rows found)`);
    const digest = known ?? (await one.digest);
    trace('exact: digest');
    if (digest.bytes !== manifest0.source.bytes) throw new VecstageError('INPUT', `${run.desc.display} changed while it was sampled (${digest.bytes} bytes hashed, ${manifest0.source.bytes} at the start); sample a stable file`);
    manifest = manifestOf(digest);
    await writer.close(JSON.stringify(manifest));
    trace('exact: sample.arrow closed');
    await writeJsonAtomic(outPath(dir, MANIFEST_FILE), manifest);
    dir.commit();
  } catch (err) {
    dir.abort();
    await rows.return(undefined);
    throw err;
  }
  return { manifest, out: run.out, threads: one.threads, passTwoThreads: passTwo.threads, parser: one.csv?.parser };
}

/** The digest in the manifest sample.arrow is written under while the sha256 is computed (same length). */
const PENDING_SHA256 = 'sha256 pending'.padEnd(64, '.');

/** Tags that need every row: outlier norm (median/MAD), near duplicates (LSH), rare strata. */
function globalTags(run: ResolvedRun, st: PassOne): Record<string, unknown> {
  const n = st.count;
  const on = run.spec.detectors.enabled;
  const d = run.spec.detectors;
  const info: Record<string, unknown> = {};
  if (on.outlier_norm && n > 0) {
    const norms: number[] = [];
    for (let r = 0; r < n; r++) if (!(st.zero[r] as number)) norms.push((st.norm[r] as number));
    if (norms.length > 0) {
      const stats: NormStats = normStats(norms, d.outlierNormMads, d.outlierNormRelativeFloor);
      for (let r = 0; r < n; r++) if (!(st.zero[r] as number) && isOutlierNorm((st.norm[r] as number), stats)) st.tagsOf.add(r, 'outlier_norm');
      info.outlier_norm = { ...stats, mads: d.outlierNormMads, rows: norms.length };
    }
  }
  if (on.near_duplicate && n > 1) {
    const tagged = nearDuplicateRows(st, { cosine: d.nearDuplicateCosine, maxBucket: d.nearDuplicateMaxBucket });
    for (const r of tagged) st.tagsOf.add(r, 'near_duplicate');
    info.near_duplicate = { method: 'SRP-LSH, 256 bits, 8 bands of 32, estimated cosine', cosine: d.nearDuplicateCosine, maxBucket: d.nearDuplicateMaxBucket };
  }
  if (on.rare_stratum && st.strata.length > 1) {
    const sizes = new Array<number>(st.strata.length).fill(0);
    for (let r = 0; r < n; r++) sizes[(st.stratumOf[r] as number)]! += 1;
    for (let r = 0; r < n; r++) if (sizes[(st.stratumOf[r] as number)]! < run.minPerStratum) st.tagsOf.add(r, 'rare_stratum');
  }
  return info;
}

export async function writeRejects(path: string, rejects: readonly Reject[]): Promise<void> {
  const out = createWriteStream(path);
  for (const r of rejects) {
    if (!out.write(`${JSON.stringify(r)}\n`)) await new Promise<void>((res) => out.once('drain', () => res()));
  }
  await new Promise<void>((res, rej) => {
    out.once('error', rej);
    out.end(() => res());
  });
}

export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await writeFile(`${path}.tmp`, `${JSON.stringify(value, null, 2)}\n`);
  await rename(`${path}.tmp`, path);
}
