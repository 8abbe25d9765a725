import { randomInt, type Random } from '../random.js';
import { BLANK_TEXTS, CODE_NAMES, COMPONENT_NOUNS, MIXED_SCRIPT_LINES, PHRASES, SHORT_TEXTS, type LanguagePhrases } from './phrases.js';
import { aspectsOf, docId, docRandom, kindOf, type DocumentPlan } from './plan.js';
import { ASPECTS, type AspectRef } from './topics.js';
import { DOC_LANGS, DOC_TYPES, type DocLang, type DocType, type DocumentEdgeKind } from './vocab.js';

/** One section about one aspect: where it lies in the text, its component and the details (codes, settings) it mentions. */
export interface DocumentSection {
  aspect: number;
  start: number;
  end: number;
  /** `<code name> <noun>`, e.g. "orion gateway" */
  component: string;
  /** the details the section's text mentions */
  details: string[];
  /** the aspect's words the section's text uses, in the aspect's order */
  words: string[];
}

export interface SynthDocument {
  id: string;
  text: string;
  tenant: string;
  lang: DocLang;
  docType: DocType;
  kind: DocumentEdgeKind | undefined;
  /** aspect sections in text order (a near duplicate reports its source's, offsets included, as approximate) */
  sections: DocumentSection[];
}

const SETTING_SUFFIXES = ['Enabled', 'Seconds', 'Limit', 'Mode', 'Count', 'Policy'];
/** error codes per aspect: a small pool, so a code points at a few documents, not at one */
const CODES_PER_ASPECT = 12;

/** Document i: a pure function of (plan, i). */
export function buildDocument(plan: DocumentPlan, i: number): SynthDocument {
  const kind = kindOf(plan, i);
  const src = plan.source[i] as number;
  const base = src >= 0 ? buildDocument(plan, src) : undefined;
  const lang = DOC_LANGS[plan.lang[i] as number] as DocLang;
  const docType = DOC_TYPES[plan.docType[i] as number] as DocType;
  const doc: SynthDocument = { id: docId(plan, i), text: '', tenant: plan.tenantNames[plan.tenant[i] as number] as string, lang, docType, kind, sections: [] };
  const r = docRandom(plan, i, 0);
  if (base !== undefined) {
    doc.text = nearCopy(docRandom(plan, i, 1), base.text);
    doc.sections = base.sections;
  } else if (kind === 'empty-text') doc.text = BLANK_TEXTS[randomInt(r, BLANK_TEXTS.length)] as string;
  else if (kind === 'short-text') doc.text = SHORT_TEXTS[randomInt(r, SHORT_TEXTS.length)] as string;
  else {
    const out = new TextBuilder();
    compose(r, out, PHRASES[lang], docType, aspectsOf(plan, i), kind === 'mixed-script');
    doc.text = out.text();
    doc.sections = out.sections;
  }
  return doc;
}

class TextBuilder {
  private parts: string[] = [];
  length = 0;
  sections: DocumentSection[] = [];
  push(s: string): void {
    this.parts.push(s);
    this.length += s.length;
  }
  text(): string {
    return this.parts.join('').trimEnd();
  }
}

