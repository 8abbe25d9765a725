import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toChromaWhere } from '../../../src/backends/chroma/filter.js';
import { VecstageError } from '../../../src/errors.js';

test('no filter and an empty filter mean no where clause', () => {
  assert.is(toChromaWhere(undefined), undefined);
  assert.is(toChromaWhere({}), undefined);
});

test('a single field passes through unchanged', () => {
  assert.equal(toChromaWhere({ tenant: 'acme' }), { tenant: 'acme' });
  assert.equal(toChromaWhere({ year: { $gte: 2020 } }), { year: { $gte: 2020 } });
});

test('several top-level fields are wrapped in $and (Chroma allows one key per object)', () => {
  assert.equal(toChromaWhere({ tenant: 'acme', lang: 'de' }), { $and: [{ tenant: 'acme' }, { lang: 'de' }] });
});

test('several operators on one field become separate $and clauses', () => {
  assert.equal(toChromaWhere({ year: { $gte: 2017, $lte: 2019 } }), { $and: [{ year: { $gte: 2017 } }, { year: { $lte: 2019 } }] });
});

test('a one-clause $and/$or is unwrapped; nested logic is translated recursively', () => {
  assert.equal(toChromaWhere({ $and: [{ lang: 'en' }] }), { lang: 'en' });
  assert.equal(toChromaWhere({ $or: [{ tenant: 'a', lang: 'en' }, { flag: true }] }), {
    $or: [{ $and: [{ tenant: 'a' }, { lang: 'en' }] }, { flag: true }],
  });
  assert.equal(toChromaWhere({ tenant: 'a', $or: [{ x: 1 }, { y: 2 }] }), { $and: [{ tenant: 'a' }, { $or: [{ x: 1 }, { y: 2 }] }] });
});

test('bad filters are INPUT errors naming the path and the allowed forms', () => {
  const cases: [unknown, RegExp][] = [
    [{ year: { $between: [1, 2] } }, /invalid filter\.year operator: "\$between".*allowed: \$eq \$ne/],
    [{ $not: { a: 1 } }, /invalid filter operator: "\$not"/],
    [{ tags: { $in: [] } }, /invalid filter\.tags\.\$in: \[\].*non-empty array/],
    [{ a: null }, /invalid filter\.a: null/],
    [{ $or: [] }, /invalid filter\.\$or: \[\]/],
    [{ $and: [{}] }, /invalid filter\.\$and\[0\]/],
  ];
  for (const [filter, message] of cases) {
    try {
      toChromaWhere(filter as Record<string, unknown>);
      assert.unreachable(`accepted ${JSON.stringify(filter)}`);
    } catch (err) {
      assert.instance(err, VecstageError);
      assert.is((err as VecstageError).code, 'INPUT');
      assert.match((err as Error).message, message);
    }
  }
});

test.run();
