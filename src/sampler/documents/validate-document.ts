/**
 * A raw record of a document export -> a valid document or a reject (never silently dropped). The vector
 * validator's rules without the embedding: id (trimmed; missing or empty: a reject), text (null or absent: an
 * edge case, not a reject), metadata (every unmapped column, or --metadata, plus a JSON-object column), and
 * invalid UTF-8 (U+FFFD after decoding). Repeated ids are the caller's job (they need the ids seen so far).
 */
import { VecstageError } from '../../errors.js';
import { ORIGIN_MARKER } from '../input/origin.js';
import type { ColumnMapping } from '../spec/spec-types.js';
import type { MetadataValue, RawRow, Reject } from '../types.js';

export interface DocumentRecord {
  line: number;
  id: string;
  text: string | null;
  metadata: Record<string, MetadataValue> | null;
  stratum: string;
}

export type ValidatedDocument = { ok: true; row: DocumentRecord } | { ok: false; reject: Reject };

export interface DocumentValidatorOptions {
  columns: ColumnMapping;
  stratifyBy: string[];
  /** CSV and Arrow have one header: a missing mapped column is an input error; JSONL: checked on the first record */
  headered: boolean;
  source: string;
}

interface Plan {
  id: number;
  text: number;
  metadataJson: number;
  metadata: Array<[string, number]>;
}

export class DocumentValidator {
  private readonly plans = new WeakMap<readonly string[], Plan>();
  private checked = false;

  constructor(private readonly opts: DocumentValidatorOptions) {
    if (opts.columns.text === null) {
      throw new VecstageError('USAGE', `invalid text column: null (spec columns.text); allowed: a column name: a document export needs a text column (${opts.source})`);
    }
  }

  /** The header checks alone (what validate() throws on the first record). */
  checkFields(fields: readonly string[], line: number): void {
    this.plan(fields, line);
  }

  validate(raw: RawRow): ValidatedDocument {
    const { line } = raw;
    if (raw.error) return reject(line, raw.error.column, raw.error.reason, raw.error.detail);
    const c = this.opts.columns;
    const plan = this.plan(raw.fields, line);
    const rawId = plan.id >= 0 ? raw.values[plan.id] : undefined;
    const id = rawId === undefined || rawId === null ? '' : typeof rawId === 'string' ? rawId.trim() : typeof rawId === 'number' || typeof rawId === 'bigint' ? String(rawId) : '';
    if (typeof rawId === 'string' && rawId.includes('\uFFFD')) return reject(line, c.id, 'invalid_utf8', 'the id is not valid UTF-8 (decoded to U+FFFD)');
    if (id === '') return reject(line, c.id, 'missing_id', rawId === undefined ? `no "${c.id}" field` : `empty id: ${JSON.stringify(rawId)}`);
    const rawText = plan.text >= 0 ? raw.values[plan.text] : undefined;
    let text: string | null = null;
    if (rawText !== undefined && rawText !== null) {
      if (typeof rawText === 'string') text = rawText;
      else if (typeof rawText === 'number' || typeof rawText === 'boolean' || typeof rawText === 'bigint') text = String(rawText);
      else return reject(line, c.text, 'unparseable_cell', `"${c.text}" is not text (got ${Array.isArray(rawText) ? 'an array' : typeof rawText})`, id);
      if (text.includes('\uFFFD')) return reject(line, c.text, 'invalid_utf8', 'the text is not valid UTF-8 (decoded to U+FFFD)', id);
    }
    let metadata: Record<string, MetadataValue> | null = null;
    for (const [name, idx] of plan.metadata) {
      const v = raw.values[idx];
      if (v === undefined || v === null || v === '') continue;
      const value = toMetadataValue(v);
      if (typeof value === 'string' && value.includes('\uFFFD')) return reject(line, name, 'invalid_utf8', `metadata "${name}" is not valid UTF-8 (decoded to U+FFFD)`, id);
      (metadata ??= {})[name] = value;
    }
    if (plan.metadataJson >= 0) {
      const cell = raw.values[plan.metadataJson];
      const col = c.metadataJson as string;
      if (cell !== undefined && cell !== null && cell !== '') {
        let obj: unknown = cell;
        if (typeof cell === 'string') {
          if (cell.includes('\uFFFD')) return reject(line, col, 'invalid_utf8', `"${col}" is not valid UTF-8 (decoded to U+FFFD)`, id);
          try {
            obj = JSON.parse(cell);
          } catch (err) {
            return reject(line, col, 'unparseable_cell', `"${col}" is not a JSON object: ${(err as Error).message}`, id);
          }
        }
        if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return reject(line, col, 'unparseable_cell', `"${col}" is not a JSON object`, id);
        for (const [k, v] of Object.entries(obj as Record<string, unknown>)) if (v !== null && v !== undefined) (metadata ??= {})[k] = toMetadataValue(v);
      }
    }
    return { ok: true, row: { line, id, text, metadata, stratum: stratumName(this.opts.stratifyBy, metadata) } };
  }