function compose(r: Random, out: TextBuilder, p: LanguagePhrases, type: DocType, aspects: Int16Array, mixed: boolean): void {
  const first = ASPECTS[aspects[0] as number] as AspectRef;
  const topicName = first.topic.name;
  const title = type === 'runbook' ? p.runbookTitle : type === 'faq' ? p.faqTitle : `{T}: ${first.aspect.heading}`;
  out.push(`# ${title.replace('{T}', topicName)}${mixed ? ` ${pick(r, MIXED_SCRIPT_LINES)}` : ''}\n\n`);
  out.push(`${distinct(r, p.generic, 2).map((f) => fill(f, first, r, [])).join(' ')}\n\n`);
  if (type !== 'faq' && r.next() < 0.5) genericSection(r, out, p, first);
  aspects.forEach((a, k) => {
    const ref = ASPECTS[a] as AspectRef;
    const details = [errorCode(r, a), setting(r, ref), `INC-${10000 + randomInt(r, 90000)}`];
    const component = `${pick(r, CODE_NAMES)} ${pick(r, COMPONENT_NOUNS)}`;
    const start = out.length;
    const mentioned = new Set<string>();
    const used = new Set<string>();
    // the first sentence of a section always names its component, so a query naming it can find the passage
    let said = 0;
    const say = () => fill(pick(r, said++ === 0 ? p.componentFrames : p.aspect), ref, r, details, component, mentioned, used);
    if (type === 'faq') {
      out.push(`Q: ${fill(p.question, ref, r, details, component, mentioned, used)}\nA: ${sentences(2 + randomInt(r, 2), say)}\n\n`);
    } else if (type === 'runbook') {
      out.push(`## ${k + 1}. ${ref.aspect.heading} (${ref.subtopic.name})\n\n`);
      const steps = 4 + randomInt(r, 3);
      for (let s = 1; s <= steps; s++) out.push(`${s}. ${say()}\n`);
      out.push('\n');
    } else {
      out.push(`## ${ref.aspect.heading}\n\n`);
      const paragraphs = 1 + randomInt(r, 2);
      for (let q = 0; q < paragraphs; q++) out.push(`${sentences(3 + randomInt(r, 2), say)}\n\n`);
    }
    out.sections.push({ aspect: a, start, end: out.length, component, details: details.filter((d) => mentioned.has(d)), words: ref.aspect.words.filter((w) => used.has(w)) });
    if (mixed) out.push(`${pick(r, MIXED_SCRIPT_LINES)} ${pick(r, MIXED_SCRIPT_LINES)}\n\n`);
    if (type === 'runbook' && r.next() < 0.25) genericSection(r, out, p, ref);
  });
  if (type !== 'faq' && r.next() < 0.5) genericSection(r, out, p, first);
}

function genericSection(r: Random, out: TextBuilder, p: LanguagePhrases, ref: AspectRef): void {
  const said = distinct(r, p.generic, 2 + randomInt(r, 2)).map((f) => fill(f, ref, r, []));
  out.push(`## ${pick(r, p.genericHeadings)}\n\n${said.join(' ')}\n\n`);
}

function sentences(count: number, say: () => string): string {
  const s: string[] = [];
  for (let k = 0; k < count; k++) s.push(say());
  return s.join(' ');
}

/** Fills a frame: two distinct aspect words, a sub-topic word, a detail, the component, the topic name. */
function fill(frame: string, ref: AspectRef, r: Random, details: readonly string[], component = '', mentioned?: Set<string>, used?: Set<string>): string {
  const words = ref.aspect.words;
  const a = randomInt(r, words.length);
  const b = (a + 1 + randomInt(r, words.length - 1)) % words.length;
  const detail = details.length > 0 ? pick(r, details) : '';
  if (frame.includes('{d}')) mentioned?.add(detail);
  if (frame.includes('{a}')) used?.add(words[a] as string);
  if (frame.includes('{b}')) used?.add(words[b] as string);
  return frame
    .replace('{a}', words[a] as string)
    .replace('{b}', words[b] as string)
    .replace('{s}', pick(r, ref.subtopic.words))
    .replace('{d}', detail)
    .replace('{e}', component)
    .replace('{T}', ref.topic.name);
}

function errorCode(r: Random, aspect: number): string {
  return `E${1000 + ((aspect * 7919 + randomInt(r, CODES_PER_ASPECT) * 104729) % 9000)}`;
}

/** a camelCase setting name from the aspect's words, one word token to the hashing embedder */
function setting(r: Random, ref: AspectRef): string {
  const w = ref.aspect.words;
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return `${pick(r, w)}${cap(pick(r, w))}${pick(r, SETTING_SUFFIXES)}`;
}

/** A near duplicate: the same text with one word changed and a review line appended. */
function nearCopy(r: Random, text: string): string {
  const from = randomInt(r, Math.max(1, text.length >> 1));
  const at = text.indexOf(' the ', from);
  const edited = at < 0 ? text : `${text.slice(0, at)} this ${text.slice(at + 5)}`;
  const day = 1 + randomInt(r, 28);
  return `${edited}\n\nLast reviewed: 2024-0${1 + randomInt(r, 9)}-${String(day).padStart(2, '0')}.`;
}

/** `count` different entries (all of them when the list is shorter), in random order */
function distinct(r: Random, list: readonly string[], count: number): string[] {
  const left = [...list];
  const out: string[] = [];
  while (out.length < count && left.length > 0) out.push(left.splice(randomInt(r, left.length), 1)[0] as string);
  return out;
}

function pick<T>(r: Random, list: readonly T[]): T {
  return list[randomInt(r, list.length)] as T;
}
