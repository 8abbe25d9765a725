/**
 * Bernoulli mode (one pass; stdin): a row is kept when u < p_h, with p_h = the fraction for every stratum, so
 * the sample of a union of disjoint parts is the union of the parts' samples. Only analysts' picks (custom rules
 * and fixture ids, narrow by construction) are kept with certainty: built-in detector tags (text, zero vector,
 * metadata, ...) only annotate, because a cap needs global counts and an uncapped detector that fires on half a
 * multilingual corpus (non_ascii) would push the sample far outside the fraction bounds.
 * Tags that need global state (duplicate_vector, outlier_norm) are computed on the rows seen so far and only
 * annotate rows the hash rule keeps anyway: were they to force rows in, the sample would depend on how the
 * input was split or ordered. near_duplicate and rare_stratum need every row and run in exact mode only.
 * Memory: the selected rows (the sample) until the end, when the manifest is known and the file is written.
 */
import { MANIFEST_FILE, REJECTS_FILE, SAMPLE_FILE, openSampleWriter, type SampleRow } from '../arrow/index.js';
import { VecstageError } from '../errors.js';
import { isOutlierNorm, normStats, type NormStats } from './detectors/outlier-norm.js';
import { isZeroVector, l2Norm, vectorHash } from './detectors/vector.js';
import { EmbeddingParser } from './input/embedding-parse.js';
import { keyToUnit, selectionKey } from './select/hash.js';
import type { ByteTap } from './input/input.js';
import { buildManifest, type SampleManifest } from './write/manifest.js';
import { openOutputDir, outPath } from './write/output-dir.js';
import { Progress } from './progress.js';
import { rowTags } from './detectors/row-tags.js';
import { BUILTIN_TAGS } from './spec/spec-types.js';

const BUILTIN: ReadonlySet<string> = new Set(BUILTIN_TAGS);
import { countReasons, rowsOf, withDimension, type ResolvedRun } from './run-context.js';
import { validatorOptions, writeJsonAtomic, writeRejects } from './exact.js';
import type { Reject } from './types.js';
import { RowValidator } from './input/validate-row.js';
import { originFromFirstRecord } from './input/origin.js';

const NORM_WINDOW = 10_000;