  private plan(fields: readonly string[], line: number): Plan {
    let p = this.plans.get(fields);
    if (p) return p;
    const c = this.opts.columns;
    const at = (name: string | null): number => (name === null ? -1 : fields.indexOf(name));
    p = { id: at(c.id), text: at(c.text), metadataJson: at(c.metadataJson), metadata: [] };
    // the embedding column is not metadata even when present (documents: true over a vector export), nor is the
    // origin marker of generated exports (the manifest's origin records it)
    const mapped = new Set([c.id, c.text, c.metadataJson, c.embedding, ORIGIN_MARKER]);
    for (const name of c.metadata ?? fields.filter((f) => !mapped.has(f))) {
      const idx = fields.indexOf(name);
      if (idx >= 0) p.metadata.push([name, idx]);
    }
    // CSV and Arrow: the header; JSONL: the first record that parsed (its fields stand for the file's)
    if (this.opts.headered || !this.checked) this.checkHeader(fields, p, line);
    this.checked = true;
    this.plans.set(fields, p);
    return p;
  }

  private checkHeader(fields: readonly string[], p: Plan, line: number): void {
    const c = this.opts.columns;
    const where = this.opts.headered ? 'header' : `first record, line ${line}`;
    const have = fields.join(', ') || '(none)';
    if (this.opts.headered && p.id < 0) throw new VecstageError('INPUT', `column "${c.id}" not found in ${this.opts.source} (header); columns: ${have}; choose one with --id`);
    if (p.text < 0) throw new VecstageError('INPUT', `text column "${c.text}" not found in ${this.opts.source} (${where}); columns: ${have}; a document export needs one: choose it with --text`);
    for (const name of c.metadata ?? []) {
      if (this.opts.headered && !fields.includes(name)) throw new VecstageError('INPUT', `metadata column "${name}" not found in ${this.opts.source} (header, --metadata); columns: ${have}`);
    }
    const metaNames = new Set(p.metadata.map(([n]) => n));
    for (const s of this.opts.stratifyBy) {
      if (this.opts.headered && !metaNames.has(s) && p.metadataJson < 0) {
        throw new VecstageError('INPUT', `stratum column "${s}" (--stratify-by) is not a metadata column of ${this.opts.source}; metadata columns: ${[...metaNames].join(', ') || '(none)'}`);
      }
    }
  }
}

function reject(line: number, column: string | null, reason: Reject['reason'], detail: string, id?: string): ValidatedDocument {
  return { ok: false, reject: id === undefined ? { line, column, reason, detail } : { line, column, reason, id, detail } };
}

/** `k1=v1,k2=v2` over the stratify-by keys ('(missing)' for an absent value); 'all' without keys (as the vector path). */
export function stratumName(keys: readonly string[], metadata: Record<string, MetadataValue> | null): string {
  if (keys.length === 0) return 'all';
  let s = '';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    s += `${i === 0 ? '' : ','}${k}=${metadata?.[k] ?? '(missing)'}`;
  }
  return s;
}

function toMetadataValue(v: unknown): MetadataValue {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  return JSON.stringify(v);
}
