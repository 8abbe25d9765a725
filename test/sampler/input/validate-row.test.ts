/**
 * RowValidator's stratum names: `k=v` over the stratify-by keys, '(missing)' for an absent value, the same string
 * whether it was remembered or built (values of any type, past the remembered count), and isMissingMetadata on the
 * objects the validator builds.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EmbeddingParser } from '../../../src/sampler/input/embedding-parse.js';
import { RowValidator } from '../../../src/sampler/input/validate-row.js';
import { isMissingMetadata } from '../../../src/sampler/detectors/metadata.js';

const fields = ['id', 'embedding', 'meta'];
function validator(stratifyBy: string[]): RowValidator {
  return new RowValidator({ columns: { id: 'id', embedding: 'embedding', text: null, metadataJson: 'meta', metadata: [] }, stratifyBy, dimension: 2, headered: true, source: 'test' }, new EmbeddingParser());
}
function stratum(v: RowValidator, meta: unknown, line = 1): string {
  const r = v.validate({ line, fields, values: [`r${line}`, '[1,2]', JSON.stringify(meta)] });
  if (!r.ok) throw new Error(r.reject.detail);
  return r.row.stratum;
}

test('stratum names: values of every type, missing keys, repeated and new combinations', () => {
  const v = validator(['tenant', 'lang']);
  const cases: Array<[unknown, string]> = [
    [{ tenant: 'acme', lang: 'en' }, 'tenant=acme,lang=en'],
    [{ tenant: 'acme', lang: 'en', x: 1 }, 'tenant=acme,lang=en'],
    [{ lang: 'en' }, 'tenant=(missing),lang=en'],
    [{ tenant: 1, lang: true }, 'tenant=1,lang=true'],
    [{ tenant: '1', lang: 'true' }, 'tenant=1,lang=true'],
    [{ tenant: { nested: 1 }, lang: 'de' }, 'tenant={"nested":1},lang=de'],
    [{ tenant: null, lang: 'de' }, 'tenant=(missing),lang=de'],
    [{}, 'tenant=(missing),lang=(missing)'],
  ];
  for (const round of [0, 1]) for (const [meta, want] of cases) assert.is(stratum(v, meta), want, `round ${round}: ${JSON.stringify(meta)}`);
  assert.is(stratum(validator([]), { tenant: 'a' }), 'all');
  assert.is(stratum(validator(['lang']), { lang: 'fr' }), 'lang=fr');
});

test('stratum names past the remembered count (a per-row stratify value) are still built right', () => {
  const v = validator(['user', 'lang']);
  for (let i = 0; i < 5000; i++) assert.is(stratum(v, { user: `u${i}`, lang: i % 2 ? 'en' : 'de' }, i + 1), `user=u${i},lang=${i % 2 ? 'en' : 'de'}`);
  assert.is(stratum(v, { user: 'u7', lang: 'en' }), 'user=u7,lang=en');
});

test('isMissingMetadata: null, empty, blank values, one real value', () => {
  assert.ok(isMissingMetadata(null));
  assert.ok(isMissingMetadata({}));
  assert.ok(isMissingMetadata({ a: '', b: '  ', c: null, d: undefined }));
  assert.not.ok(isMissingMetadata({ a: '', b: 0 }));
  assert.not.ok(isMissingMetadata({ a: false }));
  assert.not.ok(isMissingMetadata({ a: ' x ' }));
});

test.run();
