import type { InjectionKind } from './kinds.js';
import { kindOf, rowId, type ExportPlan } from './plan.js';
import { randomInt } from './random.js';
import { blankText, cleanText, longText, mixedScriptText, shortText } from './text.js';
import { cleanVector, nearCopy, rowRandom } from './vector.js';
import { DOC_TYPES, LANGS } from './vocab.js';
import { formatComponent } from './format-number.js';

/** One export row before serialisation. */
export interface SynthRow {
  /** undefined: the id is missing */
  id: string | undefined;
  /** a vector, or the raw text of an unparseable cell */
  embedding: Float32Array | string;
  text: string;
  /** undefined: the field is missing (empty cell in CSV, absent key in JSONL) */
  tenant: string | undefined;
  lang: string | undefined;
  docType: string | undefined;
  /** undefined: missing (with the other metadata, in missing-metadata rows) */
  createdAt: string | undefined;
  kind: InjectionKind | undefined;
  /** what exactly was injected, for the ground truth (e.g. `norm=25`, `dim=63`) */
  detail?: string;
}

const EPOCH = Date.UTC(2023, 0, 1);
const TWO_YEARS_S = 2 * 365 * 86400;
/** noise norm of a near duplicate: cosine similarity to its source about 1 - 0.02^2/2 = 0.9998 */
const NEAR_EPS = 0.02;

/** Row i of the export: a pure function of (plan, i). */
export function buildRow(plan: ExportPlan, i: number): SynthRow {
  const o = plan.options;
  const kind = kindOf(plan, i);
  const meta = rowRandom(plan, i, 1);
  const inj = rowRandom(plan, i, 2);
  const lang = plan.lang[i] as number;
  const docType = DOC_TYPES[plan.docType[i] as number] as string;
  const createdAt = new Date(EPOCH + Math.floor(meta.next() * TWO_YEARS_S) * 1000).toISOString();
  const row: SynthRow = {
    id: rowId(plan, i),
    embedding: cleanVector(plan, i),
    text: cleanText(meta, lang, docType),
    tenant: plan.tenantNames[plan.tenant[i] as number],
    lang: LANGS[lang],
    docType,
    createdAt,
    kind,
  };
  const vec = row.embedding as Float32Array;
  const src = plan.source[i] as number;
  switch (kind) {
    case undefined:
      break;
    case 'empty-text':
      row.text = blankText(inj);
      break;
    case 'short-text':
      row.text = shortText(inj);
      break;
    case 'long-text':
      row.text = longText(inj, lang, docType, o.longTextChars);
      break;
    case 'mixed-script':
      row.text = mixedScriptText(inj);
      break;
    case 'duplicate-vector':
      row.embedding = cleanVector(plan, src);
      break;
    case 'near-duplicate-vector':
      row.embedding = nearCopy(cleanVector(plan, src), inj, NEAR_EPS);
      break;
    case 'zero-vector':
      row.embedding = new Float32Array(o.dim);
      break;
    case 'outlier-norm': {
      const norm = inj.next() < 0.5 ? 25 : 0.04;
      row.embedding = vec.map((x) => x * norm);
      row.detail = `norm=${norm}`;
      break;
    }
    case 'missing-metadata':
      row.tenant = undefined;
      row.lang = undefined;
      row.docType = undefined;
      row.createdAt = undefined;
      break;
    case 'nan-embedding':
    case 'inf-embedding': {
      const d = randomInt(inj, o.dim);
      vec[d] = kind === 'nan-embedding' ? NaN : inj.next() < 0.5 ? Infinity : -Infinity;
      row.detail = `component=${d}`;
      break;
    }
    case 'wrong-dimension': {
      const dim = inj.next() < 0.5 ? o.dim - 1 : o.dim + 1;
      row.embedding = dim < o.dim ? vec.slice(0, dim) : Float32Array.from([...vec, 0]);
      row.detail = `dim=${dim}`;
      break;
    }
    case 'unparseable-embedding': {
      // numpy's repr of a long array (DESIGN §3 names it), or a cell cut off mid-array
      const head = Array.from(vec.slice(0, 3), formatComponent);
      const numpy = inj.next() < 0.5;
      row.embedding = numpy ? `[${head.join(' ')} ... ${formatComponent(vec[o.dim - 1] as number)}]` : `[${head.join(',')},`;
      row.detail = numpy ? 'numpy-repr' : 'truncated';
      break;
    }
    case 'repeated-id':
      row.id = rowId(plan, src);
      break;
    case 'missing-id':
      row.id = undefined;
      break;
    case 'broken-quote':
    case 'wrong-column-count':
      // a serialisation fault: the writers break the line, the row's values stay ordinary
      break;
  }
  return row;
}
