/**
 * Bernoulli mode for document exports (one pass; stdin): a document is kept when u < fraction, in every
 * stratum, as for vector exports (bernoulli.ts): custom rules and fixture ids are kept with certainty; built-in
 * tags only annotate; near_duplicate and rare_stratum need every row and run in exact mode only.
 * Memory: the selected documents until the end, when the manifest is known and the file is written.
 */
import { MANIFEST_FILE, REJECTS_FILE, SAMPLE_FILE, openDocumentWriter, type DocumentRow } from '../../arrow/index.js';
import { VecstageError } from '../../errors.js';
import { isEmptyText } from '../detectors/text.js';
import { writeJsonAtomic, writeRejects } from '../exact.js';
import { keyToUnit, selectionKey } from '../select/hash.js';
import type { ByteTap } from '../input/input.js';
import { openOutputDir, outPath } from '../write/output-dir.js';
import { countReasons, type ResolvedRun } from '../run-context.js';
import { BUILTIN_TAGS } from '../spec/spec-types.js';
import type { Reject } from '../types.js';
import { buildDocumentManifest, type DocumentManifest } from './document-manifest.js';
import { documentTags, tagContext, validatedRows } from './document-scan.js';
import { textStats } from './text-stats.js';
import { originFromFirstRecord } from '../input/origin.js';

const BUILTIN: ReadonlySet<string> = new Set(BUILTIN_TAGS);

export async function runBernoulliDocuments(run: ResolvedRun): Promise<DocumentManifest> {
  const tap: ByteTap = { bytes: 0, sha256: () => '' };
  const ctx = tagContext(run);
  const p = run.keepAll ? 1 : run.fraction;
  const rejects: Reject[] = [];
  const kept: DocumentRow[] = [];
  const idLine = new Map<string, number>();
  const strata = new Map<string, { N: number; certainty: number; sampled: number }>();
  const tagCounts: Record<string, { tagged: number; kept: number; inSample: number }> = {};
  const chars: number[] = [];
  const sampleChars: number[] = [];
  let inputEmpty = 0;
  let sampleEmpty = 0;
  let records = 0;
  let stratified = 0;
  let edgeCases = 0;
  for await (const { rec, raw, v } of validatedRows(run, tap, 'sample')) {
    records = rec + 1;
    // stdin is only seen now: its origin marker (issue 14) decides here what the file check decides up front
    if (rec === 0) run.origin = originFromFirstRecord(run.origin, raw.fields, raw.values, run.desc.display);
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
    const text = row.text ?? '';
    const empty = isEmptyText(text) ? 1 : 0;
    chars.push(text.length);
    inputEmpty += empty;
    const tags = documentTags(row, ctx);
    const s = strata.get(row.stratum) ?? { N: 0, certainty: 0, sampled: 0 };
    strata.set(row.stratum, s);
    s.N++;
    for (const t of tags) (tagCounts[t] ??= { tagged: 0, kept: 0, inSample: 0 }).tagged++;
    const key = selectionKey(run.seed, row.id);
    const certain = tags.some((t) => !BUILTIN.has(t));
    if (!(certain || keyToUnit(key.hi, key.lo) < p)) continue;
    const prob = certain ? 1 : p;
    kept.push({ id: row.id, text: row.text, metadata: row.metadata, stratum: row.stratum, edgeTags: tags, inclusionProb: prob, weight: 1 / prob });
    sampleChars.push(text.length);
    sampleEmpty += empty;
    s.sampled++;
    for (const t of tags) tagCounts[t]!.inSample++;
    if (certain) {
      s.certainty++;
      edgeCases++;
      for (const t of tags) tagCounts[t]!.kept++;
    } else stratified++;
  }
  if (records === 0) throw new VecstageError('INPUT', `no data rows: ${run.desc.display} has no documents`);
  rejects.sort((a, b) => a.line - b.line);
  const manifest = buildDocumentManifest(run, {
    bytes: tap.bytes,
    sha256: tap.sha256(),
    rowsRead: records,
    rowsValid: idLine.size,
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
    detectors: {},
    text: { input: textStats(Uint32Array.from(chars), inputEmpty), sample: textStats(Uint32Array.from(sampleChars), sampleEmpty) },
    notes: [
      'bernoulli mode: p_h = fraction in every stratum; minPerStratum is not enforced (rare strata need global counts)',
      'built-in detector tags annotate rows the hash rule keeps (no certainty inclusion: caps need global counts); custom rules and fixture ids are kept with certainty, uncapped; near_duplicate and rare_stratum run in exact mode only',
    ],
  });
  const dir = openOutputDir(run.out);
  try {
    await writeRejects(outPath(dir, REJECTS_FILE), rejects);
    const writer = openDocumentWriter(outPath(dir, SAMPLE_FILE), JSON.stringify(manifest));
    for (const r of kept) await writer.add(r);
    await writer.close();
    await writeJsonAtomic(outPath(dir, MANIFEST_FILE), manifest);
    dir.commit();
  } catch (err) {
    dir.abort();
    throw err;
  }
  return manifest;
}
