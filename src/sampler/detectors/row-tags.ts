/** Row-local edge-case tags: a pure function of one valid row (and its embedding in the scratch buffer). */
import { hasMixedScripts, hasNonAscii, isEmptyText, isLongText, isShortText } from './text.js';
import { isMissingMetadata } from './metadata.js';
import { matchRule } from './rules.js';
import type { DetectorSettings, CustomRule } from '../spec/spec-types.js';
import type { ValidRow } from '../input/validate-row.js';

export interface RowTagContext {
  detectors: DetectorSettings;
  rules: CustomRule[];
  fixtureIds: Map<string, string[]>;
  /** false when the input has no text column (then no text detector fires) */
  hasText: boolean;
}

export function rowTags(row: ValidRow, isZero: boolean, ctx: RowTagContext): string[] {
  const on = ctx.detectors.enabled;
  const tags: string[] = [];
  if (ctx.hasText) {
    const text = row.text ?? '';
    if (on.empty_text && isEmptyText(text)) tags.push('empty_text');
    if (on.short_text && isShortText(text, ctx.detectors.shortTextMinChars)) tags.push('short_text');
    if (on.long_text && isLongText(text, ctx.detectors.longTextMaxChars)) tags.push('long_text');
    // mixed scripts need a non-ASCII character: one test for both tags
    const nonAscii = (on.non_ascii || on.mixed_scripts) && hasNonAscii(text);
    if (on.non_ascii && nonAscii) tags.push('non_ascii');
    if (on.mixed_scripts && nonAscii && hasMixedScripts(text)) tags.push('mixed_scripts');
  }
  if (on.zero_vector && isZero) tags.push('zero_vector');
  if (on.missing_metadata && isMissingMetadata(row.metadata)) tags.push('missing_metadata');
  for (const rule of ctx.rules) {
    if (tags.includes(rule.tag)) continue;
    const hit = matchRule(rule, (field) => (field === 'id' ? row.id : field === 'text' ? row.text : row.metadata?.[field]));
    if (hit) tags.push(rule.tag);
  }
  const fixture = ctx.fixtureIds.get(row.id);
  if (fixture) for (const t of fixture) if (!tags.includes(t)) tags.push(t);
  return tags;
}
