/**
 * Turns a RawRow into a valid row or a reject (DESIGN §3: never silently dropped). The embedding stays in the
 * parser's scratch buffer; the caller copies it only for rows it keeps. Repeated ids are the caller's job (they
 * need the ids seen so far).
 */
import { BulkEmbedding } from '../../arrow/bulk-embedding.js';
import { VecstageError } from '../../errors.js';
import { ORIGIN_MARKER_FIELD } from '../../synth/origin-marker.js';
import { EmbeddingCell, type EmbeddingParser } from './embedding-parse.js';
import type { ColumnMapping } from '../spec/spec-types.js';
import type { MetadataValue, RawRow } from '../types.js';
import { MetadataReject, readMetadata, reject, stratumName, type Rejected } from './row-fields.js';

export interface ValidRow {
  line: number;
  id: string;
  text: string | null;
  metadata: Record<string, MetadataValue> | null;
  stratum: string;
  /** embedding length; the values are in parser.values */
  length: number;
}

export type Validated = { ok: true; row: ValidRow } | Rejected;

interface Plan {
  id: number;
  embedding: number;
  text: number;
  metadataJson: number;
  metadata: Array<[string, number]>;
}

export interface ValidatorOptions {
  columns: ColumnMapping;
  stratifyBy: string[];
  /** expected dimension; 0 = not known yet (no check) */
  dimension: number;
  /** CSV and Arrow have one header: a missing mapped column is an input error, not a per-row reject */
  headered: boolean;
  source: string;
}

export class RowValidator {
  private plans = new WeakMap<readonly string[], Plan>();
  /** stratum names by the stratify-by values (stratumOf), and how many */
  private readonly strata: StratumTree = new Map();
  private stratumStrings = 0;
  constructor(
    private readonly opts: ValidatorOptions,
    private readonly parser: EmbeddingParser,
  ) {}

  get dimension(): number {
    return this.opts.dimension;
  }
  set dimension(d: number) {
    this.opts.dimension = d;
  }

  get embeddingColumn(): string {
    return this.opts.columns.embedding;
  }

  /** The header checks alone, on a file's column names (CSV, Arrow): the input errors validate() would throw. */
  checkFields(fields: readonly string[]): void {
    this.plan(fields);
  }

  /** Parses only the embedding (for dimension inference); undefined when it does not parse. */
  embeddingLength(raw: RawRow): number | undefined {
    if (raw.error) return undefined;
    const plan = this.plan(raw.fields);
    const parsed = this.parseEmbedding(raw.values[plan.embedding]);
    return parsed.ok ? parsed.length : undefined;
  }

  validate(raw: RawRow): Validated {
    const { line } = raw;
    if (raw.error) return reject(line, raw.error.column, raw.error.reason, raw.error.detail);
    const c = this.opts.columns;
    const plan = this.plan(raw.fields);
    const rawId = raw.values[plan.id];
    const id = rawId === undefined || rawId === null ? '' : typeof rawId === 'string' ? rawId.trim() : typeof rawId === 'number' || typeof rawId === 'bigint' ? String(rawId) : '';
    if (typeof rawId === 'string' && rawId.includes('\uFFFD')) return reject(line, c.id, 'invalid_utf8', 'the id is not valid UTF-8 (decoded to U+FFFD)');
    if (id === '') return reject(line, c.id, 'missing_id', rawId === undefined ? `no "${c.id}" field` : `empty id: ${JSON.stringify(rawId)}`);
    const rawText = plan.text >= 0 ? raw.values[plan.text] : undefined;
    let text: string | null = null;
    if (rawText !== undefined && rawText !== null) {
      text = typeof rawText === 'string' ? rawText : String(rawText);
      if (text.includes('\uFFFD')) return reject(line, c.text, 'invalid_utf8', 'the text is not valid UTF-8 (decoded to U+FFFD)', id);
    }
    const metadata = readMetadata(raw.values, plan, c.metadataJson, line, id);
    if (metadata instanceof MetadataReject) return metadata.rejected;
    const parsed = this.parseEmbedding(raw.values[plan.embedding]);
    if (!parsed.ok) return reject(line, c.embedding, 'unparseable_embedding', parsed.detail, id);
    const dim = this.opts.dimension;
    if (dim > 0 && parsed.length !== dim) return reject(line, c.embedding, 'wrong_dimension', `expected ${dim} values, got ${parsed.length}`, id);
    if (parsed.length === 0) return reject(line, c.embedding, 'wrong_dimension', 'empty embedding', id);
    if (!parsed.finite) return reject(line, c.embedding, 'non_finite', firstNonFinite(this.parser.values, parsed.length), id);
    const stratum = this.stratumOf(metadata);
    return { ok: true, row: { line, id, text, metadata, stratum, length: parsed.length } };
  }

