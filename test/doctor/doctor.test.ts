import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

test('doctor reports every env: ok, missing credentials, unreachable server, unsealed prod; exit 1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vecstage-doctor-'));
  const port = await closedPort();
  writeFileSync(
    join(dir, 'vecstage.config.json'),
    JSON.stringify({
      embedding: { model: 'm', dimension: 8, metric: 'cosine' },
      environments: {
        dev: { backend: { kind: 'memory' }, index: 'docs' },
        staging: { backend: { kind: 'chroma', url: `http://127.0.0.1:${port}` }, index: 'docs' },
        prod: { backend: { kind: 'pinecone', apiKeyEnv: 'VECSTAGE_TEST_NO_SUCH_KEY' }, index: 'docs' },
        production2: { backend: { kind: 'memory' }, index: 'docs' },
      },
    }),
  );
  const r = await runCli(['doctor', '--json'], { cwd: dir, env: { VECSTAGE_TEST_NO_SUCH_KEY: '' } });
  assert.is(r.code, 1, r.stderr);
  const out = JSON.parse(r.stdout) as { ok: boolean; checks: Array<{ env: string; check: string; status: string; detail: string; fix: string | null }> };
  assert.is(out.ok, false);
  const find = (env: string, check: string) => out.checks.find((c) => c.env === env && c.check === check);
  assert.is(find('dev', 'connectivity')?.status, 'ok');
  assert.is(find('staging', 'connectivity')?.status, 'fail');
  assert.match(find('staging', 'connectivity')!.detail, String(port));
  assert.is(find('prod', 'credentials')?.status, 'fail');
  assert.match(find('prod', 'credentials')!.fix!, 'export VECSTAGE_TEST_NO_SUCH_KEY=');
  assert.is(find('production2', 'sealed')?.status, 'warn');
  const table = await runCli(['doctor'], { cwd: dir, env: { VECSTAGE_TEST_NO_SUCH_KEY: '' } });
  assert.match(table.stdout, 'fix: export VECSTAGE_TEST_NO_SUCH_KEY');
});

test('doctor passes on a healthy config', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vecstage-doctor-'));
  writeFileSync(join(dir, 'vecstage.config.json'), JSON.stringify({ environments: { dev: { backend: { kind: 'memory' }, index: 'docs' } } }));
  const r = await runCli(['doctor'], { cwd: dir });
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /dev\s+connectivity\s+OK/);
});

test.run();
