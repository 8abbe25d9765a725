import type { TrecEvalResult } from './evaluate-run.js';
import { COUNT_MEASURES } from './measures.js';

export interface FormatTrecOptions {
  /** print each query's lines before `all` (trec_eval -q). @default false */
  perQuery?: boolean;
  /** decimals of float values. @default 4, as trec_eval's %6.4f */
  precision?: number;
}

/** trec_eval's output: `measure<TAB>qid|all<TAB>value`, the measure name padded to 22 (printf "%-22s\t%s\t%6.4f"). */
export function formatTrecEval(result: TrecEvalResult, options: FormatTrecOptions = {}): string {
  const digits = options.precision ?? 4;
  const lines: string[] = [];
  const line = (name: string, qid: string, value: string): void => {
    lines.push(`${name.padEnd(22)}\t${qid}\t${value}`);
  };
  const value = (name: string, v: number): string => (COUNT_MEASURES.has(name) ? String(v) : formatFixed(v, digits).padStart(6));
  if (options.perQuery) {
    for (const q of result.queries) for (const [name, v] of Object.entries(q.values)) line(name, q.qid, value(name, v));
  }
  if (result.showRunId) line('runid', 'all', result.runId);
  for (const [name, v] of Object.entries(result.all)) line(name, 'all', value(name, v));
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/**
 * printf("%.Nf") as glibc does it: rounds the exact binary value, ties to even. Number#toFixed breaks exact ties
 * upward (0.03125 -> "0.0313" where C prints "0.0312"), and such ties do occur (1/32 is a possible measure value).
 */
export function formatFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 1e21) return x.toFixed(digits);
  const negative = x < 0 || Object.is(x, -0);
  // toFixed(100) is exact for the doubles measures produce (|x| >= 1e-30 or so): an exact tie at <= 15 digits is a
  // dyadic fraction with few digits, and a non-tie cannot look like one within 100 digits.
  const exact = Math.abs(x).toFixed(100);
  const [intPart = '0', frac = ''] = exact.split('.');
  let kept = intPart + frac.slice(0, digits);
  const next = frac.charCodeAt(digits) - 48;
  const rest = frac.slice(digits + 1);
  const lastKept = kept.charCodeAt(kept.length - 1) - 48;
  const roundUp = next > 5 || (next === 5 && (/[1-9]/.test(rest) || lastKept % 2 === 1));
  if (roundUp) kept = incrementDecimal(kept);
  const intLen = kept.length - digits;
  const text = digits > 0 ? `${kept.slice(0, intLen)}.${kept.slice(intLen)}` : kept;
  return negative ? `-${text}` : text;
}

function incrementDecimal(digits: string): string {
  const chars = digits.split('');
  for (let i = chars.length - 1; i >= 0; i--) {
    if (chars[i] === '9') chars[i] = '0';
    else {
      chars[i] = String(Number(chars[i]) + 1);
      return chars.join('');
    }
  }
  return `1${chars.join('')}`;
}
