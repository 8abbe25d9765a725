import { BAD_KINDS, EDGE_KINDS, isBadKind, type BadKind, type EdgeKind } from './kinds.js';
import type { ExportFormat } from './options.js';
import { kindOf, rowId, type ExportPlan } from './plan.js';
import { buildRow } from './row.js';
import { ORIGIN_MARKER_FIELD, ORIGIN_MARKER_VALUE } from './origin-marker.js';
import { COLUMNS } from './serialize.js';
import { LANGS } from './vocab.js';

export interface TruthEntry {
  /** 1-based physical line of the record (CSV: the header is line 1) */
  line: number;
  /** the id as written; absent for missing-id rows */
  id?: string;
  /** the earlier clean row this one copies (duplicate vectors, repeated ids) */
  of?: { id: string; line: number };
  detail?: string;
}

export interface StratumCount {
  /** null: the row's metadata is missing */
  tenant: string | null;
  lang: string | null;
  rows: number;
}

/** What the generator put where, so a test can check that a sampler tagged and rejected all of it. */
export interface GroundTruth {
  format: ExportFormat;
  columns: readonly string[];
  /** the origin marker every record carries (src/synth/origin-marker.ts) */
  marker: { field: typeof ORIGIN_MARKER_FIELD; value: typeof ORIGIN_MARKER_VALUE };
  rows: number;
  dim: number;
  seed: number;
  rowsValid: number;
  rowsRejected: number;
  edgeCases: Record<EdgeKind, TruthEntry[]>;
  badRows: Record<BadKind, TruthEntry[]>;
  rareStratum: { tenant: string; lang: string; ids: string[] };
  /** valid rows per (tenant, lang), most rows first */
  strata: StratumCount[];
}

export function lineOf(plan: ExportPlan, i: number): number {
  return plan.options.format === 'csv' ? i + 2 : i + 1;
}

/** Pure: derived from the plan alone (injected rows are rebuilt to read their details). */
export function groundTruth(plan: ExportPlan): GroundTruth {
  const o = plan.options;
  const edgeCases = Object.fromEntries(EDGE_KINDS.map((k) => [k, [] as TruthEntry[]])) as Record<EdgeKind, TruthEntry[]>;
  const badRows = Object.fromEntries(BAD_KINDS.map((k) => [k, [] as TruthEntry[]])) as Record<BadKind, TruthEntry[]>;
  const strata = new Map<string, StratumCount>();
  let rejected = 0;
  for (let i = 0; i < o.rows; i++) {
    const kind = kindOf(plan, i);
    if (kind !== undefined) {
      const row = buildRow(plan, i);
      const src = plan.source[i] as number;
      const entry: TruthEntry = { line: lineOf(plan, i) };
      if (row.id !== undefined) entry.id = row.id;
      if (src >= 0) entry.of = { id: rowId(plan, src), line: lineOf(plan, src) };
      if (row.detail !== undefined) entry.detail = row.detail;
      if (isBadKind(kind)) {
        badRows[kind].push(entry);
        rejected++;
        continue;
      }
      edgeCases[kind].push(entry);
    }
    const missing = kind === 'missing-metadata';
    const tenant = missing ? null : (plan.tenantNames[plan.tenant[i] as number] as string);
    const lang = missing ? null : (LANGS[plan.lang[i] as number] as string);
    const key = `${tenant}\u0000${lang}`;
    const s = strata.get(key) ?? { tenant, lang, rows: 0 };
    s.rows++;
    strata.set(key, s);
  }
  return {
    format: o.format,
    columns: COLUMNS,
    marker: { field: ORIGIN_MARKER_FIELD, value: ORIGIN_MARKER_VALUE },
    rows: o.rows,
    dim: o.dim,
    seed: o.seed,
    rowsValid: o.rows - rejected,
    rowsRejected: rejected,
    edgeCases,
    badRows,
    rareStratum: {
      tenant: plan.tenantNames[plan.rareTenant] as string,
      lang: LANGS[plan.rareLang] as string,
      ids: plan.rareRows.map((i) => rowId(plan, i)),
    },
    strata: [...strata.values()].sort((a, b) => b.rows - a.rows || String(a.tenant).localeCompare(String(b.tenant)) || String(a.lang).localeCompare(String(b.lang))),
  };
}
