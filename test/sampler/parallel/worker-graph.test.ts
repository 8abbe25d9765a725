/**
 * What a CSV worker thread loads: the pass-1 range scan and the pass-2 chunk reader must not pull apache-arrow
 * into the worker (about 80 ms of start-up and 20 MB of resident memory per worker, measured; it once came in
 * through a single import of a marker class). Checked on the import graph esbuild resolves.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

async function packagesImportedBy(entry: string): Promise<string[]> {
  const out = await build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const imports = Object.values(out.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
  return [...new Set(imports)].sort();
}

for (const entry of ['../../../src/sampler/scan/csv-scan.ts', '../../../src/sampler/write/selected-chunk.ts']) {
  test(`${entry.split('/').pop()} does not import apache-arrow`, async () => {
    const pkgs = await packagesImportedBy(entry);
    assert.ok(pkgs.length > 0, 'the graph was resolved');
    assert.not.ok(pkgs.includes('apache-arrow'), `imports: ${pkgs.join(', ')}`);
  });
}

test('the Arrow range scan does (the check can tell)', async () => {
  assert.ok((await packagesImportedBy('../../../src/sampler/scan/arrow-scan.ts')).includes('apache-arrow'));
});

test.run();
