// Exact top-k for a batch of queries against a base, as a Node-API addon (no dependencies beyond node_api.h).
//
// Two stages, both split over std::threads:
//  1. Screening: float32 dot products with FMA, blocked like a GEMM and fused with a bounded per-query heap of
//     the best `cand` rows, so the m x n score matrix is never materialised. AVX-512: a block of base rows
//     (~384 KB, L2) packed into transposed 16-row panels and a 12-query x 32-row outer-product micro-kernel
//     (24 zmm accumulators). AVX2 / portable: a 4 x 3 (2 x 2) tile of accumulators along the dimension.
//     Every (query, row) dot product runs the same instruction sequence whatever tile, block or thread it falls
//     in, so equal vectors score equal and ties keep the lowest index.
//  2. Rescoring: the candidates are re-ranked by float64 distances with the exact summation order of
//     exactDistance() in src/backends/distance.ts (8 interleaved lanes, fixed pairwise tree; this file must be
//     compiled with -ffp-contract=off), sorted by (distance, index). Native and portable kernels therefore
//     return identical results, and float32 cancellation in ||q||^2 + ||b||^2 - 2q.b never reaches a distance.
#include <node_api.h>

#include "napi-args.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <new>
#include <string>
#include <cstdlib>
#include <thread>
#include <utility>
#include <vector>

namespace vecstage_sampler {
void Register(napi_env env, napi_value exports);  // sampler.cc
}
namespace vecstage_mapfile {
void Register(napi_env env, napi_value exports);  // map-file.cc
}

#if defined(__AVX512F__)
#include <immintrin.h>
#define VS_ISA "avx512"
#elif defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
#define VS_ISA "avx2"
#else
#define VS_ISA "scalar"
#endif

namespace {

enum Metric { COSINE = 0, IP = 1, L2 = 2 };

#if defined(__AVX512F__)
// AVX-512 uses the packed outer-product screen further down.
#elif defined(__AVX2__) && defined(__FMA__)
constexpr int MR = 4, NR = 3;
inline float Reduce8(__m256 v) {
  __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  s = _mm_add_ps(s, _mm_movehl_ps(s, s));
  s = _mm_add_ss(s, _mm_movehdup_ps(s));
  return _mm_cvtss_f32(s);
}
template <int R, int C>
inline void Tile(const float* q, const float* const* b, size_t dim, float out[R][C]) {
  __m256 acc[R][C];
  for (int i = 0; i < R; ++i)
    for (int j = 0; j < C; ++j) acc[i][j] = _mm256_setzero_ps();
  size_t p = 0;
  for (; p + 8 <= dim; p += 8) {
    __m256 qv[R];
    for (int i = 0; i < R; ++i) qv[i] = _mm256_loadu_ps(q + i * dim + p);
    for (int j = 0; j < C; ++j) {
      __m256 bv = _mm256_loadu_ps(b[j] + p);
      for (int i = 0; i < R; ++i) acc[i][j] = _mm256_fmadd_ps(qv[i], bv, acc[i][j]);
    }
  }
  if (p < dim) {
    alignas(32) int32_t m[8];
    for (int l = 0; l < 8; ++l) m[l] = p + l < dim ? -1 : 0;
    __m256i mk = _mm256_load_si256(reinterpret_cast<const __m256i*>(m));
    __m256 qv[R];
    for (int i = 0; i < R; ++i) qv[i] = _mm256_maskload_ps(q + i * dim + p, mk);
    for (int j = 0; j < C; ++j) {
      __m256 bv = _mm256_maskload_ps(b[j] + p, mk);
      for (int i = 0; i < R; ++i) acc[i][j] = _mm256_fmadd_ps(qv[i], bv, acc[i][j]);
    }
  }
  for (int i = 0; i < R; ++i)
    for (int j = 0; j < C; ++j) out[i][j] = Reduce8(acc[i][j]);
}
#else
// Portable C++: 8 independent float lanes (multiply, then add: no FMA unit assumed, and std::fma without one is
// a slow library call), which the compiler can map onto whatever SIMD the target has without reassociating.
constexpr int MR = 2, NR = 2;
template <int R, int C>
inline void Tile(const float* q, const float* const* b, size_t dim, float out[R][C]) {
  for (int i = 0; i < R; ++i)
    for (int j = 0; j < C; ++j) {
      const float* x = q + i * dim;
      const float* y = b[j];
      float l[8] = {0, 0, 0, 0, 0, 0, 0, 0};
      size_t p = 0;
      for (; p + 8 <= dim; p += 8)
        for (int t = 0; t < 8; ++t) l[t] = l[t] + x[p + t] * y[p + t];
      for (int t = 0; p < dim; ++p, ++t) l[t] = l[t] + x[p] * y[p];
      out[i][j] = ((l[0] + l[1]) + (l[2] + l[3])) + ((l[4] + l[5]) + (l[6] + l[7]));
    }
}
#endif

struct Job {
  std::vector<const float*> rows;  // n row pointers: the base is one slab or several chunks of whole rows
  size_t n, dim;
  const float* queries;
  size_t m, k, cand;
  int metric;
  std::vector<const uint8_t*> masks;  // per query, nullptr = all rows
  std::vector<float> rowTerm;         // cosine: 1/||b||, l2: ||b||^2 (float screening only)
  std::vector<float> queryTiles;      // AVX-512: the queries in tiles of kQueryTile, [tile][dim][kQueryTile]
  double maxRowSquare = 0;            // max ||b||^2, for the screen's error bound
  int32_t* outIdx;
  float* outDist;
};

// Per thread, per query: a min-heap of (score, index) whose root is the worst kept candidate.
struct Heaps {
  size_t cand;
  std::vector<float> score;
  std::vector<int32_t> index;
  std::vector<uint32_t> size;
  std::vector<float> threshold;
  Heaps(size_t m, size_t c)
      : cand(c), score(m * c), index(m * c), size(m, 0), threshold(m, -std::numeric_limits<float>::infinity()) {}