export async function runBernoulli(run: ResolvedRun): Promise<{ manifest: SampleManifest; out: string }> {
  const parser = new EmbeddingParser();
  const validator = new RowValidator(validatorOptions(run), parser);
  const tap: ByteTap = { bytes: 0, sha256: () => '' };
  const progress = new Progress(run.progress, 'sample', run.desc.size);
  const on = run.spec.detectors.enabled;
  const tagCtx = { detectors: run.spec.detectors, rules: run.spec.rules, fixtureIds: run.fixtureIds, hasText: false };
  const rejects: Reject[] = [];
  const kept: SampleRow[] = [];
  const keptByVector = new Map<string, SampleRow | null>();
  const idLine = new Map<string, number>();
  const strata = new Map<string, { N: number; certainty: number; sampled: number }>();
  const tagCounts: Record<string, { tagged: number; kept: number; inSample: number }> = {};
  const norms: number[] = [];
  let stats: NormStats | undefined;
  let records = 0;
  let valid = 0;
  let stratified = 0;
  let edgeCases = 0;
  const p = run.keepAll ? 1 : run.fraction;
  for await (const raw of withDimension(rowsOf(run, tap), validator, run)) {
    if ((records & 1023) === 0) progress.update(records, tap.bytes);
    if (records++ === 0) {
      tagCtx.hasText = run.spec.columns.text !== null && raw.fields.includes(run.spec.columns.text);
      // stdin is only seen now: its origin marker (issue 14) decides here what the file check decides up front
      run.origin = originFromFirstRecord(run.origin, raw.fields, raw.values, run.desc.display);
    }
    const v = validator.validate(raw);
    if (!v.ok) {
      rejects.push(v.reject);
      continue;
    }
    const row = v.row;
    const first = idLine.get(row.id);
    if (first !== undefined) {
      rejects.push({ line: row.line, column: run.spec.columns.id, reason: 'duplicate_id', id: row.id, detail: `id already seen at line ${first}; the first occurrence is kept` });
      continue;
    }
    idLine.set(row.id, row.line);
    valid++;
    const values = parser.values;
    const zero = isZeroVector(values, row.length);
    const local = rowTags(row, zero, tagCtx);
    const tags = [...local];
    const vh = vectorHash(values, row.length);
    const vk = `${vh.hi}:${vh.lo}`;
    if (on.duplicate_vector && keptByVector.has(vk)) {
      tags.push('duplicate_vector');
      const prev = keptByVector.get(vk);
      if (prev && !prev.edgeTags.includes('duplicate_vector')) prev.edgeTags.push('duplicate_vector');
    }
    if (on.outlier_norm && !zero) {
      const norm = l2Norm(values, row.length);
      if (stats && isOutlierNorm(norm, stats)) tags.push('outlier_norm');
      if (norms.length < NORM_WINDOW) {
        norms.push(norm);
        if (norms.length === 100 || norms.length % 1000 === 0) stats = normStats(norms, run.spec.detectors.outlierNormMads, run.spec.detectors.outlierNormRelativeFloor);
      }
    }
    const s = strata.get(row.stratum) ?? { N: 0, certainty: 0, sampled: 0 };
    strata.set(row.stratum, s);
    s.N++;
    for (const t of tags) (tagCounts[t] ??= { tagged: 0, kept: 0, inSample: 0 }).tagged++;
    const key = selectionKey(run.seed, row.id);
    const certain = local.some((t) => !BUILTIN.has(t));
    const chosen = certain || keyToUnit(key.hi, key.lo) < p;
    if (!chosen) {
      if (!keptByVector.has(vk)) keptByVector.set(vk, null);
      continue;
    }
    const prob = certain ? 1 : p;
    const out: SampleRow = {
      id: row.id,
      embedding: values.slice(0, row.length),
      text: row.text,
      metadata: row.metadata,
      stratum: row.stratum,
      edgeTags: tags,
      inclusionProb: prob,
      weight: 1 / prob,
    };
    if (!keptByVector.get(vk)) keptByVector.set(vk, out);
    kept.push(out);
    s.sampled++;
    if (certain) {
      s.certainty++;
      edgeCases++;
      for (const t of local) tagCounts[t]!.kept++;
    } else stratified++;
  }
  progress.done();
  if (records === 0) throw new VecstageError('INPUT', `no data rows: ${run.desc.display} has no rows`);
  if (run.embedding.dimension === 0) throw new VecstageError('INPUT', `no row of ${run.desc.display} has a parseable embedding; nothing to sample`);
  for (const r of kept) for (const t of r.edgeTags) tagCounts[t]!.inSample++;
  rejects.sort((a, b) => a.line - b.line);
  const manifest = buildManifest(run, {
    bytes: tap.bytes,
    sha256: tap.sha256(),
    rowsRead: records,
    rowsValid: valid,
    rejects: countReasons(rejects),
    strata: [...strata]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([stratum, s]) => ({ stratum, N: s.N, certainty: s.certainty, n: s.sampled - s.certainty, inclusionProb: p, sampled: s.sampled })),
    tags: Object.fromEntries(
      Object.entries(tagCounts)
        .sort((a, b) => (a[0] < b[0] ? -1 : 1))
        .map(([t, c]) => [t, { tagged: c.tagged, kept: c.kept, cap: null, inSample: c.inSample }]),
    ),
    stratified,
    edgeCases,
    detectors: stats ? { outlier_norm: { ...stats, window: `first ${Math.min(NORM_WINDOW, norms.length)} norms seen` } } : {},
    notes: [
      'bernoulli mode: p_h = fraction in every stratum; minPerStratum is not enforced (rare strata need global counts)',
      'built-in detector tags annotate rows the hash rule keeps (no certainty inclusion: caps need global counts); custom rules and fixture ids are kept with certainty, uncapped; duplicate_vector and outlier_norm use the rows seen so far; near_duplicate and rare_stratum run in exact mode only',
    ],
  });
  const dir = openOutputDir(run.out);
  try {
    await writeRejects(outPath(dir, REJECTS_FILE), rejects);
    const writer = openSampleWriter(outPath(dir, SAMPLE_FILE), run.embedding.dimension, JSON.stringify(manifest));
    for (const r of kept) await writer.add(r);
    await writer.close();
    await writeJsonAtomic(outPath(dir, MANIFEST_FILE), manifest);
    dir.commit();
  } catch (err) {
    dir.abort();
    throw err;
  }
  return { manifest, out: run.out };
}
