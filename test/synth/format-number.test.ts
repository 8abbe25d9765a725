import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatComponent, formatVector } from '../../src/synth/format-number.js';
import { ByteSink } from '../../src/synth/byte-sink.js';

test('fixed 7 decimals, both signs, exact strings', () => {
  assert.is(formatComponent(0), '0.0000000');
  assert.is(formatComponent(0.5), '0.5000000');
  assert.is(formatComponent(-0.0360155), '-0.0360155');
  assert.is(formatComponent(0.00000004), '0.0000000');
  assert.is(formatComponent(0.00000006), '0.0000001');
  assert.is(formatComponent(0.99999994), '0.9999999');
  assert.is(formatComponent(0.99999996), '1.0000000');
  assert.is(formatComponent(-1), '-1.0000000');
  assert.is(formatComponent(25.123), '25.1230000');
});

test('non-finite values print as Python json.dumps does', () => {
  assert.is(formatComponent(NaN), 'NaN');
  assert.is(formatComponent(Infinity), 'Infinity');
  assert.is(formatComponent(-Infinity), '-Infinity');
});

test('round trip within half a unit of the 7th decimal', () => {
  for (let k = 0; k < 10000; k++) {
    const x = Math.sin(k * 12.9898) * 1.3;
    const back = Number(formatComponent(x));
    assert.ok(Math.abs(back - x) <= 5.000001e-8, `${x} -> ${formatComponent(x)}`);
  }
});

test('a vector is a JSON array', () => {
  const s = formatVector(new Float32Array([0.25, -0.5, 0]));
  assert.is(s, '[0.2500000,-0.5000000,0.0000000]');
  assert.equal(JSON.parse(s), [0.25, -0.5, 0]);
});

test('ByteSink prints vectors byte-identical to formatVector, outliers and non-finite values included', () => {
  const v = new Float32Array(3000);
  for (let k = 0; k < v.length; k++) v[k] = Math.sin(k * 78.233) * (k % 97 === 0 ? 40 : 1);
  v.set([0, -0, NaN, Infinity, -Infinity, 0.99999996, -0.99999996, 1e-9, -1e-9], 0);
  const sink = new ByteSink(16);
  sink.vector(v);
  sink.vector(v.subarray(0, 1));
  assert.is(sink.toString(), formatVector(v) + formatVector(v.subarray(0, 1)));
});

test.run();
