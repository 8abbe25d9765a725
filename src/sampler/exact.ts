/**
 * Exact mode: pass 1 streams the input and keeps a few numbers per valid row (selection key, stratum, norm,
 * vector hash, LSH signature; tags in a sparse map), never embeddings. Selection runs on that state; pass 2
 * streams the input again and writes the selected rows to sample.arrow batch by batch.
 */
import { createWriteStream } from 'node:fs';
import { openSampleWriter, SAMPLE_FILE, MANIFEST_FILE, REJECTS_FILE } from '../arrow/index.js';
import { VecstageError } from '../errors.js';
import { SIGNATURE_WORDS, findNearDuplicates, makeProjector, signature } from './detectors/near-duplicate.js';
import { isOutlierNorm, normStats, type NormStats } from './detectors/outlier-norm.js';
import { isZeroVector, l2Norm, vectorHash } from './detectors/vector.js';
import { EmbeddingParser } from './embedding-parse.js';
import { Growable } from './growable.js';
import { selectionKey } from './hash.js';
import type { ByteTap } from './input.js';
import { buildManifest, type SampleManifest } from './manifest.js';
import { openOutputDir, outPath } from './output-dir.js';
import { Progress } from './progress.js';
import { rowTags } from './row-tags.js';
import { countReasons, rowsOf, withDimension, type ResolvedRun } from './run-context.js';
import { selectRows } from './select.js';
import type { Reject } from './types.js';
import { RowValidator } from './validate-row.js';
import { writeFile, rename } from 'node:fs/promises';

interface PassOne {
  count: number;
  records: number;
  ids: string[];
  recOf: Growable<Uint32Array>;
  keyHi: Growable<Uint32Array>;
  keyLo: Growable<Uint32Array>;
  stratumOf: Growable<Uint32Array>;
  norm: Growable<Float64Array>;
  zero: Growable<Uint8Array>;
  vhHi: Growable<Uint32Array>;
  vhLo: Growable<Uint32Array>;
  sigs: Growable<Uint32Array>;
  strata: string[];
  tagsOf: Map<number, string[]>;
  rejects: Reject[];
  hasText: boolean;
  bytes: number;
  sha256: string;
}

