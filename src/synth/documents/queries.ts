import { randomInt, type Random } from '../random.js';
import { buildDocument, type SynthDocument } from './compose.js';
import { PHRASES } from './phrases.js';
import { aspectsOf, docId, kindOf, QUERY_STREAM, type DocumentPlan } from './plan.js';
import { ASPECTS, SYNONYMS, type AspectRef } from './topics.js';

/** A golden query line (fixtures/golden format, src/golden/parse.ts): text only, judged on document ids. */
export interface DocumentQuery {
  id: string;
  text: string;
  /** 2: the document holding the passage; 1: every other document with a section on the same aspect */
  relevant: Record<string, number>;
  tags: string[];
}

/** a document longer than this holds its passage among much else (one 4000-char chunk cannot isolate it) */
export const LONG_DOC_CHARS = 4000;

/**
 * Queries written from one section (the passage) of a document each, with paraphrase-level overlap: some of the
 * passage's aspect words, some replaced by synonyms the passage never uses, sometimes a sub-topic or topic word, and
 * usually what makes the passage specific: its component or one of its details (an error code or setting name,
 * shared by a few documents). About half come
 * from long multi-topic runbooks, where the passage is a small part of the text.
 */
export function buildQueries(plan: DocumentPlan): DocumentQuery[] {
  const n = plan.options.queryCount;
  if (n === 0) return [];
  const r = plan.options.random(plan.options.seed, QUERY_STREAM);
  const all: number[] = [];
  const long: number[] = [];
  const foreign: number[] = [];
  for (let i = 0; i < plan.options.docs; i++) {
    const kind = kindOf(plan, i);
    // the passage's document must be the only one holding it: never a near duplicate or a copied document
    if (plan.copied[i] === 1 || (kind !== undefined && kind !== 'long-text' && kind !== 'mixed-script')) continue;
    if (aspectsOf(plan, i).length === 0) continue;
    all.push(i);
    if (plan.docType[i] === 1 || kind === 'long-text') long.push(i);
    if (plan.lang[i] !== 0 || kind === 'mixed-script') foreign.push(i);
  }
  const used = new Set<number>();
  const take = (pool: number[]): number | undefined => {
    for (let tries = 0; tries < 32; tries++) {
      const i = pool[randomInt(r, pool.length)];
      if (i !== undefined && !used.has(i)) return i;
    }
    return pool.find((i) => !used.has(i)) ?? all.find((i) => !used.has(i));
  };
  const out: DocumentQuery[] = [];
  const rare = plan.rareDocs.filter((i) => all.includes(i));
  for (let q = 0; q < n; q++) {
    const u = r.next();
    const doc = q === 0 && rare.length > 0 ? rare[0] : take(u < 0.45 ? long : u < 0.6 ? foreign : all);
    if (doc === undefined) break;
    used.add(doc);
    out.push(queryFor(plan, r, doc, `dq-${String(q + 1).padStart(4, '0')}`));
  }
  return out;
}

function queryFor(plan: DocumentPlan, r: Random, i: number, id: string): DocumentQuery {
  const doc = buildDocument(plan, i);
  const section = doc.sections[randomInt(r, doc.sections.length)] as SynthDocument['sections'][number];
  const ref = ASPECTS[section.aspect] as AspectRef;
  const short = r.next() < 0.2;
  // only words the passage really uses (a frame names two of the aspect's words, so a section may miss some)
  const words = section.words;
  const first = randomInt(r, words.length);
  const aspectWords = [paraphrase(r, words[first] as string)];
  if (!short) aspectWords.push(paraphrase(r, words[(first + 1 + randomInt(r, words.length - 1)) % words.length] as string));
  // what makes the passage specific: its component (whole, or the code name alone) or one of its details
  const [codeName, noun] = section.component.split(' ') as [string, string];
  const u = r.next();
  const specific = u < 0.6 ? [codeName, noun] : u < 0.75 ? [codeName] : u < 0.9 && section.details.length > 0 ? [pick(r, section.details)] : [];
  let terms: string[];
  if (short) terms = [...aspectWords, ...(specific.length > 0 ? specific.slice(0, 1) : [pick(r, ref.subtopic.words)])];
  else {
    terms = [...aspectWords, ...specific];
    if (r.next() < 0.4) terms.unshift(pick(r, ref.subtopic.words));
    if (r.next() < 0.2) terms.push(pick(r, ref.topic.words));
  }
  const frames = PHRASES[doc.lang].queries;
  const text = short ? terms.join(' ') : pick(r, frames).replace('{x}', terms.join(' '));
  const relevant: Record<string, number> = { [doc.id]: 2 };
  for (const j of plan.docsByAspect[section.aspect] ?? []) if (j !== i) relevant[docId(plan, j)] = 1;
  const tags: string[] = [];
  if (doc.text.length > LONG_DOC_CHARS) tags.push('long-doc');
  if (doc.lang !== 'en' || doc.kind === 'mixed-script') tags.push('multilingual');
  if (short) tags.push('short-query');
  if (plan.rareDocs.includes(i)) tags.push('rare-stratum');
  if (doc.kind !== undefined) tags.push('edge-case');
  return { id, text, relevant, tags };
}

/** the word itself or, half the time when it has one, a synonym the passage does not use */
function paraphrase(r: Random, word: string): string {
  const alt = SYNONYMS[word];
  return alt !== undefined && r.next() < 0.5 ? pick(r, alt) : word;
}

function pick<T>(r: Random, list: readonly T[]): T {
  return list[randomInt(r, list.length)] as T;
}

export function queryLine(q: DocumentQuery): string {
  return `${JSON.stringify({ id: q.id, text: q.text, relevant: q.relevant, tags: q.tags })}\n`;
}
