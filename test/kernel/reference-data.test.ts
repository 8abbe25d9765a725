/**
 * The kernel against published exact ground truth (../shared/data): siftsmall (L2, integer data with exact
 * ties: compared by distance per rank, as its README prescribes) and fmnistsmall (L2, no ties: ids must match).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { exactTopK } from '../../src/kernel/index.js';
import { SHARED_DATA, readFvecs, readIvecs, sharedDataMissing, squaredL2 } from '../helpers/reference-data.js';
import { availableKernels } from './kernels.js';

const KERNELS = availableKernels('reference-data');

for (const kernel of KERNELS) {
  const siftMissing = sharedDataMissing('siftsmall');
  if (siftMissing) {
    test.skip(`${kernel} siftsmall (skipped: ${siftMissing})`, () => undefined);
    console.log(`  siftsmall skipped: ${siftMissing}`);
  } else {
    test(`${kernel} siftsmall: l2 top-100 distances equal the ground truth's per rank`, () => {
      const base = readFvecs(`${SHARED_DATA}siftsmall/siftsmall_base.fvecs`);
      const queries = readFvecs(`${SHARED_DATA}siftsmall/siftsmall_query.fvecs`);
      const truth = readIvecs(`${SHARED_DATA}siftsmall/siftsmall_groundtruth.ivecs`);
      const k = truth.dim;
      const got = exactTopK(base.data, base.n, base.dim, queries.data, queries.n, k, 'l2', { kernel });
      let idMismatches = 0;
      for (let q = 0; q < queries.n; q++) {
        for (let r = 0; r < k; r++) {
          const want = squaredL2(queries.data, q * base.dim, base.data, truth.data[q * k + r]! * base.dim, base.dim);
          const id = got.indices[q * k + r]!;
          assert.is(got.distances[q * k + r], want, `query ${q} rank ${r}: distance`);
          assert.is(squaredL2(queries.data, q * base.dim, base.data, id * base.dim, base.dim), want, `query ${q} rank ${r}: row ${id}'s own distance`);
          if (id !== truth.data[q * k + r]) idMismatches++;
        }
        // equal distances are ordered by row index
        for (let r = 1; r < k; r++) {
          if (got.distances[q * k + r] === got.distances[q * k + r - 1]) assert.ok(got.indices[q * k + r]! > got.indices[q * k + r - 1]!, `query ${q} rank ${r}: tie order`);
        }
      }
      // README: 18 published ids differ from a stable sort, all inside tie groups
      assert.is(idMismatches, 18, 'ids that differ from the published ones (all at tied ranks)');
    });
  }

  const fmnistMissing = sharedDataMissing('fmnistsmall');
  if (fmnistMissing) {
    test.skip(`${kernel} fmnistsmall (skipped: ${fmnistMissing})`, () => undefined);
    console.log(`  fmnistsmall skipped: ${fmnistMissing}`);
  } else {
    test(`${kernel} fmnistsmall: l2 top-100 ids equal the ground truth exactly`, () => {
      const base = readFvecs(`${SHARED_DATA}fmnistsmall/fmnistsmall_base.fvecs`);
      const queries = readFvecs(`${SHARED_DATA}fmnistsmall/fmnistsmall_query.fvecs`);
      const truth = readIvecs(`${SHARED_DATA}fmnistsmall/fmnistsmall_groundtruth.ivecs`);
      const k = truth.dim;
      const got = exactTopK(base.data, base.n, base.dim, queries.data, queries.n, k, 'l2', { kernel });
      assert.equal(Array.from(got.indices), Array.from(truth.data));
      for (let i = 0; i < 5 * k; i++) {
        const q = Math.floor(i / k);
        const want = squaredL2(queries.data, q * base.dim, base.data, truth.data[i]! * base.dim, base.dim);
        assert.ok(Math.abs(got.distances[i]! - want) <= 1e-6 * want, `query ${q} rank ${i % k}: distance ${got.distances[i]} vs ${want}`);
      }
    });
  }
}

test.run();
