/**
 * Exact mode for document exports: pass 1 (document-scan.ts) keeps a few numbers per document; then the tags
 * that need every row (near-duplicate texts, rare strata), the same selection as vector samples (certainty rows
 * capped per tag, bottom-k by hash per stratum: select.ts), and the complete manifest; pass 2 reads the input
 * again and writes only the selected documents. Memory: pass 1's numbers plus one output batch.
 */
import { MANIFEST_FILE, REJECTS_FILE, SAMPLE_FILE, openDocumentWriter, type DocumentWriter } from '../../arrow/index.js';
import { VecstageError } from '../../errors.js';
import type { ByteTap } from '../input/input.js';
import { writeJsonAtomic, writeRejects } from '../exact.js';
import { openOutputDir, outPath } from '../write/output-dir.js';
import { RowTagSets } from '../detectors/row-tag-sets.js';
import { countReasons, type ResolvedRun } from '../run-context.js';
import { selectRows } from '../select/select.js';
import { buildDocumentManifest, type DocumentManifest } from './document-manifest.js';
import { scanDocuments, validatedRows, type DocumentScan } from './document-scan.js';
import { nearDuplicateTexts } from './near-duplicate-text.js';
import { MINHASH_K, SHINGLE_WORDS } from './minhash.js';
import { textStats } from './text-stats.js';

/** Estimated Jaccard similarity of word 3-shingle sets at which two texts are near duplicates. */
export const NEAR_DUPLICATE_JACCARD = 0.7;

export async function runExactDocuments(run: ResolvedRun): Promise<DocumentManifest> {
  const one = await scanDocuments(run, 'sample: pass 1/2');
  if (one.records === 0) throw new VecstageError('INPUT', `no data rows: ${run.desc.display} has no documents`);
  const tags = new RowTagSets(one.count);
  for (let r = 0; r < one.count; r++) {
    const list = one.tagLists.lists[one.tagListOf[r] as number] as readonly string[];
    if (list.length) tags.setList(r, tags.listId(list));
  }
  const detectors = globalTags(run, one, tags);
  const sel = selectRows({
    count: one.count,
    keyHi: one.keyHi,
    keyLo: one.keyLo,
    ids: one.ids,
    stratumOf: one.stratumOf,
    strata: one.strata,
    tagsOf: tags,
    caps: run.keepAll ? { default: Infinity } : run.spec.caps,
    fraction: run.keepAll ? 1 : run.fraction,
    minPerStratum: run.minPerStratum,
  });
  const probOf = one.strata.map(() => 1);
  const stratumIdx = new Map(one.strata.map((s, h) => [s, h]));
  for (const s of sel.strata) probOf[stratumIdx.get(s.stratum) as number] = s.inclusionProb;
  const chosenByRec = new Map<number, number>();
  const sampledPerStratum = new Map<string, number>();
  const inSample: Record<string, number> = {};
  const sampleChars: number[] = [];
  let sampleEmpty = 0;
  let stratified = 0;
  let edgeCases = 0;
  let inputEmpty = 0;
  for (let r = 0; r < one.count; r++) {
    inputEmpty += one.empty[r] as number;
    if (sel.chosen[r] === 0) continue;
    chosenByRec.set(one.recOf[r] as number, r);
    if (sel.chosen[r] === 2) edgeCases++;
    else stratified++;
    const s = one.strata[one.stratumOf[r] as number] as string;
    sampledPerStratum.set(s, (sampledPerStratum.get(s) ?? 0) + 1);
    for (const t of tags.get(r) ?? []) inSample[t] = (inSample[t] ?? 0) + 1;
    sampleChars.push(one.chars[r] as number);
    sampleEmpty += one.empty[r] as number;
  }
  const manifest = buildDocumentManifest(run, {
    bytes: one.digest.bytes,
    sha256: one.digest.sha256,
    rowsRead: one.records,
    rowsValid: one.count,
    rejects: countReasons(one.rejects),
    strata: sel.strata.map((s) => ({ ...s, sampled: sampledPerStratum.get(s.stratum) ?? 0 })),
    tags: Object.fromEntries(Object.entries(sel.tags).map(([t, v]) => [t, { ...v, cap: Number.isFinite(v.cap) ? v.cap : null, inSample: inSample[t] ?? 0 }])),
    stratified,
    edgeCases,
    detectors,
    text: { input: textStats(one.chars, inputEmpty), sample: textStats(Uint32Array.from(sampleChars), sampleEmpty) },
    notes: [],
  });
  const dir = openOutputDir(run.out);
  let writer: DocumentWriter | undefined;
  try {
    await writeRejects(outPath(dir, REJECTS_FILE), one.rejects);
    writer = openDocumentWriter(outPath(dir, SAMPLE_FILE), JSON.stringify(manifest));
    const tap: ByteTap = { bytes: 0, sha256: () => '' };
    let written = 0;
    for await (const { rec, v } of validatedRows(run, tap, 'sample: pass 2/2')) {
      const r = chosenByRec.get(rec);
      if (r === undefined) continue;
      if (!v.ok || v.row.id !== one.ids[r]) throw changed(run, `line ${v.ok ? v.row.line : v.reject.line} differs`);
      const certain = run.keepAll || sel.chosen[r] === 2;
      const p = certain ? 1 : (probOf[one.stratumOf[r] as number] as number);
      const { id, text, metadata, stratum } = v.row;
      const flushing = writer.add({ id, text, metadata, stratum, edgeTags: tags.get(r) ?? [], inclusionProb: p, weight: 1 / p });
      if (flushing) await flushing;
      written++;
    }
    const closing = writer;
    writer = undefined;
    await closing.close();
    if (written !== chosenByRec.size) throw changed(run, `${written} of ${chosenByRec.size} selected rows found`);
    if (tap.sha256() !== one.digest.sha256) throw changed(run, 'its sha256 differs');
    await writeJsonAtomic(outPath(dir, MANIFEST_FILE), manifest);
    dir.commit();
  } catch (err) {
    // the file handle is closed before the folder goes
    await writer?.close().catch(() => undefined);
    dir.abort();
    throw err;
  }
  return manifest;
}

