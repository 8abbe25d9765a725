import { resolve } from 'node:path';
import { invalid } from '../../errors.js';
import { createProgress } from '../../progress.js';
import { BAD_KINDS, EDGE_KINDS, EXPORT_FORMATS, GENERATE_DEFAULTS, ORIGIN_MARKER_FIELD, ORIGIN_MARKER_VALUE, generateExport, type ExportFormat } from '../../synth/index.js';
import { DOCUMENT_FORMATS, MIN_DOCS, generateDocuments, type DocumentFormat } from '../../synth/documents/index.js';
import { type CliCommand, type CliContext, type FlagValues, numberFlag, stringFlag, writeJson } from '../command.js';

const D = GENERATE_DEFAULTS;
const DOCS_DEFAULT = 2000;

export const command: CliCommand = {
  name: 'generate',
  summary: 'write a synthetic production export (clustered vectors, skewed strata, edge cases, bad rows)',
  help: `usage: vecstage generate --out <file> [--rows ${D.rows}] [--dim ${D.dim}] [--seed ${D.seed}] [--format csv|jsonl]
                         [--truth <file>] [--clusters ${D.clusters}] [--tenants ${D.tenants}] [--rare-rows ${D.rareStratumRows}]
                         [--edge-rate ${D.edgeRate}] [--bad-rate ${D.badRate}] [--json]
       vecstage generate --documents --out <file> [--docs ${DOCS_DEFAULT}] [--seed ${D.seed}] [--format jsonl|csv]
                         [--queries <golden.jsonl>] [--query-count N] [--truth <file>] [--json]

Writes a realistic, seeded (byte-for-byte reproducible) production export for trying and testing the sampler:
columns ${'id, embedding (JSON array), text, tenant, lang, doc_type, created_at'}, and the origin marker
${ORIGIN_MARKER_FIELD}=${ORIGIN_MARKER_VALUE} in every record, so that sample/import record a copy of the file as
synthetic (and refuse --origin production on it) even without its ground truth next to it.
  --out        the export file (written as <out>.tmp, renamed when complete)
  --format     csv or jsonl; default: from the --out extension (.jsonl/.ndjson), else csv
  --rows       data rows, bad rows included
  --dim        embedding dimension
  --truth      also write the ground truth (which lines carry which injection) as JSON, e.g. <out>.truth.json
  --clusters   gaussian topic clusters on the unit sphere
  --tenants    tenants (Zipf-distributed, 3 to 16)
  --rare-rows  rows of the one rare stratum (a tenant x lang that appears nowhere else)
  --edge-rate  fraction of rows per edge-case kind: ${EDGE_KINDS.join(', ')}
  --bad-rate   fraction of rows per bad-row kind: ${BAD_KINDS.join(', ')}

--documents writes a raw document export instead (id, text, tenant, lang, doc_type and the origin marker; no
embeddings): support articles, runbooks and FAQs with headings and paragraphs, long multi-topic documents, and
edge cases (empty, very short, very long, mixed scripts, near duplicates, a rare stratum), for vecstage build.
  --docs         documents written
  --format       jsonl or csv; default: from the --out extension (.csv), else jsonl
  --queries      also write golden queries (text only, graded on document ids) to this JSONL file
  --query-count  golden queries written with --queries (default: min(200, docs / 4))
  --truth        also write which documents are which edge case, as JSON`,
  options: {
    out: { type: 'string', short: 'o' },
    rows: { type: 'string' },
    dim: { type: 'string' },
    seed: { type: 'string' },
    format: { type: 'string' },
    truth: { type: 'string' },
    clusters: { type: 'string' },
    tenants: { type: 'string' },
    'rare-rows': { type: 'string' },
    'edge-rate': { type: 'string' },
    'bad-rate': { type: 'string' },
    documents: { type: 'boolean' },
    docs: { type: 'string' },
    queries: { type: 'string' },
    'query-count': { type: 'string' },
  },
  positionals: [0, 0],
  async run({ values }, ctx) {
    const outFlag = stringFlag(values, 'out');
    if (outFlag === undefined) throw invalid('--out', undefined, 'a file path, e.g. --out prod.csv', undefined, 'USAGE');
    const out = resolve(ctx.cwd, outFlag);
    if (values.documents === true) return runDocuments(values, ctx, out);
    for (const f of DOCUMENT_ONLY) {
      if (values[f] !== undefined) throw invalid(`--${f}`, values[f], 'only with --documents', undefined, 'USAGE');
    }
    const formatFlag = stringFlag(values, 'format');
    if (formatFlag !== undefined && !EXPORT_FORMATS.includes(formatFlag as ExportFormat)) {
      throw invalid('--format', formatFlag, EXPORT_FORMATS.join(', '), undefined, 'USAGE');
    }
    const format = (formatFlag ?? (/\.(jsonl|ndjson)$/i.test(out) ? 'jsonl' : 'csv')) as ExportFormat;
    const truthFlag = stringFlag(values, 'truth');
    const rows = numberFlag(values, 'rows', { integer: true, min: 1 }) ?? D.rows;
    const edgeRate = numberFlag(values, 'edge-rate', { min: 0, max: 0.05 });
    const badRate = numberFlag(values, 'bad-rate', { min: 0, max: 0.05 });
    const progress = createProgress({ stream: ctx.stderr, label: 'generate', unit: 'rows', total: rows });
    const r = await generateExport({
      out,
      format,
      rows,
      dim: numberFlag(values, 'dim', { integer: true, min: 2, max: 65536 }),
      seed: numberFlag(values, 'seed', { integer: true, min: 0 }),
      clusters: numberFlag(values, 'clusters', { integer: true, min: 1, max: 4096 }),
      tenants: numberFlag(values, 'tenants', { integer: true, min: 3, max: 16 }),
      rareStratumRows: numberFlag(values, 'rare-rows', { integer: true, min: 0 }),
      edgeRates: edgeRate === undefined ? undefined : Object.fromEntries(EDGE_KINDS.map((k) => [k, edgeRate])),
      badRates: badRate === undefined ? undefined : Object.fromEntries(BAD_KINDS.map((k) => [k, badRate])),
      truth: truthFlag === undefined ? undefined : resolve(ctx.cwd, truthFlag),
      onProgress: (done, bytes) => progress.update(done, `${(bytes / 1e6).toFixed(0)} MB`),
    });
    progress.done();
    const count = (m: Record<string, unknown[]>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.length]));
    const summary = {
      ok: true,
      out: r.out,
      truth: r.truthPath ?? null,
      format: r.format,
      rows: r.rows,
      dim: r.dim,
      seed: r.seed,
      bytes: r.bytes,
      rowsValid: r.truth.rowsValid,
      rowsRejected: r.truth.rowsRejected,
      edgeCases: count(r.truth.edgeCases),
      badRows: count(r.truth.badRows),
      rareStratum: { tenant: r.truth.rareStratum.tenant, lang: r.truth.rareStratum.lang, rows: r.truth.rareStratum.ids.length },
      strata: r.truth.strata.length,
    };
    if (values.json) writeJson(ctx, summary);
    else {
      ctx.stdout.write(`wrote ${r.out} (${r.format}, ${r.rows} rows x ${r.dim} dims, ${(r.bytes / 1e6).toFixed(1)} MB): ` +
        `${r.truth.rowsValid} valid, ${r.truth.rowsRejected} bad rows; rare stratum ${summary.rareStratum.tenant}/${summary.rareStratum.lang} ` +
        `with ${summary.rareStratum.rows} rows${r.truthPath ? `; ground truth in ${r.truthPath}` : ''}\n`);
    }
    return 0;
  },
};

