/** What a document sample holds (strata, tags, text stats, counts, manifest), read from its sample.arrow. */
import { openDocumentSample } from './open-document-sample.js';

export interface DocumentInspectResult {
  path: string;
  kind: 'documents';
  rows: number;
  strata: Record<string, number>;
  tags: Record<string, number>;
  /** text lengths of the documents in the file (characters = UTF-16 units) */
  text: { empty: number; minChars: number; meanChars: number; maxChars: number };
  manifest: Record<string, unknown>;
}

export async function inspectDocumentSample(path: string, cwd: string = process.cwd()): Promise<DocumentInspectResult> {
  const sample = await openDocumentSample(path, cwd);
  const strata: Record<string, number> = {};
  const tags: Record<string, number> = {};
  let rows = 0;
  let empty = 0;
  let total = 0;
  let min = Infinity;
  let max = 0;
  for await (const batch of sample.documents(8192)) {
    for (const r of batch) {
      rows++;
      strata[r.stratum] = (strata[r.stratum] ?? 0) + 1;
      for (const t of r.edgeTags) tags[t] = (tags[t] ?? 0) + 1;
      if (r.text.trim() === '') empty++;
      total += r.text.length;
      min = Math.min(min, r.text.length);
      max = Math.max(max, r.text.length);
    }
  }
  const text = { empty, minChars: rows ? min : 0, meanChars: rows ? Math.round((total / rows) * 10) / 10 : 0, maxChars: max };
  return { path: sample.dir, kind: 'documents', rows, strata, tags, text, manifest: sample.manifest };
}
