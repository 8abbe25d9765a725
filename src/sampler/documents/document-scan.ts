/**
 * One streaming read of a document export: every record validated, repeated ids rejected (the first occurrence
 * is kept; the reject names its line), row-local tags, and per kept row only a few numbers: selection key,
 * stratum, line, record number, text length, tag list, and (near-duplicate detection on) a 128-byte MinHash
 * signature. Never the texts: exact mode's pass 2 reads the selected rows again.
 */
import { Growable } from '../growable.js';
import { selectionKey } from '../hash.js';
import { openRows, type ByteTap } from '../input.js';
import { Progress } from '../progress.js';
import { rowTags, type RowTagContext } from '../row-tags.js';
import { TagListTable } from '../row-tag-sets.js';
import type { ResolvedRun } from '../run-context.js';
import type { RawRow, Reject } from '../types.js';
import { isEmptyText } from '../detectors/text.js';
import { FirstIdTable } from './first-id-table.js';
import { MINHASH_K, minhashInto } from './minhash.js';
import { DocumentValidator, type DocumentRecord } from './validate-document.js';

export interface DocumentScan {
  records: number;
  count: number;
  ids: string[];
  keyHi: Uint32Array;
  keyLo: Uint32Array;
  line: Uint32Array;
  /** per kept row: its record number (pass 2 finds it again by counting records) */
  recOf: Uint32Array;
  strata: string[];
  stratumOf: Uint32Array;
  /** per kept row: text length in UTF-16 units (0 for a null text) */
  chars: Uint32Array;
  /** per kept row: 1 for a null, empty or whitespace text */
  empty: Uint8Array;
  /** per kept row: its row-local tag list in `tagLists` (0: none) */
  tagListOf: Uint32Array;
  tagLists: TagListTable;
  /** MINHASH_K per kept row when near-duplicate detection is on, else empty */
  sigs: Uint16Array;
  hasSig: Uint8Array;
  /** sorted by line */
  rejects: Reject[];
  digest: { bytes: number; sha256: string };
}

export function documentValidator(run: ResolvedRun): DocumentValidator {
  return new DocumentValidator({ columns: run.spec.columns, stratifyBy: run.spec.stratifyBy, headered: run.desc.format !== 'jsonl', source: run.desc.display });
}

export function tagContext(run: ResolvedRun): RowTagContext {
  // the header check guarantees a text column (JSONL: in the first record); a record without one has empty text
  return { detectors: run.spec.detectors, rules: run.spec.rules, fixtureIds: run.fixtureIds, hasText: true };
}

/** The tags of a document that need only the row itself (text, metadata, custom rules, fixture ids). */
export function documentTags(row: DocumentRecord, ctx: RowTagContext): string[] {
  return rowTags({ ...row, length: 0 }, false, ctx);
}

/** Every record of the input with its number and its validation; the bytes go through `tap` (count and sha256). */
export async function* validatedRows(run: ResolvedRun, tap: ByteTap, label: string): AsyncGenerator<{ rec: number; raw: RawRow; v: ReturnType<DocumentValidator['validate']> }> {
  const validator = documentValidator(run);
  const progress = new Progress(run.progress, label, run.desc.size);
  let rec = 0;
  for await (const raw of openRows(run.desc, run.stdin, tap)) {
    if ((rec & 1023) === 0) progress.update(rec, tap.bytes);
    yield { rec, raw, v: validator.validate(raw) };
    rec++;
  }
  progress.done();
}

export async function scanDocuments(run: ResolvedRun, label: string): Promise<DocumentScan> {
  const tap: ByteTap = { bytes: 0, sha256: () => '' };
  const withSigs = run.spec.detectors.enabled.near_duplicate;
  const ctx = tagContext(run);
  const ids: string[] = [];
  const keyHi = new Growable(Uint32Array);
  const keyLo = new Growable(Uint32Array);
  const line = new Growable(Uint32Array);
  const recOf = new Growable(Uint32Array);
  const stratumOf = new Growable(Uint32Array);
  const chars = new Growable(Uint32Array);
  const empty = new Growable(Uint8Array);
  const tagListOf = new Growable(Uint32Array);
  const hasSig = new Growable(Uint8Array);
  let sigs = new Uint16Array(withSigs ? 1024 * MINHASH_K : 0);
  const tagLists = new TagListTable();
  const strata: string[] = [];
  const stratumIndex = new Map<string, number>();
  const firstIds = new FirstIdTable();
  const rejects: Reject[] = [];
  let records = 0;
  for await (const { rec, v } of validatedRows(run, tap, label)) {
    records = rec + 1;
    if (!v.ok) {
      rejects.push(v.reject);
      continue;
    }
    const row = v.row;
    const r = ids.length;
    const key = selectionKey(run.seed, row.id);
    ids.push(row.id);
    keyHi.push(key.hi);
    keyLo.push(key.lo);
    const first = firstIds.firstOf(r, keyHi.data, keyLo.data, ids);
    if (first >= 0) {
      ids.pop();
      keyHi.length--;
      keyLo.length--;
      rejects.push({ line: row.line, column: run.spec.columns.id, reason: 'duplicate_id', id: row.id, detail: `id already seen at line ${line.get(first)}; the first occurrence is kept` });
      continue;
    }
    line.push(row.line);
    recOf.push(rec);
    let h = stratumIndex.get(row.stratum);
    if (h === undefined) {
      h = strata.length;
      stratumIndex.set(row.stratum, h);
      strata.push(row.stratum);
    }
    stratumOf.push(h);
    const text = row.text ?? '';
    chars.push(text.length);
    empty.push(isEmptyText(text) ? 1 : 0);
    tagListOf.push(tagLists.id(documentTags(row, ctx)));
    if (withSigs) {
      if ((r + 1) * MINHASH_K > sigs.length) {
        const next = new Uint16Array(sigs.length * 2);
        next.set(sigs);
        sigs = next;
      }
      hasSig.push(minhashInto(text, sigs, r * MINHASH_K) ? 1 : 0);
    } else hasSig.push(0);
  }
  rejects.sort((a, b) => a.line - b.line);
  const n = ids.length;
  return {
    records,
    count: n,
    ids,
    keyHi: keyHi.data.subarray(0, n),
    keyLo: keyLo.data.subarray(0, n),
    line: line.data.subarray(0, n),
    recOf: recOf.data.subarray(0, n),
    strata,
    stratumOf: stratumOf.data.subarray(0, n),
    chars: chars.data.subarray(0, n),
    empty: empty.data.subarray(0, n),
    tagListOf: tagListOf.data.subarray(0, n),
    tagLists,
    sigs: sigs.subarray(0, withSigs ? n * MINHASH_K : 0),
    hasSig: hasSig.data.subarray(0, n),
    rejects,
    digest: { bytes: tap.bytes, sha256: tap.sha256() },
  };
}
