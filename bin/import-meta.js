// Bundled code must keep the `import.meta` of the file it came from: src/ finds the native addon, client.js,
// package.json, fixtures and worker files relative to its own file, and a bundle lives elsewhere. This esbuild
// plugin rewrites, in every file under a root (src/), `import.meta.url` / `.filename` / `.dirname` to string
// literals of the original file, and `import.meta.resolve('./relative')` to `new URL('./relative', <url>).href`
// (what ESM resolution does for a relative specifier). `import.meta.resolve('bare')` is kept: the bundle lives
// inside the package's node_modules/.cache, so a bare specifier resolves to the same package from there. Any other
// use of `import.meta` fails the build (callers then fall back to tsx) instead of silently meaning the bundle.
import { readFile } from 'node:fs/promises';
import { dirname, extname, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const LOADERS = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.jsx': 'jsx' };
const RELATIVE_RESOLVE = /\bimport\.meta\.resolve\(\s*(['"])(\.{0,2}\/[^'"]*)\1\s*\)/g;
// what may be left after rewriting: a resolve of a bare specifier ('pkg', 'node:x'; not './x', '/x' or '#x')
const LEFT = /\bimport\.meta\b(?!\.resolve\(\s*['"][^'"./#])/g;

/** `code` of `file` with every `import.meta` use bound to that file; throws on a use it cannot keep. */
export function rewriteImportMeta(code, file) {
  const url = JSON.stringify(pathToFileURL(file).href);
  const out = code
    .replace(/\bimport\.meta\.url\b/g, url)
    .replace(/\bimport\.meta\.filename\b/g, JSON.stringify(file))
    .replace(/\bimport\.meta\.dirname\b/g, JSON.stringify(dirname(file)))
    .replace(RELATIVE_RESOLVE, (_, _q, spec) => `new URL(${JSON.stringify(spec)}, ${url}).href`);
  for (const m of out.matchAll(LEFT)) {
    const lineStart = out.lastIndexOf('\n', m.index) + 1;
    const before = out.slice(lineStart, m.index);
    if (before.includes('//') || /^\s*(\/\*|\*)/.test(before)) continue; // a comment
    const line = out.slice(0, m.index).split('\n').length;
    throw new Error(`${file}:${line}: cannot bundle this use of import.meta (allowed: .url, .filename, .dirname, .resolve('<literal>'))`);
  }
  return out;
}

/** The esbuild plugin: files under `root` that mention import.meta are loaded through rewriteImportMeta. */
export function importMetaPlugin(root) {
  const prefix = root.endsWith(sep) ? root : root + sep;
  return {
    name: 'vecstage-import-meta',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
        if (args.namespace !== 'file' || !args.path.startsWith(prefix)) return undefined;
        const code = await readFile(args.path, 'utf8');
        if (!code.includes('import.meta')) return undefined;
        return { contents: rewriteImportMeta(code, args.path), loader: LOADERS[extname(args.path)] ?? 'default', resolveDir: dirname(args.path) };
      });
    },
  };
}
