/**
 * The origin marker `vecstage generate` writes INTO every export (issue 14): a field named `vecstage_origin` with
 * the value `synthetic` in every record, the last CSV column (so the header, the first line, shows it) and the key
 * right after `id` in each JSONL record (so the first bytes show it). It lives in the data rather than beside it
 * because a copied, renamed or split file keeps its records but loses its sidecar; the sampler checks the first
 * line only (src/sampler/input/origin.ts) and keeps the field out of row metadata (the manifest's origin carries it).
 */
export const ORIGIN_MARKER_FIELD = 'vecstage_origin';
export const ORIGIN_MARKER_VALUE = 'synthetic';
/** the JSONL text of the marker, as the writers print it: `"vecstage_origin":"synthetic"` */
export const ORIGIN_MARKER_JSON = `${JSON.stringify(ORIGIN_MARKER_FIELD)}:${JSON.stringify(ORIGIN_MARKER_VALUE)}`;
