/**
 * A deterministic document export for the document-path tests: tenants x languages (one rare combination),
 * texts of random words, and planted edge cases and bad rows at known ids and lines.
 */
import { writeFileSync } from 'node:fs';
import { tableFromArrays, tableToIPC } from 'apache-arrow';

export interface Doc {
  id: string;
  text: string | null;
  tenant?: string;
  lang?: string;
}

const WORDS = 'account billing refund invoice login password reset error timeout upgrade plan seat export import report dashboard alert webhook token limit quota region backup restore cluster node index query latency cache'.split(' ');

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomText(rand: () => number, words: number): string {
  return Array.from({ length: words }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ');
}

/** One-word edit: the word at the middle replaced. */
export function editOneWord(text: string): string {
  const w = text.split(' ');
  const mid = Math.floor(w.length / 2);
  w[mid] = w[mid] === 'zebra' ? 'yak' : 'zebra';
  return w.join(' ');
}

export const PLANTED = {
  nearDuplicate: ['doc-near-a', 'doc-near-b'],
  empty: 'doc-empty',
  whitespace: 'doc-blank',
  nullText: 'doc-null',
  short: 'doc-short',
  long: 'doc-long',
  nonAscii: 'doc-umlaut',
  mixed: 'doc-mixed',
  noMetadata: 'doc-nometa',
  rare: 'doc-rare',
};

export function buildDocs(n = 1500, seed = 11): Doc[] {
  const rand = mulberry32(seed);
  const docs: Doc[] = [];
  const tenants = ['acme', 'globex', 'initech'];
  const langs = ['en', 'de'];
  for (let i = 0; i < n; i++) docs.push({ id: `doc-${i}`, text: randomText(rand, 30 + Math.floor(rand() * 50)), tenant: tenants[i % 3]!, lang: langs[i % 2]! });
  const base = randomText(rand, 60);
  docs.push({ id: PLANTED.nearDuplicate[0]!, text: base, tenant: 'acme', lang: 'en' });
  docs.push({ id: PLANTED.nearDuplicate[1]!, text: editOneWord(base), tenant: 'globex', lang: 'de' });
  docs.push({ id: PLANTED.empty, text: '', tenant: 'acme', lang: 'en' });
  docs.push({ id: PLANTED.whitespace, text: '   ', tenant: 'acme', lang: 'de' });
  docs.push({ id: PLANTED.nullText, text: null, tenant: 'globex', lang: 'en' });
  docs.push({ id: PLANTED.short, text: 'hi', tenant: 'globex', lang: 'en' });
  docs.push({ id: PLANTED.long, text: randomText(rand, 1600), tenant: 'initech', lang: 'en' });
  docs.push({ id: PLANTED.nonAscii, text: 'Grüße aus dem Support: die Rechnung ist fällig', tenant: 'initech', lang: 'de' });
  docs.push({ id: PLANTED.mixed, text: 'reset the password привет from the support team', tenant: 'initech', lang: 'de' });
  docs.push({ id: PLANTED.noMetadata, text: randomText(rand, 40) });
  docs.push({ id: PLANTED.rare, text: randomText(rand, 40), tenant: 'umbrella', lang: 'ja' });
  return docs;
}

const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** CSV lines (header first) of the docs: a null text is an empty cell. */
export function csvLines(docs: readonly Doc[]): string[] {
  return ['id,text,tenant,lang', ...docs.map((d) => [d.id, d.text === null ? '' : q(d.text), d.tenant ?? '', d.lang ?? ''].join(','))];
}

export function jsonlLines(docs: readonly Doc[]): string[] {
  return docs.map((d) => JSON.stringify({ id: d.id, text: d.text, ...(d.tenant !== undefined ? { tenant: d.tenant } : {}), ...(d.lang !== undefined ? { lang: d.lang } : {}) }));
}

export function writeLines(path: string, lines: readonly string[]): void {
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/** An Arrow IPC file of the docs (id, text, tenant, lang; nulls for absent values). */
export function writeArrowDocs(path: string, docs: readonly Doc[]): void {
  const table = tableFromArrays({
    id: docs.map((d) => d.id),
    text: docs.map((d) => d.text),
    tenant: docs.map((d) => d.tenant ?? null),
    lang: docs.map((d) => d.lang ?? null),
  });
  writeFileSync(path, tableToIPC(table, 'file'));
}

/** A seeded shuffle (Fisher-Yates). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const rand = mulberry32(seed);
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
