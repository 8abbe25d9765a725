/**
 * `--shard i/n`: a worker samples only the rows whose shard is i. Membership uses its own hash,
 * md5("shard:" id), so it is independent of the selection key md5(seed ":" id): within every shard the rows
 * kept by `u < p` are a Bernoulli sample at the same rate, and the union over i = 1..n of the shard samples is
 * the Bernoulli sample of the whole input. Pure.
 */
import { createHash } from 'node:crypto';
import { invalid } from '../../errors.js';

export const SHARD_HASH = 'md5("shard:" id), first 8 bytes big-endian as uint64, mod n; shard i holds remainder i-1';
/** more shards than this is a typo, not a cluster */
export const MAX_SHARDS = 65_536;

export interface ShardSpec {
  /** 1-based: shard 1/3, 2/3, 3/3 (the jest / playwright convention) */
  index: number;
  count: number;
}

/** Parses `i/n` (1 <= i <= n <= 65536). */
export function parseShard(text: string, where = '--shard'): ShardSpec {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const allowed = `i/n with 1 <= i <= n <= ${MAX_SHARDS}, e.g. 1/3 (shards are numbered from 1)`;
  if (!m) throw invalid(where, text, allowed, undefined, 'USAGE');
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!(count >= 1 && count <= MAX_SHARDS && index >= 1 && index <= count)) throw invalid(where, text, allowed, undefined, 'USAGE');
  return { index, count };
}

/** The 1-based shard of an id: (first 8 bytes of md5("shard:" id) as uint64) mod n, plus 1. */
export function shardOf(id: string, count: number): number {
  const d = createHash('md5').update(`shard:${id}`, 'utf8').digest();
  // (hi * 2^32 + lo) mod n without BigInt: every product stays below 2^53 for n <= 2^26
  const hi = d.readUInt32BE(0) % count;
  const lo = d.readUInt32BE(4) % count;
  const base = 4294967296 % count;
  return ((hi * base + lo) % count) + 1;
}

export function inShard(id: string, shard: ShardSpec): boolean {
  return shard.count === 1 || shardOf(id, shard.count) === shard.index;
}
