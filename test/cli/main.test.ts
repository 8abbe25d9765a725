import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';

test('no command prints help and exits 2', async () => {
  const r = await runCli([]);
  assert.is(r.code, 2);
  assert.match(r.stdout, 'usage: vecstage <command>');
});

test('unknown command names the allowed ones', async () => {
  const r = await runCli(['smaple']);
  assert.is(r.code, 2);
  assert.match(r.stderr, 'unknown command: "smaple"; allowed: ');
  assert.is(r.stderr.trim().split('\n').length, 1);
});

test('--version prints the package version', async () => {
  const r = await runCli(['--version']);
  assert.is(r.code, 0);
  assert.match(r.stdout, /^\d+\.\d+\.\d+/);
});

test.run();