  // worse(a, b): a ranks below b (lower score, or equal score and higher index)
  static bool Worse(float sa, int32_t ia, float sb, int32_t ib) { return sa < sb || (sa == sb && ia > ib); }

  void Push(size_t q, float s, int32_t idx) {
    float* hs = &score[q * cand];
    int32_t* hi = &index[q * cand];
    uint32_t& sz = size[q];
    if (sz < cand) {
      size_t c = sz++;
      while (c > 0) {
        size_t parent = (c - 1) / 2;
        if (!Worse(s, idx, hs[parent], hi[parent])) break;
        hs[c] = hs[parent];
        hi[c] = hi[parent];
        c = parent;
      }
      hs[c] = s;
      hi[c] = idx;
      if (sz == cand) threshold[q] = hs[0];
      return;
    }
    if (!Worse(hs[0], hi[0], s, idx)) return;
    size_t c = 0;
    for (;;) {
      size_t l = 2 * c + 1;
      if (l >= cand) break;
      size_t w = l;
      if (l + 1 < cand && Worse(hs[l + 1], hi[l + 1], hs[l], hi[l])) w = l + 1;
      if (!Worse(hs[w], hi[w], s, idx)) break;
      hs[c] = hs[w];
      hi[c] = hi[w];
      c = w;
    }
    hs[c] = s;
    hi[c] = idx;
    threshold[q] = hs[0];
  }
};

#if !defined(__AVX512F__)
// Dot-product screen (AVX2 and portable builds): an MR x NR tile of SIMD accumulators along the dimension.
// Base rows per cache block: NB rows of a 768-d base are ~180 KB, well inside a 1 MB L2.
constexpr size_t kBlockBytes = 192 * 1024;

template <int R, int C>
inline void Consider(const Job& job, Heaps& heaps, size_t q0, size_t j0, float dots[R][C]) {
  for (int i = 0; i < R; ++i) {
    const size_t q = q0 + i;
    const float thr = heaps.threshold[q];
    const uint8_t* mask = job.masks[q];
    for (int j = 0; j < C; ++j) {
      const size_t row = j0 + j;
      float s = dots[i][j];
      if (job.metric == COSINE) s = s * job.rowTerm[row];
      else if (job.metric == L2) s = 2.0f * s - job.rowTerm[row];
      // Rows are visited in ascending order per query, so an equal score never beats the kept one.
      if (s > thr && (mask == nullptr || mask[row])) heaps.Push(q, s, static_cast<int32_t>(row));
    }
  }
}

template <int R>
inline void Rows(const Job& job, Heaps& heaps, size_t q0, size_t jb, size_t je) {
  const float* q = job.queries + q0 * job.dim;
  size_t j = jb;
  for (; j + NR <= je; j += NR) {
    float dots[R][NR];
    Tile<R, NR>(q, job.rows.data() + j, job.dim, dots);
    Consider<R, NR>(job, heaps, q0, j, dots);
  }
  for (; j < je; ++j) {
    float dots[R][1];
    Tile<R, 1>(q, job.rows.data() + j, job.dim, dots);
    Consider<R, 1>(job, heaps, q0, j, dots);
  }
}

void ScreenDot(const Job& job, Heaps& heaps, size_t b0, size_t b1) {
  size_t nb = std::max<size_t>(NR, kBlockBytes / (job.dim * sizeof(float)) / NR * NR);
  for (size_t jb = b0; jb < b1; jb += nb) {
    size_t je = std::min(jb + nb, b1);
    size_t q0 = 0;
    for (; q0 + MR <= job.m; q0 += MR) Rows<MR>(job, heaps, q0, jb, je);
    for (; q0 < job.m; ++q0) Rows<1>(job, heaps, q0, jb, je);
  }
}

#endif

#if defined(__AVX512F__)
// GEMM-style outer-product screen (Goto & van de Geijn's layout): a block of base rows is packed into panels
// of 16 rows, transposed ([dim][16]), so the micro-kernel broadcasts one query value and multiplies it into 16
// rows at once. Each (query, row) score is a sequential float32 FMA chain over the dimension, the same in every
// tile, so results do not depend on blocking or threads; no horizontal reductions are needed.
constexpr int kQueryTile = 12;  // 12 queries x 2 panels = 24 zmm accumulators
constexpr size_t kLanes = 16;

struct AlignedBuffer {
  float* data = nullptr;
  explicit AlignedBuffer(size_t floats) {
    if (posix_memalign(reinterpret_cast<void**>(&data), 64, std::max<size_t>(1, floats) * sizeof(float)) != 0) data = nullptr;
  }
  ~AlignedBuffer() { free(data); }
  AlignedBuffer(const AlignedBuffer&) = delete;
  AlignedBuffer& operator=(const AlignedBuffer&) = delete;
};

void Pack(const float* const* rows, size_t dim, size_t r0, size_t count, float* dst) {
  static const float zeros[1] = {0.0f};
  const size_t panels = (count + kLanes - 1) / kLanes;
  for (size_t pn = 0; pn < panels; ++pn) {
    float* out = dst + pn * dim * kLanes;
    const float* src[kLanes];
    size_t step[kLanes];
    for (size_t lane = 0; lane < kLanes; ++lane) {
      const size_t r = pn * kLanes + lane;
      src[lane] = r < count ? rows[r0 + r] : zeros;  // rows past the end read a zero
      step[lane] = r < count ? 1 : 0;
    }
    // write one 64-byte line per dimension, read 16 sequential streams
    for (size_t p = 0; p < dim; ++p)
      for (size_t lane = 0; lane < kLanes; ++lane) out[p * kLanes + lane] = src[lane][p * step[lane]];
  }
}

template <int R, int P>
inline void PackedTile(const Job& job, Heaps& heaps, size_t q0, const float* panel, size_t row0, size_t valid) {
  const size_t dim = job.dim;
  // the query tile interleaved ([dim][kQueryTile]): step p's R broadcasts read one sequential run of floats
  const float* q = job.queryTiles.data() + q0 * dim;
  __m512 acc[R][P];
  for (int i = 0; i < R; ++i)
    for (int j = 0; j < P; ++j) acc[i][j] = _mm512_setzero_ps();
  for (size_t p = 0; p < dim; ++p) {
    __m512 b[P];
    for (int j = 0; j < P; ++j) {
      b[j] = _mm512_load_ps(panel + (j * dim + p) * kLanes);
      asm("" : "+v"(b[j]));  // keep b in a register; the broadcast is the operand GCC may fold
    }
    for (int i = 0; i < R; ++i) {
      const __m512 qb = _mm512_set1_ps(q[p * kQueryTile + i]);
      for (int j = 0; j < P; ++j) acc[i][j] = _mm512_fmadd_ps(qb, b[j], acc[i][j]);
    }
  }
  alignas(64) float scores[kLanes];
  for (int j = 0; j < P; ++j) {
    const size_t first = row0 + j * kLanes;
    const size_t left = valid > j * kLanes ? valid - j * kLanes : 0;
    const __mmask16 live = static_cast<__mmask16>(left >= kLanes ? 0xFFFF : (1u << left) - 1);
    __m512 term = _mm512_setzero_ps();
    if (job.metric != IP) term = _mm512_loadu_ps(job.rowTerm.data() + first);
    for (int i = 0; i < R; ++i) {
      __m512 sv = acc[i][j];
      if (job.metric == COSINE) sv = _mm512_mul_ps(sv, term);
      else if (job.metric == L2) sv = _mm512_sub_ps(_mm512_add_ps(sv, sv), term);
      const size_t qi = q0 + i;
      __mmask16 hit = _mm512_mask_cmp_ps_mask(live, sv, _mm512_set1_ps(heaps.threshold[qi]), _CMP_GT_OQ);
      if (!hit) continue;
      _mm512_store_ps(scores, sv);
      const uint8_t* mask = job.masks[qi];
      while (hit) {
        const int lane = __builtin_ctz(hit);
        hit = static_cast<__mmask16>(hit & (hit - 1));
        const size_t row = first + lane;
        // rows arrive in ascending order per query, so an equal score never beats the kept one
        if (scores[lane] > heaps.threshold[qi] && (mask == nullptr || mask[row])) heaps.Push(qi, scores[lane], static_cast<int32_t>(row));
      }
    }
  }
}

template <int R>
inline void PackedRows(const Job& job, Heaps& heaps, size_t q0, const float* packed, size_t jb, size_t count) {
  const size_t panels = (count + kLanes - 1) / kLanes;
  size_t pn = 0;
  for (; pn + 2 <= panels; pn += 2)
    PackedTile<R, 2>(job, heaps, q0, packed + pn * job.dim * kLanes, jb + pn * kLanes, count - pn * kLanes);
  if (pn < panels) PackedTile<R, 1>(job, heaps, q0, packed + pn * job.dim * kLanes, jb + pn * kLanes, count - pn * kLanes);
}

void Screen(const Job& job, Heaps& heaps, size_t b0, size_t b1) {
  // ~384 KB of packed rows per block: stays in a 1 MB L2 next to the query tile.
  const size_t nb = std::max<size_t>(32, std::min<size_t>(512, (384 * 1024) / (job.dim * sizeof(float)) / 32 * 32));
  AlignedBuffer packed(nb * job.dim);
  if (packed.data == nullptr) throw std::bad_alloc();
  for (size_t jb = b0; jb < b1; jb += nb) {
    const size_t count = std::min(nb, b1 - jb);
    Pack(job.rows.data(), job.dim, jb, count, packed.data);
    for (size_t q0 = 0; q0 < job.m; q0 += kQueryTile) {
      switch (std::min<size_t>(kQueryTile, job.m - q0)) {
        case 12: PackedRows<12>(job, heaps, q0, packed.data, jb, count); break;
        case 11: PackedRows<11>(job, heaps, q0, packed.data, jb, count); break;
        case 10: PackedRows<10>(job, heaps, q0, packed.data, jb, count); break;
        case 9: PackedRows<9>(job, heaps, q0, packed.data, jb, count); break;
        case 8: PackedRows<8>(job, heaps, q0, packed.data, jb, count); break;
        case 7: PackedRows<7>(job, heaps, q0, packed.data, jb, count); break;
        case 6: PackedRows<6>(job, heaps, q0, packed.data, jb, count); break;
        case 5: PackedRows<5>(job, heaps, q0, packed.data, jb, count); break;
        case 4: PackedRows<4>(job, heaps, q0, packed.data, jb, count); break;
        case 3: PackedRows<3>(job, heaps, q0, packed.data, jb, count); break;
        case 2: PackedRows<2>(job, heaps, q0, packed.data, jb, count); break;
        default: PackedRows<1>(job, heaps, q0, packed.data, jb, count); break;
      }
    }
  }
}
#else
void Screen(const Job& job, Heaps& heaps, size_t b0, size_t b1) { ScreenDot(job, heaps, b0, b1); }
#endif

// Mirrors sumLanes() in src/backends/distance.ts operation for operation.
template <bool kDiff>
double SumLanes(const float* a, const float* b, size_t dim) {
  constexpr bool diff = kDiff;
  double l[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  size_t i = 0;
  for (; i + 8 <= dim; i += 8) {
    for (int j = 0; j < 8; ++j) {
      double x = a[i + j], y = b[i + j];
      if (diff) {
        double d = x - y;
        l[j] = l[j] + d * d;
      } else {
        l[j] = l[j] + x * y;
      }
    }
  }
  for (int j = 0; i < dim; ++i, ++j) {
    double x = a[i], y = b[i];
    double p = diff ? x - y : x;
    l[j] = l[j] + p * (diff ? p : y);
  }
  return ((l[0] + l[1]) + (l[2] + l[3])) + ((l[4] + l[5]) + (l[6] + l[7]));
}

double ExactDistance(int metric, const float* a, const float* b, size_t dim) {
  if (metric == L2) return SumLanes<true>(a, b, dim);
  double dot = SumLanes<false>(a, b, dim);
  if (metric == IP) return 1 - dot;
  double aa = SumLanes<false>(a, a, dim);
  double bb = SumLanes<false>(b, b, dim);
  if (aa == 0 || bb == 0) return 1;
  return 1 - dot / (std::sqrt(aa) * std::sqrt(bb));
}

// The screen's float32 error bound for one query's scores (Higham, "Accuracy and Stability of Numerical
// Algorithms", 3.1: a length-d dot product carries at most gamma_(d) * sum|q_i b_i| <= gamma_(d) |q||b|), with
// room for the row term's roundings and a 1e-9 relative slack for the float64 re-ranking itself.
double ScreenErrorBound(const Job& job, const float* qv) {
  double qq = 0;
  for (size_t p = 0; p < job.dim; ++p) qq += static_cast<double>(qv[p]) * qv[p];
  const double qn = std::sqrt(qq), bn = std::sqrt(job.maxRowSquare);
  const double mag = job.metric == IP ? qn * bn : job.metric == COSINE ? qn : 2 * qn * bn + job.maxRowSquare;
  const double nu = (static_cast<double>(job.dim) + 4) * std::ldexp(1.0, -24);
  return 1.01 * nu / (1 - nu) * mag + 1e-9 * mag;
}

void Emit(const Job& job, size_t q, std::vector<std::pair<double, int32_t>>& found) {
  const size_t keep = std::min(job.k, found.size());
  std::partial_sort(found.begin(), found.begin() + keep, found.end());
  for (size_t r = 0; r < job.k; ++r) {
    job.outIdx[q * job.k + r] = r < keep ? found[r].second : -1;
    job.outDist[q * job.k + r] = r < keep ? static_cast<float>(found[r].first) : std::numeric_limits<float>::infinity();
  }
}

// Re-rank the screened candidates by float64 distance. Each screening thread kept its range's best `cand`; their
// union holds the global best `cand` by (score, index), whatever the thread count, and only those are re-ranked
// (the rest of the union joins the dropped rows). The result is provably the exact top k when the k-th best
// screened score beats every dropped score by more than twice the error bound; otherwise (near duplicates, exact
// ties at the candidate boundary) the query is answered by a float64 scan of every row.
void Rescore(const Job& job, const std::vector<Heaps>& all, size_t q0, size_t q1) {
  std::vector<std::pair<double, int32_t>> found;
  std::vector<std::pair<float, int32_t>> cands;
  std::vector<float> scores;
  // better first: higher score, then lower index
  const auto better = [](const std::pair<float, int32_t>& a, const std::pair<float, int32_t>& b) {
    return a.first > b.first || (a.first == b.first && a.second < b.second);
  };
  for (size_t q = q0; q < q1; ++q) {
    found.clear();
    cands.clear();
    const float* qv = job.queries + q * job.dim;
    float dropped = -std::numeric_limits<float>::infinity();
    for (const Heaps& h : all) {
      if (h.size[q] == h.cand) dropped = std::max(dropped, h.threshold[q]);
      for (uint32_t c = 0; c < h.size[q]; ++c) cands.emplace_back(h.score[q * h.cand + c], h.index[q * h.cand + c]);
    }
    if (cands.size() > job.cand) {
      std::nth_element(cands.begin(), cands.begin() + job.cand, cands.end(), better);
      for (size_t c = job.cand; c < cands.size(); ++c) dropped = std::max(dropped, cands[c].first);
      cands.resize(job.cand);
    }
    bool exact = dropped == -std::numeric_limits<float>::infinity();
    if (!exact && cands.size() >= job.k) {
      scores.clear();
      for (const auto& c : cands) scores.push_back(c.first);
      std::nth_element(scores.begin(), scores.begin() + (job.k - 1), scores.end(), std::greater<float>());
      exact = static_cast<double>(scores[job.k - 1]) - dropped > 2 * ScreenErrorBound(job, qv);
    }
    if (exact) {
      // in row order: the rows come from memory in one forward sweep
      std::sort(cands.begin(), cands.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
      for (const auto& c : cands) found.emplace_back(ExactDistance(job.metric, qv, job.rows[static_cast<size_t>(c.second)], job.dim), c.second);
    } else {
      const uint8_t* mask = job.masks[q];
      for (size_t row = 0; row < job.n; ++row) {
        if (mask != nullptr && !mask[row]) continue;
        found.emplace_back(ExactDistance(job.metric, qv, job.rows[row], job.dim), static_cast<int32_t>(row));
      }
    }
    Emit(job, q, found);
  }
}

void RowTerms(Job& job, size_t r0, size_t r1, double* maxSquare) {
  double mx = 0;
  for (size_t r = r0; r < r1; ++r) {
    const float* b = job.rows[r];
    const double ss = SumLanes<false>(b, b, job.dim);  // 8 independent lanes: vectorised, not latency-bound
    mx = std::max(mx, ss);
    if (job.metric == COSINE) job.rowTerm[r] = ss > 0 ? static_cast<float>(1 / std::sqrt(ss)) : 0.0f;
    else if (job.metric == L2) job.rowTerm[r] = static_cast<float>(ss);
  }
  *maxSquare = mx;
}

template <typename F>
void Parallel(size_t threads, size_t total, size_t align, F fn) {
  if (threads <= 1 || total == 0) {
    fn(size_t{0}, size_t{0}, total);
    return;
  }
  std::vector<std::thread> pool;
  size_t per = (total + threads - 1) / threads;
  per = (per + align - 1) / align * align;
  for (size_t t = 0; t < threads; ++t) {
    size_t a = std::min(total, t * per), b = std::min(total, a + per);
    pool.emplace_back([&fn, t, a, b] { fn(t, a, b); });
  }
  for (auto& th : pool) th.join();
}

void Run(Job& job, size_t threads) {
  // Below ~4096 rows a second thread costs more than it saves.
  size_t screenThreads = std::max<size_t>(1, std::min(threads, job.n / 4096 + 1));
  job.rowTerm.assign(job.metric == IP ? 0 : job.n + 32, 0.0f);  // padded: the packed screen loads 16 at a time
  std::vector<double> maxSquare(screenThreads, 0.0);
  Parallel(screenThreads, job.n, 1, [&](size_t t, size_t a, size_t b) { RowTerms(job, a, b, &maxSquare[t]); });
  job.maxRowSquare = *std::max_element(maxSquare.begin(), maxSquare.end());
#if defined(__AVX512F__)
  // the same values in another order: every score's FMA chain is unchanged
  const size_t tiles = (job.m + kQueryTile - 1) / kQueryTile;
  job.queryTiles.assign(tiles * job.dim * kQueryTile, 0.0f);
  for (size_t q = 0; q < job.m; ++q) {
    float* tile = job.queryTiles.data() + (q / kQueryTile) * job.dim * kQueryTile + q % kQueryTile;
    const float* src = job.queries + q * job.dim;
    for (size_t p = 0; p < job.dim; ++p) tile[p * kQueryTile] = src[p];
  }
#endif
  std::vector<Heaps> heaps;
  for (size_t t = 0; t < screenThreads; ++t) heaps.emplace_back(job.m, job.cand);
  Parallel(screenThreads, job.n, 32, [&](size_t t, size_t a, size_t b) { Screen(job, heaps[t], a, b); });
  size_t rescoreThreads = std::max<size_t>(1, std::min(threads, job.m / 8 + 1));
  Parallel(rescoreThreads, job.m, 1, [&](size_t, size_t a, size_t b) { Rescore(job, heaps, a, b); });
}

// ---- Node-API glue ----

using vecstage_napi::Index;
using vecstage_napi::Throw;
using vecstage_napi::Typed;

// The base's n row pointers: `base` is one Float32Array of at least n x dim values, or an array of Float32Arrays
// of whole rows (lengths multiples of dim) holding at least n rows in order, e.g. a memory-mapped file's record
// batches, searched where they lie instead of copied into one slab. nullptr, or what is wrong.
const char* BaseRows(napi_env env, napi_value base, size_t n, size_t dim, std::vector<const float*>* rows) {
  rows->clear();
  rows->reserve(n);
  float* p;
  size_t len;
  if (Typed(env, base, napi_float32_array, &p, &len)) {
    if (len / dim < n) return "base shorter than n x dim";
    for (size_t r = 0; r < n; ++r) rows->push_back(p + r * dim);
    return nullptr;
  }
  bool isArray = false;
  uint32_t chunks = 0;
  if (napi_is_array(env, base, &isArray) != napi_ok || !isArray || napi_get_array_length(env, base, &chunks) != napi_ok)
    return "base must be a Float32Array or an array of Float32Arrays";
  for (uint32_t c = 0; c < chunks && rows->size() < n; ++c) {
    napi_value el;
    if (napi_get_element(env, base, c, &el) != napi_ok || !Typed(env, el, napi_float32_array, &p, &len)) return "each base chunk must be a Float32Array";
    if (len % dim != 0) return "each base chunk must hold whole rows (a length that is a multiple of dim)";
    for (size_t r = 0; r < len / dim && rows->size() < n; ++r) rows->push_back(p + r * dim);
  }
  if (rows->size() < n) return "base chunks hold fewer than n rows";
  return nullptr;
}

// topK(base, n, dim, queries, m, k, cand, metric, masks|null, threads, outIdx: Int32Array, outDist: Float32Array)
napi_value TopK(napi_env env, napi_callback_info info) {
  size_t argc = 12;
  napi_value argv[12];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc != 12) return Throw(env, "topK expects 12 arguments");
  Job job{};
  void* p;
  size_t len, metric, threads, qLen;
  if (!Index(env, argv[1], &job.n) || !Index(env, argv[2], &job.dim) || job.dim == 0) return Throw(env, "bad n or dim");
  if (const char* err = BaseRows(env, argv[0], job.n, job.dim, &job.rows)) return Throw(env, err);
  if (!Typed(env, argv[3], napi_float32_array, &p, &qLen)) return Throw(env, "queries must be a Float32Array");
  job.queries = static_cast<const float*>(p);
  if (!Index(env, argv[4], &job.m) || !Index(env, argv[5], &job.k) || !Index(env, argv[6], &job.cand) ||
      !Index(env, argv[7], &metric) || metric > 2 || !Index(env, argv[9], &threads))
    return Throw(env, "bad m, k, cand, metric or threads");
  if (qLen < job.m * job.dim) return Throw(env, "queries shorter than m*dim");
  job.metric = static_cast<int>(metric);
  job.cand = std::max<size_t>(1, std::min(job.cand, std::max<size_t>(job.n, 1)));
  job.masks.assign(job.m, nullptr);
  napi_valuetype mt;
  napi_typeof(env, argv[8], &mt);
  if (mt == napi_object) {
    for (size_t q = 0; q < job.m; ++q) {
      napi_value el;
      if (napi_get_element(env, argv[8], static_cast<uint32_t>(q), &el) != napi_ok) return Throw(env, "bad masks");
      napi_valuetype et;
      napi_typeof(env, el, &et);
      if (et == napi_undefined || et == napi_null) continue;
      if (!Typed(env, el, napi_uint8_array, &p, &len) || len < job.n) return Throw(env, "each mask must be a Uint8Array of length n");
      job.masks[q] = static_cast<const uint8_t*>(p);
    }
  }
  if (!Typed(env, argv[10], napi_int32_array, &p, &len) || len < job.m * job.k) return Throw(env, "bad outIdx");
  job.outIdx = static_cast<int32_t*>(p);
  if (!Typed(env, argv[11], napi_float32_array, &p, &len) || len < job.m * job.k) return Throw(env, "bad outDist");
  job.outDist = static_cast<float*>(p);
  if (job.m > 0 && job.k > 0) {
    if (job.n == 0) {
      std::fill(job.outIdx, job.outIdx + job.m * job.k, -1);
      std::fill(job.outDist, job.outDist + job.m * job.k, std::numeric_limits<float>::infinity());
    } else {
      Run(job, std::max<size_t>(1, threads));
    }
  }
  return nullptr;
}

// -march=native bakes this machine's instruction set in; an addon carried to an older CPU must refuse to load
// (and let vecstage fall back to the JS kernel) instead of dying on an illegal instruction.
const char* MissingCpuFeature() {
  __builtin_cpu_init();
#if defined(__AVX512F__)
  if (!__builtin_cpu_supports("avx512f")) return "avx512f";
#endif
#if defined(__AVX512BW__)
  if (!__builtin_cpu_supports("avx512bw")) return "avx512bw";
#endif
#if defined(__AVX512VL__)
  if (!__builtin_cpu_supports("avx512vl")) return "avx512vl";
#endif
#if defined(__AVX512DQ__)
  if (!__builtin_cpu_supports("avx512dq")) return "avx512dq";
#endif
#if defined(__AVX2__)
  if (!__builtin_cpu_supports("avx2")) return "avx2";
#endif
#if defined(__FMA__)
  if (!__builtin_cpu_supports("fma")) return "fma";
#endif
  return nullptr;
}

napi_value Init(napi_env env, napi_value exports) {
  if (const char* missing = MissingCpuFeature()) {
    std::string msg = std::string("native kernel was built for a CPU with ") + missing +
                      " and this one lacks it; rebuild with: node src/kernel/native/build.js";
    napi_throw_error(env, "VECSTAGE_KERNEL_CPU", msg.c_str());
    return nullptr;
  }
  napi_value isa, cores;
  vecstage_napi::Export(env, exports, "topK", TopK);
  napi_create_string_utf8(env, VS_ISA, NAPI_AUTO_LENGTH, &isa);
  napi_set_named_property(env, exports, "isa", isa);
  napi_create_uint32(env, std::max(1u, std::thread::hardware_concurrency()), &cores);
  napi_set_named_property(env, exports, "cores", cores);
  vecstage_sampler::Register(env, exports);
  vecstage_mapfile::Register(env, exports);
  return exports;
}

}  // namespace

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