function changed(run: ResolvedRun, how: string): VecstageError {
  return new VecstageError('INPUT', `${run.desc.display} changed between the two passes (${how}); sample a stable file`);
}

/** Tags that need every row: near-duplicate texts (MinHash LSH) and rare strata. */
function globalTags(run: ResolvedRun, one: DocumentScan, tags: RowTagSets): Record<string, unknown> {
  const on = run.spec.detectors.enabled;
  const info: Record<string, unknown> = {};
  if (on.near_duplicate && one.count > 1) {
    const maxBucket = run.spec.detectors.nearDuplicateMaxBucket;
    const rows = nearDuplicateTexts(
      { count: one.count, sigs: one.sigs, has: one.hasSig, keyHi: one.keyHi, keyLo: one.keyLo, ids: one.ids },
      { jaccard: NEAR_DUPLICATE_JACCARD, maxBucket },
    );
    for (const r of rows) tags.add(r, 'near_duplicate');
    info.near_duplicate = { method: `MinHash of word ${SHINGLE_WORDS}-shingles (${MINHASH_K} x 16 bits), LSH 16 bands of 4, estimated Jaccard`, jaccard: NEAR_DUPLICATE_JACCARD, maxBucket };
  }
  if (on.rare_stratum && one.strata.length > 1) {
    const sizes = new Array<number>(one.strata.length).fill(0);
    for (let r = 0; r < one.count; r++) sizes[one.stratumOf[r] as number]! += 1;
    for (let r = 0; r < one.count; r++) if (sizes[one.stratumOf[r] as number]! < run.minPerStratum) tags.add(r, 'rare_stratum');
  }
  return info;
}
