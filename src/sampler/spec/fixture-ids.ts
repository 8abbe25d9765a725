/** Analysts' fixture files (`{"id": "...", "tag": "..."}` per line): ids kept with certainty, with their tag. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { VecstageError } from '../../errors.js';

/** id -> tags. Patterns are files or `dir/*.jsonl`; a missing pattern folder is fine, a missing file is not. */
export function loadFixtureIds(patterns: string[], baseDir: string): { ids: Map<string, string[]>; files: string[] } {
  const ids = new Map<string, string[]>();
  const files: string[] = [];
  for (const pattern of patterns) {
    const abs = isAbsolute(pattern) ? pattern : resolve(baseDir, pattern);
    const name = basename(abs);
    if (name.includes('*')) {
      const dir = dirname(abs);
      if (!existsSync(dir)) continue;
      const re = new RegExp(`^${name.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
      for (const f of readdirSync(dir).filter((f) => re.test(f)).sort()) files.push(join(dir, f));
    } else if (!existsSync(abs)) {
      throw new VecstageError('INPUT', `fixture file not found: ${pattern} (spec "fixtures", relative to ${baseDir})`);
    } else files.push(abs);
  }
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((text, i) => {
      if (text.trim() === '') return;
      let row: unknown;
      try {
        row = JSON.parse(text);
      } catch (err) {
        throw new VecstageError('INPUT', `invalid JSON in ${basename(file)}:${i + 1}: ${(err as Error).message}`);
      }
      const r = row as { id?: unknown; tag?: unknown; tags?: unknown };
      if (r === null || typeof r !== 'object' || (typeof r.id !== 'string' && typeof r.id !== 'number')) {
        throw new VecstageError('INPUT', `${basename(file)}:${i + 1}: expected {"id": "...", "tag": "..."}`);
      }
      const tags = typeof r.tag === 'string' ? [r.tag] : Array.isArray(r.tags) ? r.tags.map(String) : ['fixture'];
      const id = String(r.id);
      const have = ids.get(id) ?? [];
      for (const t of tags) if (!have.includes(t)) have.push(t);
      ids.set(id, have);
    });
  }
  return { ids, files };
}