const DOCUMENT_ONLY = ['docs', 'queries', 'query-count'] as const;
/** the vector export's knobs, which mean nothing for documents */
const VECTOR_ONLY = ['rows', 'dim', 'clusters', 'tenants', 'rare-rows', 'edge-rate', 'bad-rate'] as const;

async function runDocuments(values: FlagValues, ctx: CliContext, out: string): Promise<number> {
  for (const f of VECTOR_ONLY) {
    if (values[f] !== undefined) throw invalid(`--${f}`, values[f], `not with --documents (its flags: --docs, --seed, --format, --queries, --query-count, --truth)`, undefined, 'USAGE');
  }
  const formatFlag = stringFlag(values, 'format');
  if (formatFlag !== undefined && !DOCUMENT_FORMATS.includes(formatFlag as DocumentFormat)) {
    throw invalid('--format', formatFlag, DOCUMENT_FORMATS.join(', '), undefined, 'USAGE');
  }
  const format = (formatFlag ?? (/\.csv$/i.test(out) ? 'csv' : 'jsonl')) as DocumentFormat;
  const docs = numberFlag(values, 'docs', { integer: true, min: MIN_DOCS }) ?? DOCS_DEFAULT;
  const queriesFlag = stringFlag(values, 'queries');
  const queryCount = numberFlag(values, 'query-count', { integer: true, min: 0 });
  if (queryCount !== undefined && queriesFlag === undefined) throw invalid('--query-count', queryCount, 'with --queries <golden.jsonl>', undefined, 'USAGE');
  const truthFlag = stringFlag(values, 'truth');
  const progress = createProgress({ stream: ctx.stderr, label: 'generate', unit: 'documents', total: docs });
  const queries = queriesFlag === undefined ? undefined : resolve(ctx.cwd, queriesFlag);
  const truth = truthFlag === undefined ? undefined : resolve(ctx.cwd, truthFlag);
  const r = await generateDocuments({
    out,
    docs,
    seed: numberFlag(values, 'seed', { integer: true, min: 0 }) ?? D.seed,
    format,
    ...(queries === undefined ? {} : { queries }),
    ...(queryCount === undefined ? {} : { queryCount }),
    ...(truth === undefined ? {} : { truth }),
    onProgress: (done, bytes) => progress.update(done, `${(bytes / 1e6).toFixed(0)} MB`),
  });
  progress.done();
  if (values.json) writeJson(ctx, { ok: true, out, format, docs: r.docs, bytes: r.bytes, queries: queries ?? null, queryCount: r.queries, truth: truth ?? null });
  else {
    ctx.stdout.write(`wrote ${out} (${format}, ${r.docs} documents, ${(r.bytes / 1e6).toFixed(1)} MB, marked ${ORIGIN_MARKER_FIELD}=${ORIGIN_MARKER_VALUE})` +
      `${queries ? `; ${r.queries} golden queries in ${queries}` : ''}${truth ? `; ground truth in ${truth}` : ''}\n`);
  }
  return 0;
}
