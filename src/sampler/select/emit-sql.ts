/**
 * `vecstage sample --emit-sql duckdb|spark|bigquery`: the Bernoulli hash rule as SQL, for an engine that already
 * holds the export. A row is selected when u < p, u = first 8 bytes of md5(seed ":" id) as a big-endian uint64
 * / 2^64. Portable form: the first 16 lowercase hex digits of md5 compared, as a string, with floor(p * 2^64) as
 * 16 lowercase hex digits (fixed-width hex strings order like the numbers they spell). Only the hash rule: no
 * validation (dimension, NaN, repeated ids), no edge-case certainty rows, no strata minimums. Pure.
 */
import { invalid } from '../../errors.js';

export type SqlDialect = 'duckdb' | 'spark' | 'bigquery';
export const SQL_DIALECTS: readonly SqlDialect[] = ['duckdb', 'spark', 'bigquery'];
export const DEFAULT_SQL_TABLE = 'production_export';

export interface EmitSqlOptions {
  dialect: SqlDialect;
  seed: string;
  /** the Bernoulli rate p, in (0, 1] */
  fraction: number;
  /** the id column (the spec's / --id column mapping) */
  idColumn: string;
  /** a table name, dotted parts allowed (`project.dataset.table`); @default production_export */
  table?: string;
}

/** floor(p * 2^64) as 16 lowercase hex digits; undefined when p >= 1 (every row). Exact: no rounding. */
export function thresholdHex(p: number): string | undefined {
  if (!(p > 0 && p <= 1)) throw invalid('fraction', p, 'a number in (0, 1]', '--emit-sql');
  if (p >= 1) return undefined;
  // p is a double, so p * 2^64 only shifts the exponent: exact, then floor for the (never-hit) tiny-p case
  const t = BigInt(Math.floor(p * 2 ** 64));
  return t.toString(16).padStart(16, '0');
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_$-]*$/;

export function emitSql(o: EmitSqlOptions): string {
  if (!SQL_DIALECTS.includes(o.dialect)) throw invalid('--emit-sql', o.dialect, SQL_DIALECTS.join(', '), undefined, 'USAGE');
  // a seed travels as a string literal: the three dialects escape quotes differently, so quotes are refused
  if (/['\\\u0000-\u001f]/.test(o.seed)) throw invalid('--seed', o.seed, "a seed without quotes, backslashes or control characters for --emit-sql", undefined, 'USAGE');
  const table = o.table ?? DEFAULT_SQL_TABLE;
  const parts = table.split('.');
  if (parts.some((p) => !IDENT.test(p))) throw invalid('--sql-table', table, 'a table name: letters, digits, _ $ -, dotted parts (project.dataset.table)', undefined, 'USAGE');
  if (o.idColumn.includes('"') || o.idColumn.includes('`') || o.idColumn.length === 0) {
    throw invalid('--id', o.idColumn, 'a column name without quotes or backticks', '--emit-sql', 'USAGE');
  }
  const q = (name: string): string => (o.dialect === 'duckdb' ? `"${name}"` : `\`${name}\``);
  const from = parts.map(q).join('.');
  const id = q(o.idColumn);
  const hex = thresholdHex(o.fraction);
  // vecstage hashes the id as text, trimmed (RowValidator); empty or missing ids are rejected, never selected
  const idText = o.dialect === 'duckdb' ? `trim(CAST(${id} AS VARCHAR))` : o.dialect === 'spark' ? `trim(CAST(${id} AS STRING))` : `TRIM(CAST(${id} AS STRING))`;
  const key = o.dialect === 'bigquery'
    ? `SUBSTR(TO_HEX(MD5(CONCAT('${o.seed}:', ${idText}))), 1, 16)`
    : `substr(md5(concat('${o.seed}:', ${idText})), 1, 16)`;
  const where = [`${id} IS NOT NULL`, `${idText} <> ''`];
  if (hex !== undefined) where.push(`${key} < '${hex}'`);
  return [
    `-- vecstage sample --emit-sql ${o.dialect}: the Bernoulli hash rule u < p with p = ${o.fraction}, seed ${JSON.stringify(o.seed)}`,
    `-- u = first 8 bytes of md5(seed ":" id) / 2^64, compared as 16 hex digits against floor(p * 2^64) = 0x${hex ?? '10000000000000000'}`,
    '-- hash rule only: rows vecstage would reject (bad embeddings, repeated ids) and edge-case certainty rows are not handled here',
    'SELECT *',
    `FROM ${from}`,
    `WHERE ${where.join('\n  AND ')};`,
    '',
  ].join('\n');
}
