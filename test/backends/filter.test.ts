import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { matchesFilter, validateFilter } from '../../src/backends/filter.js';
import type { Metadata, MetadataFilter } from '../../src/backends/types.js';
import { VecstageError } from '../../src/errors.js';

const doc: Metadata = { tenant: 'acme', year: 2020, lang: 'de', draft: false, score: 0.5 };
// the second argument, when given (even undefined), replaces `doc`
const meta = (m: [Metadata?]): Metadata | undefined => (m.length ? m[0] : doc);
const yes = (f: MetadataFilter, ...m: [Metadata?]) => assert.ok(matchesFilter(validateFilter(f), meta(m)), JSON.stringify(f));
const no = (f: MetadataFilter, ...m: [Metadata?]) => assert.not.ok(matchesFilter(validateFilter(f), meta(m)), JSON.stringify(f));

test('bare values and $eq / $ne compare strictly', () => {
  yes({ tenant: 'acme' });
  yes({ draft: false });
  no({ year: '2020' });
  yes({ year: { $eq: 2020 } });
  no({ tenant: { $eq: 'globex' } });
  yes({ tenant: { $ne: 'globex' } });
  no({ tenant: { $ne: 'acme' } });
});

test('ranges take numbers and match only numeric values', () => {
  yes({ year: { $gt: 2019 } });
  no({ year: { $gt: 2020 } });
  yes({ year: { $gte: 2020 } });
  yes({ year: { $lt: 2021 } });
  no({ year: { $lt: 2020 } });
  yes({ year: { $lte: 2020, $gte: 2020 } });
  no({ year: { $gte: 2015, $lte: 2019 } });
  no({ tenant: { $gt: 0 } });
});

test('$in / $nin', () => {
  yes({ lang: { $in: ['de', 'fr'] } });
  no({ lang: { $in: ['en'] } });
  yes({ lang: { $nin: ['en', 'fr'] } });
  no({ lang: { $nin: ['de'] } });
  no({ year: { $in: ['2020'] } });
});

test('several keys are AND; $and / $or nest', () => {
  yes({ tenant: 'acme', lang: 'de' });
  no({ tenant: 'acme', lang: 'en' });
  yes({ $or: [{ tenant: 'globex' }, { year: { $gte: 2020 } }] });
  no({ $or: [{ tenant: 'globex' }, { year: { $lt: 2020 } }] });
  yes({ $and: [{ tenant: 'acme' }, { $or: [{ lang: 'en' }, { draft: false }] }] });
  no({ $and: [{ tenant: 'acme' }, { $or: [{ lang: 'en' }, { draft: true }] }] });
});

test('a missing field matches only $ne and $nin; missing metadata is an empty object', () => {
  no({ owner: 'x' });
  no({ owner: { $gt: 0 } });
  no({ owner: { $in: ['x'] } });
  yes({ owner: { $ne: 'x' } });
  yes({ owner: { $nin: ['x'] } });
  no({ tenant: 'acme' }, undefined);
  yes({ tenant: { $ne: 'acme' } }, undefined);
  yes({}, undefined);
});

test('invalid filters name the place and list what is allowed', () => {
  const cases: [unknown, RegExp][] = [
    [{ year: { $regex: 'x' } }, /invalid filter operator: "\$regex" \(filter\.year\.\$regex\); allowed: one of \$eq \$ne \$gt \$gte \$lt \$lte \$in \$nin/],
    [{ $not: { a: 1 } }, /invalid filter operator: "\$not".*allowed: .*\$and \$or/],
    [{ year: { $gt: '2020' } }, /\(filter\.year\.\$gt\); allowed: \$gt takes a finite number/],
    [{ lang: { $in: [] } }, /\$in takes a non-empty array/],
    [{ $and: {} }, /\(filter\.\$and\); allowed: \$and takes a non-empty array of filters/],
    [{ $or: [{ a: 1 }, 'b'] }, /\(filter\.\$or\[1\]\)/],
    [{ tags: ['a'] }, /\(filter\.tags\); allowed: a string, number or boolean/],
    [{ a: {} }, /\(filter\.a\)/],
    [[1], /invalid filter: \[1\] \(filter\)/],
    [{ a: { $eq: null } }, /\$eq takes a string, number or boolean/],
  ];
  for (const [f, re] of cases) {
    try {
      validateFilter(f);
      assert.unreachable(`expected ${re}`);
    } catch (err) {
      assert.instance(err, VecstageError);
      assert.is((err as VecstageError).code, 'INPUT');
      assert.match((err as Error).message, re);
    }
  }
});

test.run();
