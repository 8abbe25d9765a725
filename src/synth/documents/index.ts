export { generateDocuments } from './write.js';
export { resolveDocumentOptions, DOCUMENT_FORMATS, DOCUMENT_EDGE_RATES, DOCUMENTS_VERSION, MIN_DOCS, type DocumentFormat, type GenerateDocumentsOptions, type GenerateDocumentsResult, type ResolvedDocumentOptions } from './options.js';
export { planDocuments, docId, type DocumentPlan } from './plan.js';
export { buildDocument, type SynthDocument, type DocumentSection } from './compose.js';
export { buildQueries, queryLine, LONG_DOC_CHARS, type DocumentQuery } from './queries.js';
export { documentTruth, type DocumentTruth, type DocumentTruthEntry } from './truth.js';
export { DOCUMENT_COLUMNS } from './serialize.js';
export { DOCUMENT_EDGE_KINDS, DOC_LANGS, DOC_TYPES, type DocumentEdgeKind, type DocLang, type DocType } from './vocab.js';
