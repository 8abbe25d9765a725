/**
 * Selection key: u = H64(seed ":" id) / 2^64 with H64 = the first 8 bytes of md5, read big-endian (DESIGN §3).
 * md5 because every SQL engine has it (`--emit-sql`), so an engine computes the very same u. The key is kept as
 * two uint32 halves so ordering is exact (a double would drop the low 11 bits and could tie distinct ids).
 */
import { md5Head } from './md5.js';

export const HASH_FUNCTION = 'md5(seed ":" id), first 8 bytes big-endian / 2^64';

export interface SelectionKey {
  hi: number;
  lo: number;
}

export function selectionKey(seed: string, id: string): SelectionKey {
  return md5Head(`${seed}:${id}`);
}

/** u in [0, 1): exact to double precision. */
export function keyToUnit(hi: number, lo: number): number {
  return hi / 4294967296 + lo / 18446744073709551616;
}

/** Compares two keys as uint64 (callers break the ~2^-64 ties by id, so the order is total). */
export function compareKeys(aHi: number, aLo: number, bHi: number, bLo: number): number {
  return aHi - bHi || aLo - bLo;
}

/** The 16-hex-digit prefix SQL engines compare against (lexicographic order on fixed-width hex = uint64 order). */
export function keyHex(hi: number, lo: number): string {
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}
