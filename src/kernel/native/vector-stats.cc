// vectorStats(layout|null, values, offset, rows, dim, norm, flags, vhHi, vhLo, sigs): for `rows` vectors stored
// back to back from values[offset], the L2 norm (float64, summed in index order), flags (1: all zero, 2: a NaN or
// infinity), the 64-bit vector hash and the 256-bit SRP signature of src/sampler/detectors/{vector,
// near-duplicate}.ts, bit for bit (same additions in the same order; built with -ffp-contract=off, so no fused
// multiply-add changes a rounding). srpLayout(index, pos, neg, bit, dim) copies a projector's grouped layout for
// it. test/kernel/sampler-native.test.ts.
#include <node_api.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#if defined(__AVX512F__)
#include <immintrin.h>
#endif

#include "napi-args.h"
#include "sampler-kernels.h"

namespace vecstage_sampler {
namespace {

constexpr int kGroup = 8;  // planes summed side by side

struct Layout {
  size_t dim = 0;
  std::vector<int32_t> index, pos, neg, bit;
};

inline uint32_t Imul(uint32_t a, uint32_t b) { return a * b; }

void Stats(const Layout* layout, const float* v, size_t dim, double* norm, uint8_t* flags, uint32_t* hi,
           uint32_t* lo, uint32_t* sig, std::vector<double>& scratch) {
  bool zero = true;
  double s = 0, bad = 0;
  for (size_t i = 0; i < dim; ++i) {
    const double x = v[i];
    if (v[i] != 0) zero = false;
    s += x * x;
    bad += x - x;  // NaN exactly when some value is NaN or infinite
  }
  // NaN payloads follow operand order, which differs from V8's: a NaN norm is stored as the canonical NaN
  *norm = std::isnan(s) ? std::numeric_limits<double>::quiet_NaN() : std::sqrt(s);
  *flags = static_cast<uint8_t>((zero ? 1 : 0) | (bad == 0 ? 0 : 2));
  uint32_t bits;
  uint32_t h1 = 0x811c9dc5u ^ static_cast<uint32_t>(dim);
  uint32_t h2 = 0x9747b28cu ^ static_cast<uint32_t>(dim);
  for (size_t i = 0; i < dim; ++i) {
    std::memcpy(&bits, v + i, 4);
    h1 = Imul(h1 ^ bits, 0x01000193u);
    h1 ^= h1 >> 15;
    h2 = Imul(h2 ^ bits, 0x5bd1e995u);
    h2 ^= h2 >> 13;
  }
  h1 = Imul(h1 ^ (h1 >> 16), 0x85ebca6bu);
  h2 = Imul(h2 ^ (h2 >> 16), 0xc2b2ae35u);
  *hi = h1;
  *lo = h2 ^ (h2 >> 13);
  for (int w = 0; w < kWords; ++w) sig[w] = 0;
  if (layout == nullptr || zero) return;
  double* d = scratch.data();
  for (size_t i = 0; i < dim; ++i) d[i] = v[i];
  d[dim] = 0;
  const int32_t* index = layout->index.data();
  size_t k = 0;
  const size_t groups = layout->pos.size();
  for (size_t g = 0; g < groups; ++g) {
    // one accumulator per plane, each adding its plane's values in the JS loop's order (named scalars: gathers
    // and an accumulator array measured 1.5-2.5x slower on this machine)
    double a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
    for (const size_t e = k + kGroup * static_cast<size_t>(layout->pos[g]); k < e; k += kGroup) {
      const int32_t* x = index + k;
      a0 += d[x[0]], a1 += d[x[1]], a2 += d[x[2]], a3 += d[x[3]], a4 += d[x[4]], a5 += d[x[5]], a6 += d[x[6]], a7 += d[x[7]];
    }
    for (const size_t e = k + kGroup * static_cast<size_t>(layout->neg[g]); k < e; k += kGroup) {
      const int32_t* x = index + k;
      a0 -= d[x[0]], a1 -= d[x[1]], a2 -= d[x[2]], a3 -= d[x[3]], a4 -= d[x[4]], a5 -= d[x[5]], a6 -= d[x[6]], a7 -= d[x[7]];
    }
    const double acc[kGroup] = {a0, a1, a2, a3, a4, a5, a6, a7};
    for (int j = 0; j < kGroup; ++j) {
      if (acc[j] > 0) {
        const int32_t p = layout->bit[g * kGroup + j];
        sig[p >> 5] |= 1u << (p & 31);
      }
    }
  }
}


#if defined(__AVX512F__)
// Stats() for 8 vectors at once, one per 64-bit lane. The vectors are transposed 8 elements at a time in
// registers (an 8x8 float transpose), so every step is one 8-lane operation on element i of the 8 rows. For the
// signature's random access the transposed floats are kept in `tf` (element i of row j at tf[i * 8 + j], plus
// a 0 at i = dim for the layout's padding), widened to doubles as they are loaded: 24 KB at 768 dimensions, in
// the L1 cache (measured on this machine: 8 lanes of doubles, 48 KB, 1.25x slower; two 4-row halves of doubles
// with 4-lane additions, 1.4x slower). Each lane performs exactly Stats()'s operations on its row, in the same
// order (separate multiply and add: this file is built with -ffp-contract=off), so the results are bit-identical.
struct Lanes {
  __m512d s = _mm512_setzero_pd(), bad = _mm512_setzero_pd();
  __mmask8 nonzero = 0;
  // lanes 0-7: h1 of rows 0-7; lanes 8-15: h2
  __m512i h;
  __m512i mul, shift;
  explicit Lanes(size_t dim)
      : h(_mm512_inserti64x4(_mm512_castsi256_si512(_mm256_set1_epi32(static_cast<int>(0x811c9dc5u ^ static_cast<uint32_t>(dim)))),
                             _mm256_set1_epi32(static_cast<int>(0x9747b28cu ^ static_cast<uint32_t>(dim))), 1)),
        mul(_mm512_inserti64x4(_mm512_castsi256_si512(_mm256_set1_epi32(0x01000193)), _mm256_set1_epi32(0x5bd1e995), 1)),
        shift(_mm512_inserti64x4(_mm512_castsi256_si512(_mm256_set1_epi32(15)), _mm256_set1_epi32(13), 1)) {}
  // element i of the 8 rows, kept at tf
  inline void Step(__m256 col, float* tf) {
    _mm256_store_ps(tf, col);
    const __m512d x = _mm512_cvtps_pd(col);
    nonzero |= _mm512_cmp_pd_mask(x, _mm512_setzero_pd(), _CMP_NEQ_UQ);
    s = _mm512_add_pd(s, _mm512_mul_pd(x, x));
    bad = _mm512_add_pd(bad, _mm512_sub_pd(x, x));
    const __m256i w = _mm256_castps_si256(col);
    h = _mm512_mullo_epi32(_mm512_xor_si512(h, _mm512_inserti64x4(_mm512_castsi256_si512(w), w, 1)), mul);
    h = _mm512_xor_si512(h, _mm512_srlv_epi32(h, shift));
  }
};

// The signature bits of the 8 rows whose elements are at tf (element i of row j at tf[i * 8 + j]).
void Signature8(const Layout* layout, const float* tf, uint32_t* sig) {
  const int32_t* index = layout->index.data();
  const __m512d zero = _mm512_setzero_pd();
  auto at = [&](size_t q) { return _mm512_cvtps_pd(_mm256_load_ps(tf + static_cast<size_t>(index[q]) * 8)); };
  size_t k = 0;
  const size_t groups = layout->pos.size();
  for (size_t g = 0; g < groups; ++g) {
    // eight named accumulators (an array of them stayed in memory, behind a store and a load per addition)
    __m512d a0 = zero, a1 = zero, a2 = zero, a3 = zero, a4 = zero, a5 = zero, a6 = zero, a7 = zero;
    for (const size_t e = k + kGroup * static_cast<size_t>(layout->pos[g]); k < e; k += kGroup) {
      a0 = _mm512_add_pd(a0, at(k)), a1 = _mm512_add_pd(a1, at(k + 1)), a2 = _mm512_add_pd(a2, at(k + 2)), a3 = _mm512_add_pd(a3, at(k + 3));
      a4 = _mm512_add_pd(a4, at(k + 4)), a5 = _mm512_add_pd(a5, at(k + 5)), a6 = _mm512_add_pd(a6, at(k + 6)), a7 = _mm512_add_pd(a7, at(k + 7));
    }
    for (const size_t e = k + kGroup * static_cast<size_t>(layout->neg[g]); k < e; k += kGroup) {
      a0 = _mm512_sub_pd(a0, at(k)), a1 = _mm512_sub_pd(a1, at(k + 1)), a2 = _mm512_sub_pd(a2, at(k + 2)), a3 = _mm512_sub_pd(a3, at(k + 3));
      a4 = _mm512_sub_pd(a4, at(k + 4)), a5 = _mm512_sub_pd(a5, at(k + 5)), a6 = _mm512_sub_pd(a6, at(k + 6)), a7 = _mm512_sub_pd(a7, at(k + 7));
    }
    const __m512d a[kGroup] = {a0, a1, a2, a3, a4, a5, a6, a7};
    for (int p = 0; p < kGroup; ++p) {
      unsigned pos = _mm512_cmp_pd_mask(a[p], zero, _CMP_GT_OQ);
      const int32_t bit = layout->bit[g * kGroup + p];
      while (pos) {
        const int j = __builtin_ctz(pos);
        pos &= pos - 1;
        sig[j * kWords + (bit >> 5)] |= 1u << (bit & 31);
      }
    }
  }
}

void Stats8(const Layout* layout, const float* v, size_t dim, double* norm, uint8_t* flags, uint32_t* hi, uint32_t* lo,
            uint32_t* sig, float* tf) {
  Lanes L(dim);
  size_t i = 0;
  for (; i + 8 <= dim; i += 8) {
    const __m256 r0 = _mm256_loadu_ps(v + i), r1 = _mm256_loadu_ps(v + dim + i), r2 = _mm256_loadu_ps(v + 2 * dim + i),
                 r3 = _mm256_loadu_ps(v + 3 * dim + i), r4 = _mm256_loadu_ps(v + 4 * dim + i), r5 = _mm256_loadu_ps(v + 5 * dim + i),
                 r6 = _mm256_loadu_ps(v + 6 * dim + i), r7 = _mm256_loadu_ps(v + 7 * dim + i);
    const __m256 q0 = _mm256_unpacklo_ps(r0, r1), q1 = _mm256_unpackhi_ps(r0, r1), q2 = _mm256_unpacklo_ps(r2, r3),
                 q3 = _mm256_unpackhi_ps(r2, r3), q4 = _mm256_unpacklo_ps(r4, r5), q5 = _mm256_unpackhi_ps(r4, r5),
                 q6 = _mm256_unpacklo_ps(r6, r7), q7 = _mm256_unpackhi_ps(r6, r7);
    const __m256 u0 = _mm256_shuffle_ps(q0, q2, _MM_SHUFFLE(1, 0, 1, 0)), u1 = _mm256_shuffle_ps(q0, q2, _MM_SHUFFLE(3, 2, 3, 2)),
                 u2 = _mm256_shuffle_ps(q1, q3, _MM_SHUFFLE(1, 0, 1, 0)), u3 = _mm256_shuffle_ps(q1, q3, _MM_SHUFFLE(3, 2, 3, 2)),
                 u4 = _mm256_shuffle_ps(q4, q6, _MM_SHUFFLE(1, 0, 1, 0)), u5 = _mm256_shuffle_ps(q4, q6, _MM_SHUFFLE(3, 2, 3, 2)),
                 u6 = _mm256_shuffle_ps(q5, q7, _MM_SHUFFLE(1, 0, 1, 0)), u7 = _mm256_shuffle_ps(q5, q7, _MM_SHUFFLE(3, 2, 3, 2));
    // columns i .. i+7, in order
    const __m256 c[8] = {_mm256_permute2f128_ps(u0, u4, 0x20), _mm256_permute2f128_ps(u1, u5, 0x20), _mm256_permute2f128_ps(u2, u6, 0x20),
                         _mm256_permute2f128_ps(u3, u7, 0x20), _mm256_permute2f128_ps(u0, u4, 0x31), _mm256_permute2f128_ps(u1, u5, 0x31),
                         _mm256_permute2f128_ps(u2, u6, 0x31), _mm256_permute2f128_ps(u3, u7, 0x31)};
    for (size_t k = 0; k < 8; ++k) L.Step(c[k], tf + (i + k) * 8);
  }
  for (; i < dim; ++i) {
    alignas(32) float col[8];
    for (size_t j = 0; j < 8; ++j) col[j] = v[j * dim + i];
    L.Step(_mm256_load_ps(col), tf + i * 8);
  }
  _mm256_store_ps(tf + dim * 8, _mm256_setzero_ps());
  alignas(64) double sv[8], bv[8];
  alignas(64) uint32_t hv[16];
  _mm512_store_pd(sv, _mm512_sqrt_pd(L.s));
  _mm512_store_pd(bv, L.bad);
  _mm512_store_si512(reinterpret_cast<__m512i*>(hv), L.h);
  for (int j = 0; j < 8; ++j) {
    norm[j] = std::isnan(sv[j]) ? std::numeric_limits<double>::quiet_NaN() : sv[j];
    const bool isZero = ((L.nonzero >> j) & 1) == 0;
    flags[j] = static_cast<uint8_t>((isZero ? 1 : 0) | (bv[j] == 0 ? 0 : 2));
    const uint32_t h1 = Imul(hv[j] ^ (hv[j] >> 16), 0x85ebca6bu);
    const uint32_t h2 = Imul(hv[8 + j] ^ (hv[8 + j] >> 16), 0xc2b2ae35u);
    hi[j] = h1;
    lo[j] = h2 ^ (h2 >> 13);
    for (int w = 0; w < kWords; ++w) sig[j * kWords + w] = 0;
  }
  if (layout == nullptr) return;
  // a zero vector's sums are all +-0, never > 0, so its signature stays 0 as Stats() leaves it
  Signature8(layout, tf, sig);
}
#endif

using vecstage_napi::Index;
using vecstage_napi::Throw;
using vecstage_napi::Typed;

void FreeLayout(napi_env, void* data, void*) { delete static_cast<Layout*>(data); }

// srpLayout(index: Int32Array, pos: Int32Array, neg: Int32Array, bit: Int32Array, dim): external
napi_value SrpLayout(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  int32_t *index, *pos, *neg, *bit;
  size_t nIndex, nPos, nNeg, nBit, dim;
  if (argc != 5 || !Typed(env, argv[0], napi_int32_array, &index, &nIndex) || !Typed(env, argv[1], napi_int32_array, &pos, &nPos) ||
      !Typed(env, argv[2], napi_int32_array, &neg, &nNeg) || !Typed(env, argv[3], napi_int32_array, &bit, &nBit) ||
      !Index(env, argv[4], &dim) || nPos != nNeg || nBit != nPos * kGroup || nBit != kWords * 32)
    return Throw(env, "srpLayout(index, pos, neg, bit: Int32Array, dim)");
  size_t steps = 0;
  for (size_t g = 0; g < nPos; ++g) {
    if (pos[g] < 0 || neg[g] < 0) return Throw(env, "srpLayout: negative group length");
    steps += static_cast<size_t>(pos[g]) + static_cast<size_t>(neg[g]);
  }
  if (steps * kGroup != nIndex) return Throw(env, "srpLayout: index length does not match the groups");
  for (size_t k = 0; k < nIndex; ++k)
    if (index[k] < 0 || static_cast<size_t>(index[k]) > dim) return Throw(env, "srpLayout: index out of range");
  for (size_t k = 0; k < nBit; ++k)
    if (bit[k] < 0 || bit[k] >= kWords * 32) return Throw(env, "srpLayout: bit out of range");
  auto* l = new Layout();
  l->dim = dim;
  l->index.assign(index, index + nIndex);
  l->pos.assign(pos, pos + nPos);
  l->neg.assign(neg, neg + nNeg);
  l->bit.assign(bit, bit + nBit);
  napi_value ext;
  napi_create_external(env, l, FreeLayout, nullptr, &ext);
  return ext;
}

// vectorStats(layout|null, values: Float32Array, offset, rows, dim, norm: Float64Array, flags: Uint8Array,
//             vhHi: Uint32Array, vhLo: Uint32Array, sigs: Uint32Array): outputs indexed from 0
napi_value VectorStats(napi_env env, napi_callback_info info) {
  size_t argc = 10;
  napi_value argv[10];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc != 10) return Throw(env, "vectorStats expects 10 arguments");
  const Layout* layout = nullptr;
  napi_valuetype t;
  napi_typeof(env, argv[0], &t);
  if (t == napi_external) {
    void* p;
    napi_get_value_external(env, argv[0], &p);
    layout = static_cast<const Layout*>(p);
  } else if (t != napi_null) {
    return Throw(env, "vectorStats: layout must be srpLayout()'s result or null");
  }
  float* values;
  double* norm;
  uint8_t* flags;
  uint32_t *hi, *lo, *sigs;
  size_t nValues, offset, rows, dim, nNorm, nFlags, nHi, nLo, nSigs;
  if (!Typed(env, argv[1], napi_float32_array, &values, &nValues) || !Index(env, argv[2], &offset) ||
      !Index(env, argv[3], &rows) || !Index(env, argv[4], &dim) || !Typed(env, argv[5], napi_float64_array, &norm, &nNorm) ||
      !Typed(env, argv[6], napi_uint8_array, &flags, &nFlags) || !Typed(env, argv[7], napi_uint32_array, &hi, &nHi) ||
      !Typed(env, argv[8], napi_uint32_array, &lo, &nLo) || !Typed(env, argv[9], napi_uint32_array, &sigs, &nSigs))
    return Throw(env, "vectorStats(layout, values: Float32Array, offset, rows, dim, norm: Float64Array, flags: Uint8Array, vhHi, vhLo, sigs: Uint32Array)");
  if (offset + rows * dim > nValues || nNorm < rows || nFlags < rows || nHi < rows || nLo < rows || nSigs < rows * kWords)
    return Throw(env, "vectorStats: an array is shorter than rows x dim (values) or rows (outputs)");
  if (layout != nullptr && layout->dim != dim) return Throw(env, "vectorStats: the layout was made for another dimension");
  std::vector<double> scratch(dim + 1);
  size_t r = 0;
#if defined(__AVX512F__)
  if (rows >= 8) {
    std::vector<float> t((dim + 1) * 8 + 16);
    // a 64-byte aligned view for the 8-lane loads
    float* tf = reinterpret_cast<float*>((reinterpret_cast<uintptr_t>(t.data()) + 63) & ~static_cast<uintptr_t>(63));
    for (; r + 8 <= rows; r += 8)
      Stats8(layout, values + offset + r * dim, dim, norm + r, flags + r, hi + r, lo + r, sigs + r * kWords, tf);
  }
#endif
  for (; r < rows; ++r)
    Stats(layout, values + offset + r * dim, dim, norm + r, flags + r, hi + r, lo + r, sigs + r * kWords, scratch);
  return nullptr;
}

}  // namespace

void RegisterVectorStats(napi_env env, napi_value exports) {
  vecstage_napi::Export(env, exports, "srpLayout", SrpLayout);
  vecstage_napi::Export(env, exports, "vectorStats", VectorStats);
}

}  // namespace vecstage_sampler
