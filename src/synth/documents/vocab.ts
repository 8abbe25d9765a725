/** The document export's metadata vocabularies. Tenants are the vector generator's (Zipf rank 1 first). */
export { TENANTS } from '../vocab.js';

export const DOC_LANGS = ['en', 'de', 'fr', 'es', 'ja'] as const;
export type DocLang = (typeof DOC_LANGS)[number];
/** mostly English, as a support site's corpus usually is */
export const DOC_LANG_WEIGHTS = [0.72, 0.1, 0.07, 0.07, 0.04];

export const DOC_TYPES = ['article', 'runbook', 'faq'] as const;
export type DocType = (typeof DOC_TYPES)[number];
export const DOC_TYPE_WEIGHTS = [0.4, 0.35, 0.25];

/** Edge cases among the documents; each kind's rows are disjoint from the others and from the rare stratum. */
export const DOCUMENT_EDGE_KINDS = ['empty-text', 'short-text', 'long-text', 'mixed-script', 'near-duplicate'] as const;
export type DocumentEdgeKind = (typeof DOCUMENT_EDGE_KINDS)[number];
