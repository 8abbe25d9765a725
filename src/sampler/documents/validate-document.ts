/**
 * A raw record of a document export -> a valid document or a reject (never silently dropped). The vector
 * validator's rules without the embedding: id (trimmed; missing or empty: a reject), text (null or absent: an
 * edge case, not a reject), metadata (every unmapped column, or --metadata, plus a JSON-object column), and
 * invalid UTF-8 (U+FFFD after decoding). Repeated ids are the caller's job (they need the ids seen so far).
 */
import { VecstageError } from '../../errors.js';
import { ORIGIN_MARKER } from '../input/origin.js';
import type { ColumnMapping } from '../spec/spec-types.js';
import type { MetadataValue, RawRow } from '../types.js';
import { MetadataReject, readMetadata, reject, stratumName, type Rejected } from '../input/row-fields.js';


export interface DocumentRecord {
  line: number;
  id: string;
  text: string | null;
  metadata: Record<string, MetadataValue> | null;
  stratum: string;
}

export type ValidatedDocument = { ok: true; row: DocumentRecord } | Rejected;

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
    const metadata = readMetadata(raw.values, plan, c.metadataJson, line, id);
    if (metadata instanceof MetadataReject) return metadata.rejected;
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
