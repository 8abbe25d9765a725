import { invalid } from '../../errors.js';
import { validateFilter } from '../filter.js';
import type { MetadataFilter } from '../types.js';

/**
 * The shared filter check, plus Pinecone's narrower operands: $in and $nin take strings or numbers only
 * (Pinecone's filter docs), so a boolean inside them is refused here rather than by the server.
 */
export function pineconeFilter(filter: unknown, where = 'filter'): MetadataFilter {
  const f = validateFilter(filter, where);
  walk(f, where);
  return f;
}

function walk(node: Record<string, unknown>, path: string): void {
  for (const [key, cond] of Object.entries(node)) {
    if (key === '$and' || key === '$or') {
      (cond as Record<string, unknown>[]).forEach((sub, i) => walk(sub, `${path}.${key}[${i}]`));
    } else if (typeof cond === 'object' && cond !== null) {
      for (const op of ['$in', '$nin']) {
        const operand = (cond as Record<string, unknown>)[op];
        if (Array.isArray(operand) && operand.some((v) => typeof v === 'boolean')) {
          throw invalid('filter', operand, `${op} takes strings or numbers on Pinecone`, `${path}.${key}.${op}`);
        }
      }
    }
  }
}
