/**
 * One streaming read of a document export: every record validated, repeated ids rejected (of an id's
 * occurrences the one with the smallest record hash of its text and metadata is kept, as for vectors:
 * repeated-ids.ts; the rejects name the kept line), row-local tags, and per kept row only a few numbers: selection key,
 * stratum, line, record number, text length, tag list, and (near-duplicate detection on) a 128-byte MinHash
 * signature. Never the texts: exact mode's pass 2 reads the selected rows again.
 */
import { Growable } from '../scan/growable.js';
import { selectionKey } from '../select/hash.js';
import { openRows, type ByteTap } from '../input/input.js';
import { Progress } from '../progress.js';
import { rowTags, type RowTagContext } from '../detectors/row-tags.js';
import { TagListTable } from '../detectors/row-tag-sets.js';
import type { ResolvedRun } from '../run-context.js';
import type { RawRow, Reject } from '../types.js';
import { isEmptyText } from '../detectors/text.js';
import { recordHash } from '../scan/record-hash.js';
import { repeatedIdDetail } from '../scan/repeated-ids.js';
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
  const rhHi = new Growable(Uint32Array);
  const rhLo = new Growable(Uint32Array);
  // occurrences not kept (so far): their line, id, record hash and the row whose slot holds the id's kept one
  const losers: Array<{ line: number; id: string; hi: number; lo: number; slot: number }> = [];
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
    const rh = recordHash(row.text, row.metadata);
    let slot = r;
    if (first >= 0) {
      ids.pop();
      keyHi.length--;
      keyLo.length--;
      const hi = rhHi.get(first);
      const lo = rhLo.get(first);
      // the smaller record hash keeps the slot (ties: the earlier occurrence), so the order does not matter
      if (rh.hi > hi || (rh.hi === hi && rh.lo >= lo)) {
        losers.push({ line: row.line, id: row.id, hi: rh.hi, lo: rh.lo, slot: first });
        continue;
      }
      losers.push({ line: line.get(first), id: row.id, hi, lo, slot: first });
      slot = first;
    }
    const text = row.text ?? '';
    let h = stratumIndex.get(row.stratum);
    if (h === undefined) {
      h = strata.length;
      stratumIndex.set(row.stratum, h);
      strata.push(row.stratum);
    }
    const tagList = tagLists.id(documentTags(row, ctx));
    if (slot !== r) {
      // a later occurrence replaces the kept one in its slot
      line.set(slot, row.line);
      recOf.set(slot, rec);
      stratumOf.set(slot, h);
      chars.set(slot, text.length);
      empty.set(slot, isEmptyText(text) ? 1 : 0);
      tagListOf.set(slot, tagList);
      rhHi.set(slot, rh.hi);
      rhLo.set(slot, rh.lo);
      if (withSigs) hasSig.set(slot, minhashInto(text, sigs, slot * MINHASH_K) ? 1 : 0);
      continue;
    }
    line.push(row.line);
    recOf.push(rec);
    stratumOf.push(h);
    chars.push(text.length);
    empty.push(isEmptyText(text) ? 1 : 0);
    tagListOf.push(tagList);
    rhHi.push(rh.hi);
    rhLo.push(rh.lo);
    if (withSigs) {
      if ((r + 1) * MINHASH_K > sigs.length) {
        const next = new Uint16Array(sigs.length * 2);
        next.set(sigs);
        sigs = next;
      }
      hasSig.push(minhashInto(text, sigs, r * MINHASH_K) ? 1 : 0);
    } else hasSig.push(0);
  }
  for (const l of losers) {
    const same = l.hi === rhHi.get(l.slot) && l.lo === rhLo.get(l.slot);
    rejects.push({ line: l.line, column: run.spec.columns.id, reason: 'duplicate_id', id: l.id, detail: repeatedIdDetail(line.get(l.slot), same) });
  }
  const n = ids.length;
  // a replaced occurrence can leave a stratum without rows: strata are those of the kept rows only
  if (losers.length > 0) compactStrata(strata, stratumOf.data.subarray(0, n));
  rejects.sort((a, b) => a.line - b.line);
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

/** Drops the strata no row is in, renumbering `stratumOf` (first appearance order kept). */
function compactStrata(strata: string[], stratumOf: Uint32Array): void {
  const used = new Uint8Array(strata.length);
  for (const h of stratumOf) used[h] = 1;
  if (used.every((u) => u === 1)) return;
  const to = new Uint32Array(strata.length);
  let k = 0;
  for (let h = 0; h < strata.length; h++) {
    if (used[h]) {
      to[h] = k;
      strata[k++] = strata[h] as string;
    }
  }
  strata.length = k;
  for (let r = 0; r < stratumOf.length; r++) stratumOf[r] = to[stratumOf[r] as number] as number;
}
