/**
 * Where a sample's rows came from (manifest `origin`). Sealed environments only take `production`
 * (src/safety/sealed.ts checkOrigin), so anything vecstage can recognise as generated must not pass as production.
 * Recognised, cheapest first and without reading the whole input (issue 14):
 * - the origin marker `vecstage generate` writes into the data itself (src/synth/origin-marker.ts), so a copy of
 *   the file alone, renamed or moved, is still recognised: a `vecstage_origin` CSV column (the header line), a
 *   `vecstage_origin` key in the first JSONL record, a `vecstage_origin` key in an Arrow file's schema metadata or a
 *   column of that name; and a vecstage sample (`vecstage:manifest` schema metadata) whose manifest says synthetic or
 *   fixture, so re-sampling a sample keeps its origin;
 * - the ground truth `<file>.truth.json` that `generate --truth` writes next to the export;
 * - a live index whose provenance says it was loaded from synthetic or fixture rows.
 * Everything else takes the --origin flag (default production).
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { peekArrowSchema } from '../../arrow/schema-peek.js';
import { MANIFEST_KEY } from '../../arrow/sample-row.js';
import { VecstageError } from '../../errors.js';
import { ORIGIN_MARKER_FIELD } from '../../synth/origin-marker.js';

export type SampleOrigin = 'production' | 'synthetic' | 'fixture';
export const ORIGINS: readonly SampleOrigin[] = ['production', 'synthetic', 'fixture'];

/** the column/key the sampler recognises as the origin marker and never reads as row metadata */
export const ORIGIN_MARKER = ORIGIN_MARKER_FIELD;

export interface OriginEvidence {
  origin: Exclude<SampleOrigin, 'production'>;
  /** why, for the manifest and messages */
  because: string;
}

export interface ResolvedOrigin {
  origin: SampleOrigin;
  /** how it was decided: "--origin", "default", or the evidence */
  source: string;
}

/** bytes read first (a generated record of 768 dims is ~9 KB) */
const HEAD_BYTES = 64 << 10;
/** when the header and first record do not end within HEAD_BYTES; beyond, the CSV header alone decides */
const MAX_HEAD_BYTES = 1 << 20;

/** The input's origin marker, else its generate ground truth: evidence that the rows are not production. */
export function detectGeneratedExport(path: string): OriginEvidence | undefined {
  return detectOriginMarker(path) ?? detectTruthSidecar(path);
}

/**
 * The origin marker inside the file (first bytes, first record or schema only). The marker's value names the origin
 * (`fixture`, else `synthetic`: only vecstage writes the marker); an explicit `production` value is no evidence.
 */
export function detectOriginMarker(path: string): OriginEvidence | undefined {
  let head = readHead(path, HEAD_BYTES);
  if (head === undefined || head.length === 0) return undefined;
  // two line ends: a header and a first record (or a first JSONL record) most likely end inside the head
  if (head.length === HEAD_BYTES && head.indexOf(10, head.indexOf(10) + 1) < 0) head = readHead(path, MAX_HEAD_BYTES) ?? head;
  const name = basename(path);
  // Arrow IPC: the file magic, or a stream's first message (continuation marker 0xFFFFFFFF)
  if (head.subarray(0, 6).toString('latin1') === 'ARROW1' || (head.length >= 4 && head.readInt32LE(0) === -1)) return arrowMarker(path, name);
  const text = head.toString('utf8', head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0);
  return text.trimStart().startsWith('{') ? jsonlMarker(text, name) : csvMarker(text, name);
}

function arrowMarker(path: string, name: string): OriginEvidence | undefined {
  const schema = peekArrowSchema(path);
  if (schema === undefined) return undefined;
  const meta = schema.metadata.get(ORIGIN_MARKER);
  if (meta !== undefined) return evidence(meta, `the Arrow schema metadata of ${name} carries the origin marker "${ORIGIN_MARKER}": "${meta}"`);
  const manifest = schema.metadata.get(MANIFEST_KEY);
  if (manifest !== undefined) {
    let origin: unknown;
    try {
      origin = (JSON.parse(manifest) as { origin?: unknown }).origin;
    } catch {
      origin = undefined;
    }
    if (origin === 'synthetic' || origin === 'fixture') {
      return { origin, because: `${name} is a vecstage sample of ${origin} rows (its schema metadata "${MANIFEST_KEY}" says origin "${origin}")` };
    }
  }
  if (schema.fields.includes(ORIGIN_MARKER)) return evidence(undefined, `${name} has the origin marker column "${ORIGIN_MARKER}" (Arrow schema)`);
  return undefined;
}

