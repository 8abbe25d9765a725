import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rewriteImportMeta } from '../../bin/import-meta.js';

const FILE = '/pkg/src/report/html/page.ts';

test('import.meta.url, .filename and .dirname become literals of the original file', () => {
  const out = rewriteImportMeta("readFileSync(new URL('./client.js', import.meta.url)); f(import.meta.filename, import.meta.dirname);", FILE);
  assert.is(out, 'readFileSync(new URL(\'./client.js\', "file:///pkg/src/report/html/page.ts")); f("/pkg/src/report/html/page.ts", "/pkg/src/report/html");');
});

test('a relative import.meta.resolve becomes URL resolution against the original file; a bare one is kept', () => {
  const out = rewriteImportMeta("a = import.meta.resolve('../x.js'); b = import.meta.resolve(\"./y.js\"); c = import.meta.resolve('chromadb');", FILE);
  assert.is(out, 'a = new URL("../x.js", "file:///pkg/src/report/html/page.ts").href; b = new URL("./y.js", "file:///pkg/src/report/html/page.ts").href; c = import.meta.resolve(\'chromadb\');');
  assert.is(eval(out.slice(4, out.indexOf(';'))), 'file:///pkg/src/report/x.js');
});

test('a file URL is escaped like a URL (spaces, non-ASCII)', () => {
  assert.is(rewriteImportMeta('import.meta.url', '/a b/ü.ts'), '"file:///a%20b/%C3%BC.ts"');
});

test('other uses of import.meta fail, naming the file and line; comments do not', () => {
  assert.throws(() => rewriteImportMeta('const x = 1;\nconst m = import.meta;', FILE), /page\.ts:2: cannot bundle/);
  assert.throws(() => rewriteImportMeta('import.meta.resolve(spec)', FILE), /cannot bundle/);
  assert.throws(() => rewriteImportMeta("import.meta.resolve('#internal')", FILE), /cannot bundle/);
  assert.not.throws(() => rewriteImportMeta('// import.meta is bound per file\n/* import.meta */\n * import.meta\n', FILE));
});

test.run();
