import { randomInt, type Random } from './random.js';
import { BLANK_TEXTS, LANGS, MIXED_SCRIPT_PARTS, SHORT_TEXTS, WORDS, type Lang } from './vocab.js';

const OPENERS: Record<string, string> = {
  faq: 'Q: ', ticket: 'Ticket: ', article: '', manual: 'Step 1. ', chat: '> ', invoice: 'Invoice note: ',
};

/** an ordinary text: 6-40 words of the row's language, one script only (never newlines: one record per line) */
export function cleanText(r: Random, lang: number, docType: string): string {
  const l = (LANGS[lang] ?? 'en') as Lang;
  const words = WORDS[l];
  const count = 6 + randomInt(r, 35);
  const picked: string[] = [];
  for (let k = 0; k < count; k++) picked.push(words[randomInt(r, words.length)] as string);
  const body = l === 'ja' ? `${picked.join('')}。` : `${picked.join(' ')}.`;
  return (OPENERS[docType] ?? '') + body.charAt(0).toUpperCase() + body.slice(1);
}

export function blankText(r: Random): string {
  return BLANK_TEXTS[randomInt(r, BLANK_TEXTS.length)] as string;
}

export function shortText(r: Random): string {
  return SHORT_TEXTS[randomInt(r, SHORT_TEXTS.length)] as string;
}

/** at least `chars` characters of ordinary sentences */
export function longText(r: Random, lang: number, docType: string, chars: number): string {
  const parts: string[] = [];
  let len = 0;
  while (len < chars) {
    const s = cleanText(r, lang, docType);
    parts.push(s);
    len += s.length + 1;
  }
  return parts.join(' ');
}

/** Latin, Han and Cyrillic always, then more fragments from other scripts and emoji */
export function mixedScriptText(r: Random): string {
  const parts: string[] = [MIXED_SCRIPT_PARTS[0], MIXED_SCRIPT_PARTS[1], MIXED_SCRIPT_PARTS[2]];
  const more = 2 + randomInt(r, 5);
  for (let k = 0; k < more; k++) parts.push(MIXED_SCRIPT_PARTS[randomInt(r, MIXED_SCRIPT_PARTS.length)] as string);
  return parts.join(' ');
}
