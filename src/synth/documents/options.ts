import { invalid } from '../../errors.js';
import { type RandomFactory, xoshiro128 } from '../random.js';
import { DOCUMENT_EDGE_KINDS, type DocumentEdgeKind } from './vocab.js';

/** bumped whenever the same options would produce different bytes (caches of generated data key on it) */
export const DOCUMENTS_VERSION = 1;

export type DocumentFormat = 'jsonl' | 'csv';
export const DOCUMENT_FORMATS: readonly DocumentFormat[] = ['jsonl', 'csv'];

export interface GenerateDocumentsOptions {
  /** the export file; written as `<out>.tmp`, renamed when complete */
  out: string;
  /** documents written, edge cases included (at least 50) */
  docs: number;
  seed: number;
  /** @default 'jsonl' */
  format?: DocumentFormat;
  /** also write golden queries (text only, judged on document ids) to this JSONL path */
  queries?: string;
  /** golden queries written when `queries` is given. @default 200 (at most one per document) */
  queryCount?: number;
  /** also write the ground truth (edge-case ids, the rare stratum) as JSON here, conventionally `<out>.truth.json` */
  truth?: string;
  /** fraction of documents per edge-case kind (at least one when > 0). @default see DOCUMENT_EDGE_RATES */
  edgeRates?: Partial<Record<DocumentEdgeKind, number>>;
  /** documents of the rare stratum (a tenant x lang that appears nowhere else). @default 3 */
  rareStratumDocs?: number;
  /** injectable PRNG. @default xoshiro128** */
  random?: RandomFactory;
  /** called after each chunk is written */
  onProgress?: (docsDone: number, bytes: number) => void;
}

export interface GenerateDocumentsResult {
  docs: number;
  bytes: number;
  /** golden queries written (0 without `queries`) */
  queries: number;
}

export const DOCUMENT_EDGE_RATES: Readonly<Record<DocumentEdgeKind, number>> = {
  'empty-text': 0.002,
  'short-text': 0.002,
  'long-text': 0.002,
  'mixed-script': 0.003,
  'near-duplicate': 0.01,
};

export interface ResolvedDocumentOptions {
  docs: number;
  seed: number;
  format: DocumentFormat;
  queryCount: number;
  rareStratumDocs: number;
  /** documents per edge kind, already rounded */
  counts: Record<DocumentEdgeKind, number>;
  random: RandomFactory;
}

export const MIN_DOCS = 50;

export function resolveDocumentOptions(o: Omit<GenerateDocumentsOptions, 'out'>): ResolvedDocumentOptions {
  const docs = int('docs', o.docs, MIN_DOCS, 1e8);
  const seed = int('seed', o.seed, 0, 2 ** 53 - 1);
  const format = o.format ?? 'jsonl';
  if (!DOCUMENT_FORMATS.includes(format)) throw invalid('format', format, DOCUMENT_FORMATS.join(', '));
  const unknown = Object.keys(o.edgeRates ?? {}).find((k) => !(DOCUMENT_EDGE_KINDS as readonly string[]).includes(k));
  if (unknown !== undefined) throw invalid('edge kind', unknown, DOCUMENT_EDGE_KINDS.join(', '));
  const counts = {} as Record<DocumentEdgeKind, number>;
  for (const k of DOCUMENT_EDGE_KINDS) {
    const rate = num(`edgeRates.${k}`, o.edgeRates?.[k] ?? DOCUMENT_EDGE_RATES[k], 0, 0.05);
    counts[k] = rate > 0 ? Math.max(1, Math.round(rate * docs)) : 0;
  }
  const rareStratumDocs = int('rareStratumDocs', o.rareStratumDocs ?? 3, 0, 1e6);
  // each near duplicate reserves its source, and queries need clean documents to come from
  const reserved = Object.values(counts).reduce((a, b) => a + b, 0) + counts['near-duplicate'] + rareStratumDocs;
  if (reserved > docs / 2) throw invalid('docs', docs, `at least ${2 * reserved} for the requested edge cases (or lower rates)`);
  const queryCount = int('queryCount', o.queryCount ?? Math.min(200, Math.floor(docs / 4)), 0, docs);
  return { docs, seed, format, queryCount, rareStratumDocs, counts, random: o.random ?? xoshiro128 };
}

function int(name: string, v: number, min: number, max: number): number {
  if (!Number.isInteger(v) || v < min || v > max) throw invalid(name, v, `an integer in [${min}, ${max}]`);
  return v;
}

function num(name: string, v: number, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw invalid(name, v, `a number in [${min}, ${max}]`);
  return v;
}
