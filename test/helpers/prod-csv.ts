/**
 * A small, deterministic "production export" CSV for sampler tests: strata tenant x lang (one stratum of 3 rows),
 * and injected bad rows and edge cases whose lines are recorded so tests can check rejects and tags exactly.
 */
import { writeFileSync } from 'node:fs';
import { seededRandom } from '../../src/random.js';

export interface ProdCsvOptions {
  rows?: number;
  dim?: number;
  seed?: number;
}

export interface ProdCsv {
  text: string;
  dim: number;
  /** valid rows' ids, in file order */
  validIds: string[];
  /** line -> expected reject reason */
  bad: Map<number, string>;
  zeroIds: string[];
  emptyTextIds: string[];
  /** ids of rows sharing their vector with another row */
  duplicateVectorIds: string[];
  rareStratum: string;
  rareIds: string[];
  /** data lines (without header), for reordering and splitting */
  lines: string[];
  header: string;
}

const rng = seededRandom;

const WORDS = ['invoice', 'refund', 'shipping', 'account', 'password', 'delivery', 'order', 'support', 'billing', 'contract'];

export function buildProdCsv(opts: ProdCsvOptions = {}): ProdCsv {
  const n = opts.rows ?? 20_000;
  const dim = opts.dim ?? 16;
  const rand = rng(opts.seed ?? 1);
  const tenants = ['acme', 'globex', 'initech', 'umbrella'];
  const langs = ['en', 'de', 'fr'];
  const header = 'id,tenant,lang,text,embedding';
  const lines: string[] = [];
  const validIds: string[] = [];
  const bad = new Map<number, string>();
  const zeroIds: string[] = [];
  const emptyTextIds: string[] = [];
  const duplicateVectorIds: string[] = [];
  const rareIds: string[] = [];
  const vec = (): string => `[${Array.from({ length: dim }, () => (rand() * 2 - 1).toFixed(6)).join(',')}]`;
  const csvText = (t: string): string => `"${t.replace(/"/g, '""')}"`;
  let dupVec = '';
  for (let i = 0; i < n; i++) {
    const line = lines.length + 2;
    const id = `doc-${i}`;
    const tenant = tenants[i % tenants.length]!;
    const lang = langs[Math.floor(i / tenants.length) % langs.length]!;
    const text = `${WORDS[i % WORDS.length]} request number ${i} about ${WORDS[(i * 7) % WORDS.length]}`;
    const k = i % 1000;
    if (k === 17) {
      lines.push(`${id},${tenant},${lang},${csvText(text)},"[${new Array(dim).fill('0').join(',')}]"`);
      zeroIds.push(id);
    } else if (k === 29) {
      lines.push(`${id},${tenant},${lang},"   ","${vec()}"`);
      emptyTextIds.push(id);
    } else if (k === 41) {
      dupVec ||= vec();
      lines.push(`${id},${tenant},${lang},${csvText(text)},"${dupVec}"`);
      duplicateVectorIds.push(id);
    } else if (k === 53) {
      lines.push(`${id},${tenant},${lang},${csvText(text)},"[NaN,${vec().slice(1).split(',').slice(1).join(',')}"`);
      bad.set(line, 'non_finite');
    } else if (k === 67) {
      lines.push(`${id},${tenant},${lang},${csvText(text)},"${vec().replace(/,[^,]*\]$/, ']')}"`);
      bad.set(line, 'wrong_dimension');
    } else if (k === 79) {
      // a re-exported row: the previous record again, byte for byte (the first is kept; which occurrence is kept
      // when they differ is tested in test/sampler/scan/repeated-ids-order.test.ts); vec() keeps the random sequence
      void vec();
      lines.push(lines[lines.length - 1]!);
      bad.set(line, 'duplicate_id');
    } else if (k === 91) {
      lines.push(`${id},${tenant},${lang},${csvText(text)},"[0.1 0.2 ... 0.3]"`);
      bad.set(line, 'unparseable_embedding');
    } else if (k === 97) {
      lines.push(`${id},${tenant},${lang}`);
      bad.set(line, 'unparseable_row');
    } else if (k === 99) {
      lines.push(`,${tenant},${lang},${csvText(text)},"${vec()}"`);
      bad.set(line, 'missing_id');
    } else {
      lines.push(`${id},${tenant},${lang},${csvText(text)},"${vec()}"`);
    }
    if (!bad.has(line)) validIds.push(id);
  }
  const rareStratum = 'tenant=tiny,lang=ja';
  for (let j = 0; j < 3; j++) {
    const id = `tiny-${j}`;
    lines.push(`${id},tiny,ja,"日本語のテキスト ${j}","${vec()}"`);
    validIds.push(id);
    rareIds.push(id);
  }
  return { text: `${header}\n${lines.join('\n')}\n`, dim, validIds, bad, zeroIds, emptyTextIds, duplicateVectorIds, rareStratum, rareIds, lines, header };
}

export function writeCsv(path: string, header: string, lines: string[]): void {
  writeFileSync(path, `${header}\n${lines.join('\n')}\n`);
}

/** A deterministic permutation (Fisher-Yates with a seeded generator). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const rand = rng(seed);
  const a = items.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