function jsonlMarker(text: string, name: string): OriginEvidence | undefined {
  const nl = text.indexOf('\n');
  const line = nl < 0 ? text : text.slice(0, nl);
  let value: unknown;
  try {
    const rec = JSON.parse(line) as Record<string, unknown>;
    if (rec === null || typeof rec !== 'object' || !(ORIGIN_MARKER in rec)) return undefined;
    value = rec[ORIGIN_MARKER];
  } catch {
    // a record that does not parse (cut off, a broken quote, longer than the head): the marker's own text
    const m = new RegExp(`"${ORIGIN_MARKER}"\\s*:\\s*"([^"\\\\]*)"`).exec(line);
    if (!m) return undefined;
    value = m[1];
  }
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return evidence(typeof value === 'string' ? value : undefined, `the first record of ${name} carries the origin marker "${ORIGIN_MARKER}": "${shown}"`);
}

function csvMarker(text: string, name: string): OriginEvidence | undefined {
  const header = csvRecord(text, 0);
  if (header === undefined) return undefined;
  const col = header.cells.indexOf(ORIGIN_MARKER);
  if (col < 0) return undefined;
  const first = csvRecord(text, header.end);
  const value = first?.cells[col];
  const seen = value === undefined ? '' : ` (value "${value}" in its first record)`;
  return evidence(value, `the header of ${name} has the origin marker column "${ORIGIN_MARKER}"${seen}`);
}

function evidence(value: string | undefined, because: string): OriginEvidence | undefined {
  if (value === 'production') return undefined;
  return { origin: value === 'fixture' ? 'fixture' : 'synthetic', because: `${because}, written by vecstage generate` };
}

/**
 * One RFC 4180 record from `at`: its cells and where the next record starts; undefined when the record does not
 * end within the text (the head was cut inside it).
 */
function csvRecord(text: string, at: number): { cells: string[]; end: number } | undefined {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = at; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n') {
      cells.push(cell.endsWith('\r') ? cell.slice(0, -1) : cell);
      return { cells, end: i + 1 };
    } else cell += c;
  }
  return undefined;
}

function readHead(path: string, bytes: number): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** `<input>.truth.json` written by `vecstage generate --truth` (checked to be one: edgeCases and badRows keys). */
export function detectTruthSidecar(path: string): OriginEvidence | undefined {
  const truth = `${path}.truth.json`;
  try {
    // the truth file lists injected rows only (a few percent of the export): small enough to parse
    if (!statSync(truth).isFile()) return undefined;
    const parsed = JSON.parse(readFileSync(truth, 'utf8')) as Record<string, unknown>;
    if (parsed && typeof parsed === 'object' && 'edgeCases' in parsed && 'badRows' in parsed) {
      return { origin: 'synthetic', because: `a vecstage generate ground truth lies next to the input (${basename(truth)})` };
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** An index whose provenance says it was loaded from synthetic or fixture rows. */
export function indexEvidence(index: string, provenance: { source?: string } | undefined): OriginEvidence | undefined {
  const source = provenance?.source;
  if (source !== 'synthetic' && source !== 'fixture') return undefined;
  return { origin: source, because: `index "${index}" was loaded from ${source} rows (its provenance)` };
}

/**
 * The marker seen in the first record a one-pass run reads (stdin cannot be looked at before the run): the
 * default origin becomes the marker's, a `--origin production` is refused as resolveOrigin refuses it. Origins
 * already decided by evidence or by a cautious flag stay.
 */
export function originFromFirstRecord(decided: ResolvedOrigin, fields: readonly string[], values: readonly unknown[], display: string): ResolvedOrigin {
  const at = fields.indexOf(ORIGIN_MARKER);
  if (at < 0 || decided.source.startsWith('detected') || decided.origin !== 'production') return decided;
  const value = values[at];
  const ev = evidence(typeof value === 'string' ? value : undefined, `the first record of ${display} carries the origin marker "${ORIGIN_MARKER}": ${JSON.stringify(value ?? null)}`);
  if (ev === undefined) return decided;
  return resolveOrigin(decided.source === '--origin' ? 'production' : undefined, ev);
}

/**
 * The flag wins when it is at least as cautious as the evidence; a flag claiming `production` against evidence is
 * refused (exit 3): a sealed env would otherwise take generated rows.
 */
export function resolveOrigin(flag: SampleOrigin | undefined, evidence: OriginEvidence | undefined): ResolvedOrigin {
  if (evidence) {
    if (flag === 'production') {
      throw new VecstageError(
        'REFUSED',
        `invalid --origin: "production" contradicts the input: ${evidence.because}; allowed: --origin ${evidence.origin}, or an input without that mark`,
        { details: { name: '--origin', origin: evidence.origin, evidence: evidence.because } },
      );
    }
    return flag ? { origin: flag, source: '--origin' } : { origin: evidence.origin, source: `detected: ${evidence.because}` };
  }
  return flag ? { origin: flag, source: '--origin' } : { origin: 'production', source: 'default' };
}
