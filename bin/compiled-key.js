// The compiled bundle's cache key: a hash of everything the bundle depends on, from metadata only (no file is
// read), so that checking a warm cache costs a few ms: the salt (Node and esbuild versions, the package's
// location, which the bundle embeds in its import.meta literals) and the relative path, size and mtimeMs of every
// file under the given paths (src/, the builder's own files, tsconfig.json).
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { relative } from 'node:path';

/** 20 hex digits of sha256 over `salt` and the files under `paths` (directories walked, missing paths noted). */
export function treeKey(salt, paths, base) {
  const lines = [];
  for (const p of paths) {
    const st = statSync(p, { throwIfNoEntry: false });
    if (st === undefined) lines.push(`${relative(base, p)}\0missing`);
    else if (st.isDirectory()) walk(p, relative(base, p), lines);
    else lines.push(`${relative(base, p)}\0${st.size}\0${st.mtimeMs}`);
  }
  lines.sort();
  return createHash('sha256').update(`${salt}\n${lines.join('\n')}`).digest('hex').slice(0, 20);
}

// Dirent types spare a stat per directory, and string concatenation a path.relative per file (~2x faster)
function walk(dir, rel, lines) {
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${d.name}`;
    if (d.isDirectory()) walk(path, `${rel}/${d.name}`, lines);
    else {
      const st = statSync(path);
      lines.push(`${rel}/${d.name}\0${st.size}\0${st.mtimeMs}`);
    }
  }
}
