import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { VecstageError } from '../errors.js';

/**
 * The tag vocabulary analysts agree on: fixtures/tags.json, `{ "tags": { "<tag>": "<what it means>", ... } }`.
 * Without the file any tag is allowed.
 */
export async function readVocabulary(path: string | undefined, projectDir: string): Promise<ReadonlySet<string> | undefined> {
  const p = path ?? join(projectDir, 'fixtures', 'tags.json');
  if (path === undefined && !existsSync(p)) return undefined;
  let obj: unknown;
  try {
    obj = JSON.parse(await readFile(p, 'utf8'));
  } catch (err) {
    throw new VecstageError('INPUT', `cannot read tag vocabulary ${p}: ${(err as Error).message}`);
  }
  const tags = (obj as { tags?: unknown })?.tags;
  if (!tags || typeof tags !== 'object' || Array.isArray(tags)) throw new VecstageError('INPUT', `invalid tag vocabulary ${p}; allowed: { "tags": { "<tag>": "<description>" } }`);
  return new Set(Object.keys(tags));
}
