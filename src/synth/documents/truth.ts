import type { DocumentFormat } from './options.js';
import { docId, type DocumentPlan } from './plan.js';
import { DOC_LANGS, DOCUMENT_EDGE_KINDS, type DocumentEdgeKind } from './vocab.js';
import { DOCUMENT_COLUMNS } from './serialize.js';

export interface DocumentTruthEntry {
  id: string;
  /** near duplicates: the document copied */
  of?: string;
}

/**
 * What the generator put where, so tests (and `vecstage generate --truth`) can check that a document sampler tags
 * it. `badRows` is empty (a document export has none) but present: the sampler recognises a truth sidecar by it.
 */
export interface DocumentTruth {
  kind: 'documents';
  format: DocumentFormat;
  columns: readonly string[];
  docs: number;
  seed: number;
  edgeCases: Record<DocumentEdgeKind, DocumentTruthEntry[]>;
  badRows: Record<string, never>;
  rareStratum: { tenant: string; lang: string; ids: string[] };
}

export function documentTruth(plan: DocumentPlan): DocumentTruth {
  const edgeCases = Object.fromEntries(DOCUMENT_EDGE_KINDS.map((k) => [k, [] as DocumentTruthEntry[]])) as Record<DocumentEdgeKind, DocumentTruthEntry[]>;
  for (let i = 0; i < plan.options.docs; i++) {
    const k = plan.kind[i] as number;
    if (k < 0) continue;
    const src = plan.source[i] as number;
    edgeCases[DOCUMENT_EDGE_KINDS[k] as DocumentEdgeKind].push(src >= 0 ? { id: docId(plan, i), of: docId(plan, src) } : { id: docId(plan, i) });
  }
  const o = plan.options;
  return {
    kind: 'documents',
    format: o.format,
    columns: DOCUMENT_COLUMNS,
    docs: o.docs,
    seed: o.seed,
    edgeCases,
    badRows: {},
    rareStratum: { tenant: plan.tenantNames[plan.rareTenant] as string, lang: DOC_LANGS[plan.rareLang] as string, ids: plan.rareDocs.map((i) => docId(plan, i)) },
  };
}
