import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inShard, parseShard, shardOf } from '../../src/sampler/input/shard.js';
import { keyToUnit, selectionKey } from '../../src/sampler/select/hash.js';
import { readSample } from '../../src/arrow/index.js';
import { runCli } from '../helpers/cli.js';
import { buildProdCsv, writeCsv } from '../helpers/prod-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'vecstage-shard-'));
const data = buildProdCsv({ rows: 12_000, dim: 8, seed: 21 });
const csv = join(dir, 'prod.csv');
writeCsv(csv, data.header, data.lines);
const base = ['--fraction', '0.15', '--stratify-by', 'tenant,lang', '--seed', '7', '--json'];

test('parseShard: 1-based i/n; bad values name what is allowed', () => {
  assert.equal(parseShard('2/3'), { index: 2, count: 3 });
  assert.equal(parseShard(' 1 / 1 '), { index: 1, count: 1 });
  for (const bad of ['0/3', '4/3', '1/0', 'a/b', '1', '1/3/4', '-1/3', '1/65537']) {
    assert.throws(() => parseShard(bad), /invalid --shard: .*allowed: i\/n with 1 <= i <= n <= 65536/, bad);
  }
});

test('shardOf: uint64 of md5("shard:" id) mod n, + 1 (checked with BigInt); independent of the selection key', async () => {
  const { createHash } = await import('node:crypto');
  for (const n of [1, 2, 3, 7, 1000, 65536]) {
    for (const id of ['doc-1', 'doc-42', 'ü-ß', '']) {
      const d = createHash('md5').update(`shard:${id}`).digest();
      const want = Number(d.readBigUInt64BE(0) % BigInt(n)) + 1;
      assert.is(shardOf(id, n), want, `${id} mod ${n}`);
    }
  }
  // balanced, and the selection rate u < 0.15 is the same in every shard (independent hashes)
  const counts = [0, 0, 0];
  const kept = [0, 0, 0];
  for (let i = 0; i < 30_000; i++) {
    const id = `doc-${i}`;
    const s = shardOf(id, 3) - 1;
    counts[s]! += 1;
    const k = selectionKey('7', id);
    if (keyToUnit(k.hi, k.lo) < 0.15) kept[s]! += 1;
  }
  for (let s = 0; s < 3; s++) {
    assert.ok(Math.abs(counts[s]! - 10_000) < 400, `shard ${s + 1}: ${counts[s]}`);
    assert.ok(Math.abs(kept[s]! / counts[s]! - 0.15) < 0.015, `shard ${s + 1} rate ${kept[s]! / counts[s]!}`);
  }
  assert.ok(inShard('anything', { index: 1, count: 1 }));
});

test('3 shards merged == the single-machine bernoulli sample (ids, rejects, counts)', async () => {
  const wholeOut = join(dir, 'whole');
  const whole = await runCli(['sample', csv, '--out', wholeOut, '--mode', 'bernoulli', ...base], { cwd: dir });
  assert.is(whole.code, 0, whole.stderr);
  const wholeM = JSON.parse(readFileSync(join(wholeOut, 'manifest.json'), 'utf8'));
  const ids: string[] = [];
  const rejects: string[] = [];
  const sum = { rows_read: 0, rows_valid: 0, rows_rejected: 0, sample_rows: 0, outside: 0 };
  for (let i = 1; i <= 3; i++) {
    const out = join(dir, `shard-${i}`);
    const r = await runCli(['sample', csv, '--out', out, '--shard', `${i}/3`, ...base], { cwd: dir });
    assert.is(r.code, 0, r.stderr);
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    assert.is(m.mode, 'bernoulli');
    assert.equal({ index: m.shard.index, count: m.shard.count }, { index: i, count: 3 });
    assert.match(m.shard.hash, /md5\("shard:" id\)/);
    assert.is(m.counts.rows_read, m.counts.rows_valid + m.counts.rows_rejected);
    assert.is(m.counts.rows_read + m.shard.rowsOutside, data.lines.length);
    for (const k of ['rows_read', 'rows_valid', 'rows_rejected', 'sample_rows'] as const) sum[k] += m.counts[k];
    const sampleIds = (await readSample(out)).rows.map((row) => row.id);
    for (const id of sampleIds) assert.is(shardOf(id, 3), i, id);
    ids.push(...sampleIds);
    rejects.push(...readFileSync(join(out, 'rejects.jsonl'), 'utf8').split('\n').filter(Boolean));
    assert.is(JSON.parse(r.stdout).shard.index, i);
    const shown = await runCli(['inspect', out], { cwd: dir });
    assert.match(shown.stdout, new RegExp(`origin production, mode bernoulli, shard ${i}/3, seed 7`));
  }
  const wholeIds = (await readSample(wholeOut)).rows.map((row) => row.id).sort();
  assert.is(ids.length, new Set(ids).size, 'no id in two shards');
  assert.equal(ids.sort(), wholeIds);
  assert.equal(rejects.sort(), readFileSync(join(wholeOut, 'rejects.jsonl'), 'utf8').split('\n').filter(Boolean).sort());
  for (const k of ['rows_read', 'rows_valid', 'rows_rejected', 'sample_rows'] as const) assert.is(sum[k], wholeM.counts[k], k);
  assert.is(wholeM.shard, null);
});

test('--shard with --mode exact, or a malformed shard: exit 2', async () => {
  const r = await runCli(['sample', csv, '--out', join(dir, 'never'), '--shard', '1/3', '--mode', 'exact'], { cwd: dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, /"exact" with --shard 1\/3.*allowed: --mode bernoulli/);
  const bad = await runCli(['sample', csv, '--out', join(dir, 'never'), '--shard', '3/2'], { cwd: dir });
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /invalid --shard: "3\/2"/);
});

test.run();