  /** `k1=v1,k2=v2` over the stratify-by keys ('(missing)' for an absent value); 'all' without keys. */
  private stratumOf(metadata: Record<string, MetadataValue> | null): string {
    const keys = this.opts.stratifyBy;
    if (keys.length === 0) return 'all';
    // the same values give the same string, built once (and, as one string object, hashed once as a Map key
    // downstream): a tree of Maps by value, one level per key, up to STRATA_CACHED strings
    let node = this.strata;
    for (let i = 0; i < keys.length - 1; i++) {
      const v = metadata?.[keys[i] as string];
      let next = node.get(v) as StratumTree | undefined;
      if (next === undefined) {
        if (this.stratumStrings >= STRATA_CACHED) return stratumName(keys, metadata);
        node.set(v, (next = new Map()));
      }
      node = next;
    }
    const v = metadata?.[keys[keys.length - 1] as string];
    let name = node.get(v) as string | undefined;
    if (name === undefined) {
      name = stratumName(keys, metadata);
      if (this.stratumStrings < STRATA_CACHED) {
        node.set(v, name);
        this.stratumStrings++;
      }
    }
    return name;
  }

  private parseEmbedding(cell: unknown): ReturnType<EmbeddingParser['parse']> {
    if (cell === undefined || cell === null || cell === '') return { ok: false, detail: `no "${this.opts.columns.embedding}" value` };
    if (typeof cell === 'string') return this.parser.parse(cell);
    if (cell instanceof EmbeddingCell) return this.parser.parseBytes(cell.bytes, cell.start, cell.end);
    // handled per record batch (arrow-scan.ts): the stats are computed and every value is finite
    if (cell instanceof BulkEmbedding) return { ok: true, length: cell.length, finite: true };
    if (Array.isArray(cell) || ArrayBuffer.isView(cell)) return this.parser.load(cell as ArrayLike<unknown>);
    return { ok: false, detail: `expected an array of numbers, got ${typeof cell}` };
  }

  private plan(fields: readonly string[]): Plan {
    let p = this.plans.get(fields);
    if (p) return p;
    const c = this.opts.columns;
    const at = (name: string | null): number => (name === null ? -1 : fields.indexOf(name));
    p = { id: at(c.id), embedding: at(c.embedding), text: at(c.text), metadataJson: at(c.metadataJson), metadata: [] };
    // the origin marker (src/synth/origin-marker.ts) is no row data: the manifest's origin records it
    const mapped = new Set([c.id, c.embedding, c.text, c.metadataJson, ORIGIN_MARKER_FIELD]);
    const names = c.metadata ?? fields.filter((f) => !mapped.has(f));
    for (const name of names) {
      const idx = fields.indexOf(name);
      if (idx >= 0) p.metadata.push([name, idx]);
    }
    if (this.opts.headered) this.checkHeader(fields, p);
    this.plans.set(fields, p);
    return p;
  }

  private checkHeader(fields: readonly string[], p: Plan): void {
    const c = this.opts.columns;
    const have = fields.join(', ');
    const need: Array<[string, number, string]> = [
      [c.id, p.id, '--id'],
      [c.embedding, p.embedding, '--embedding'],
    ];
    for (const [name, idx, flag] of need) {
      if (idx < 0) throw new VecstageError('INPUT', `column "${name}" not found in ${this.opts.source} (header); columns: ${have}; choose one with ${flag}`);
    }
    for (const name of c.metadata ?? []) {
      if (!fields.includes(name)) throw new VecstageError('INPUT', `metadata column "${name}" not found in ${this.opts.source} (header, --metadata); columns: ${have}`);
    }
    const metaNames = new Set(p.metadata.map(([n]) => n));
    for (const s of this.opts.stratifyBy) {
      if (!metaNames.has(s) && p.metadataJson < 0) throw new VecstageError('INPUT', `stratum column "${s}" (--stratify-by) is not a metadata column of ${this.opts.source}; metadata columns: ${[...metaNames].join(', ') || '(none)'}`);
    }
  }
}

type StratumTree = Map<MetadataValue | undefined, StratumTree | string>;

/** Stratum names remembered per validator (beyond: built per row, e.g. stratifying by a per-row value). */
const STRATA_CACHED = 4096;

function firstNonFinite(values: Float32Array, n: number): string {
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) return `${v} at index ${i}`;
  }
  return 'non-finite value';
}