export async function runExact(run: ResolvedRun): Promise<{ manifest: SampleManifest; out: string }> {
  const one = await passOne(run);
  if (one.records === 0) throw new VecstageError('INPUT', `no data rows: ${run.desc.display} has a header but no rows`);
  if (run.embedding.dimension === 0) {
    const first = one.rejects[0];
    throw new VecstageError('INPUT', `no row of ${run.desc.display} has a parseable embedding${first ? ` (first: line ${first.line}, ${first.reason}: ${first.detail})` : ''}; nothing to sample`);
  }
  const detectors = globalTags(run, one);
  const n = one.count;
  const keyHi = one.keyHi.data.subarray(0, n);
  const keyLo = one.keyLo.data.subarray(0, n);
  const stratumOf = one.stratumOf.data.subarray(0, n);
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
    chosenByRec.set(one.recOf.get(r), r);
    if (sel.chosen[r] === 2) edgeCases++;
    else stratified++;
    const s = one.strata[stratumOf[r] as number] as string;
    sampledPerStratum.set(s, (sampledPerStratum.get(s) ?? 0) + 1);
    for (const t of one.tagsOf.get(r) ?? []) inSample[t] = (inSample[t] ?? 0) + 1;
  }
  const manifest = buildManifest(run, {
    bytes: one.bytes,
    sha256: one.sha256,
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
  const dir = openOutputDir(run.out);
  try {
    await writeRejects(outPath(dir, REJECTS_FILE), one.rejects);
    const json = JSON.stringify(manifest);
    const writer = openSampleWriter(outPath(dir, SAMPLE_FILE), run.embedding.dimension, json);
    const parser = new EmbeddingParser();
    const validator = new RowValidator(validatorOptions(run), parser);
    const tap: ByteTap = { bytes: 0, sha256: () => '' };
    const progress = new Progress(run.progress, 'sample: pass 2/2', run.desc.size);
    let rec = 0;
    let written = 0;
    for await (const raw of rowsOf(run, tap, chosenByRec)) {
      const r = chosenByRec.get(rec++);
      if (rec % 1024 === 0) progress.update(rec, tap.bytes);
      if (r === undefined) continue;
      const v = validator.validate(raw);
      if (!v.ok || v.row.id !== one.ids[r]) throw new VecstageError('INPUT', `${run.desc.display} changed between the two passes (line ${raw.line}); sample a stable file`);
      const certain = sel.chosen[r] === 2;
      const p = run.keepAll || certain ? 1 : (probOf.get(v.row.stratum) ?? 1);
      await writer.add({
        id: v.row.id,
        embedding: parser.values,
        text: v.row.text,
        metadata: v.row.metadata,
        stratum: v.row.stratum,
        edgeTags: one.tagsOf.get(r) ?? [],
        inclusionProb: p,
        weight: 1 / p,
      });
      written++;
    }
    progress.done();
    await writer.close();
    if (written !== chosenByRec.size) throw new VecstageError('INPUT', `${run.desc.display} changed between the two passes (${written} of ${chosenByRec.size} selected rows found)`);
    await writeJsonAtomic(outPath(dir, MANIFEST_FILE), manifest);
    dir.commit();
  } catch (err) {
    dir.abort();
    throw err;
  }
  return { manifest, out: run.out };
}

export function validatorOptions(run: ResolvedRun): ConstructorParameters<typeof RowValidator>[0] {
  return {
    columns: run.spec.columns,
    stratifyBy: run.spec.stratifyBy,
    dimension: run.embedding.dimension,
    headered: run.desc.format !== 'jsonl',
    source: run.desc.display,
  };
}

async function passOne(run: ResolvedRun): Promise<PassOne> {
  const parser = new EmbeddingParser();
  const validator = new RowValidator(validatorOptions(run), parser);
  const tap: ByteTap = { bytes: 0, sha256: () => '' };
  const st: PassOne = {
    count: 0,
    records: 0,
    ids: [],
    recOf: new Growable(Uint32Array),
    keyHi: new Growable(Uint32Array),
    keyLo: new Growable(Uint32Array),
    stratumOf: new Growable(Uint32Array),
    norm: new Growable(Float64Array),
    zero: new Growable(Uint8Array),
    vhHi: new Growable(Uint32Array),
    vhLo: new Growable(Uint32Array),
    sigs: new Growable(Uint32Array),
    strata: [],
    tagsOf: new Map(),
    rejects: [],
    hasText: false,
    bytes: 0,
    sha256: '',
  };
  const stratumIndex = new Map<string, number>();
  const idLine = new Map<string, number>();
  const firstByVector = new Map<string, number>();
  const nearDup = run.spec.detectors.enabled.near_duplicate;
  let projector: ReturnType<typeof makeProjector> | undefined;
  const progress = new Progress(run.progress, 'sample: pass 1/2', run.desc.size);
  const tagCtx = { detectors: run.spec.detectors, rules: run.spec.rules, fixtureIds: run.fixtureIds, hasText: false };
  for await (const raw of withDimension(rowsOf(run, tap), validator, run)) {
    const rec = st.records++;
    if ((rec & 1023) === 0) progress.update(rec, tap.bytes);
    if (rec === 0) tagCtx.hasText = st.hasText = run.spec.columns.text !== null && raw.fields.includes(run.spec.columns.text);
    const v = validator.validate(raw);
    if (!v.ok) {
      st.rejects.push(v.reject);
      continue;
    }
    const row = v.row;
    const first = idLine.get(row.id);
    if (first !== undefined) {
      st.rejects.push({ line: row.line, column: run.spec.columns.id, reason: 'duplicate_id', id: row.id, detail: `id already seen at line ${first}; the first occurrence is kept` });
      continue;
    }
    idLine.set(row.id, row.line);
    const r = st.count++;
    st.ids.push(row.id);
    st.recOf.push(rec);
    const key = selectionKey(run.seed, row.id);
    st.keyHi.push(key.hi);
    st.keyLo.push(key.lo);
    let h = stratumIndex.get(row.stratum);
    if (h === undefined) {
      h = st.strata.length;
      stratumIndex.set(row.stratum, h);
      st.strata.push(row.stratum);
    }
    st.stratumOf.push(h);
    const values = parser.values;
    const zero = isZeroVector(values, row.length);
    st.zero.push(zero ? 1 : 0);
    st.norm.push(l2Norm(values, row.length));
    const vh = vectorHash(values, row.length);
    st.vhHi.push(vh.hi);
    st.vhLo.push(vh.lo);
    const at = st.sigs.reserve(SIGNATURE_WORDS);
    if (nearDup && !zero) signature((projector ??= makeProjector(row.length)), values, st.sigs.data, at);
    const tags = rowTags(row, zero, tagCtx);
    if (run.spec.detectors.enabled.duplicate_vector) {
      const vk = `${vh.hi}:${vh.lo}`;
      const prev = firstByVector.get(vk);
      if (prev === undefined) firstByVector.set(vk, r);
      else {
        tags.push('duplicate_vector');
        addTag(st.tagsOf, prev, 'duplicate_vector');
      }
    }
    if (tags.length) for (const t of tags) addTag(st.tagsOf, r, t);
  }
  progress.done();
  st.rejects.sort((a, b) => a.line - b.line);
  st.bytes = tap.bytes;
  st.sha256 = tap.sha256();
  return st;
}

/** Tags that need every row: outlier norm (median/MAD), near duplicates (LSH), rare strata. */
function globalTags(run: ResolvedRun, st: PassOne): Record<string, unknown> {
  const n = st.count;
  const on = run.spec.detectors.enabled;
  const d = run.spec.detectors;
  const info: Record<string, unknown> = {};
  if (on.outlier_norm && n > 0) {
    const norms: number[] = [];
    for (let r = 0; r < n; r++) if (!st.zero.get(r)) norms.push(st.norm.get(r));
    if (norms.length > 0) {
      const stats: NormStats = normStats(norms, d.outlierNormMads, d.outlierNormRelativeFloor);
      for (let r = 0; r < n; r++) if (!st.zero.get(r) && isOutlierNorm(st.norm.get(r), stats)) addTag(st.tagsOf, r, 'outlier_norm');
      info.outlier_norm = { ...stats, mads: d.outlierNormMads, rows: norms.length };
    }
  }
  if (on.near_duplicate && n > 1) {
    const hi = st.keyHi.data;
    const lo = st.keyLo.data;
    const tagged = findNearDuplicates(
      st.sigs.data,
      n,
      (r) => st.zero.get(r) === 1,
      (a, b) => st.vhHi.get(a) === st.vhHi.get(b) && st.vhLo.get(a) === st.vhLo.get(b),
      (a, b) => (hi[a] as number) - (hi[b] as number) || (lo[a] as number) - (lo[b] as number),
      { cosine: d.nearDuplicateCosine, maxBucket: d.nearDuplicateMaxBucket },
    );
    for (const r of [...tagged].sort((a, b) => a - b)) addTag(st.tagsOf, r, 'near_duplicate');
    info.near_duplicate = { method: 'SRP-LSH, 256 bits, 8 bands of 32, estimated cosine', cosine: d.nearDuplicateCosine, maxBucket: d.nearDuplicateMaxBucket };
  }
  if (on.rare_stratum && st.strata.length > 1) {
    const sizes = new Array<number>(st.strata.length).fill(0);
    for (let r = 0; r < n; r++) sizes[st.stratumOf.get(r)]! += 1;
    for (let r = 0; r < n; r++) if (sizes[st.stratumOf.get(r)]! < run.minPerStratum) addTag(st.tagsOf, r, 'rare_stratum');
  }
  return info;
}

function addTag(map: Map<number, string[]>, row: number, tag: string): void {
  const tags = map.get(row);
  if (!tags) map.set(row, [tag]);
  else if (!tags.includes(tag)) tags.push(tag);
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
