// nearDuplicates(sigs, count, zero, vhHi, vhLo, keyHi, keyLo, maxH, maxBucket, out): findNearDuplicates of
// src/sampler/detectors/near-duplicate.ts over typed arrays, the same steps over the same integers.
// test/kernel/sampler-native.test.ts.
#include <node_api.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "napi-args.h"
#include "sampler-kernels.h"

namespace vecstage_sampler {
namespace {

// findNearDuplicates (near-duplicate.ts) over typed arrays: rows not flagged zero, ranked by selection key
// (stable), then per signature word a stable sort by the word and pairwise checks inside each equal-word bucket
// (the first maxBucket members), skipping exact duplicates (equal vector hash). Marks tagged rows in `out`.
void NearDuplicates(const uint32_t* sigs, size_t count, const uint8_t* zero, const uint32_t* vhHi, const uint32_t* vhLo,
                    const uint32_t* keyHi, const uint32_t* keyLo, int maxH, size_t maxBucket, uint8_t* out) {
  std::vector<uint32_t> ranked;
  ranked.reserve(count);
  for (size_t r = 0; r < count; ++r)
    if (zero[r] != 1) ranked.push_back(static_cast<uint32_t>(r));
  std::stable_sort(ranked.begin(), ranked.end(), [&](uint32_t a, uint32_t b) {
    return keyHi[a] != keyHi[b] ? keyHi[a] < keyHi[b] : keyLo[a] < keyLo[b];
  });
  std::vector<uint32_t> byWord(ranked.size()), scratch(ranked.size());
  std::vector<uint32_t> counts(1 << 16);
  // a stable sort by a 32-bit word: two counting-sort passes, low then high 16 bits (as the JS radixPass)
  auto pass = [&](const std::vector<uint32_t>& from, std::vector<uint32_t>& to, int w, int shift) {
    std::fill(counts.begin(), counts.end(), 0);
    for (uint32_t r : from) counts[(sigs[r * kWords + w] >> shift) & 0xffff]++;
    uint32_t at = 0;
    for (auto& c : counts) {
      const uint32_t n = c;
      c = at;
      at += n;
    }
    for (uint32_t r : from) to[counts[(sigs[r * kWords + w] >> shift) & 0xffff]++] = r;
  };
  std::fill(out, out + count, 0);
  for (int w = 0; w < kWords; ++w) {
    pass(ranked, scratch, w, 0);
    pass(scratch, byWord, w, 16);
    size_t start = 0;
    const size_t n = byWord.size();
    while (start < n) {
      const uint32_t word = sigs[byWord[start] * kWords + w];
      size_t end = start + 1;
      while (end < n && sigs[byWord[end] * kWords + w] == word) ++end;
      const size_t stop = std::min(end, start + maxBucket);
      for (size_t i = start; i < stop; ++i) {
        const uint32_t a = byWord[i];
        for (size_t j = i + 1; j < stop; ++j) {
          const uint32_t b = byWord[j];
          if (vhHi[a] == vhHi[b] && vhLo[a] == vhLo[b]) continue;
          int d = 0;
          for (int k = 0; k < kWords; ++k) d += __builtin_popcount(sigs[a * kWords + k] ^ sigs[b * kWords + k]);
          if (d <= maxH) out[a] = out[b] = 1;
        }
      }
      start = end;
    }
  }
}


using vecstage_napi::Index;
using vecstage_napi::Throw;
using vecstage_napi::Typed;

// nearDuplicates(sigs, count, zero: Uint8Array, vhHi, vhLo, keyHi, keyLo: Uint32Array, maxH, maxBucket, out: Uint8Array)
napi_value NearDuplicatesFn(napi_env env, napi_callback_info info) {
  size_t argc = 10;
  napi_value argv[10];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  uint32_t *sigs, *hi, *lo, *kh, *kl;
  uint8_t *zero, *out;
  size_t nSigs, count, nZero, nHi, nLo, nKh, nKl, maxH, maxBucket, nOut;
  if (argc != 10 || !Typed(env, argv[0], napi_uint32_array, &sigs, &nSigs) || !Index(env, argv[1], &count) ||
      !Typed(env, argv[2], napi_uint8_array, &zero, &nZero) || !Typed(env, argv[3], napi_uint32_array, &hi, &nHi) ||
      !Typed(env, argv[4], napi_uint32_array, &lo, &nLo) || !Typed(env, argv[5], napi_uint32_array, &kh, &nKh) ||
      !Typed(env, argv[6], napi_uint32_array, &kl, &nKl) || !Index(env, argv[7], &maxH) || !Index(env, argv[8], &maxBucket) ||
      !Typed(env, argv[9], napi_uint8_array, &out, &nOut))
    return Throw(env, "nearDuplicates(sigs, count, zero, vhHi, vhLo, keyHi, keyLo, maxH, maxBucket, out)");
  if (nSigs < count * kWords || nZero < count || nHi < count || nLo < count || nKh < count || nKl < count || nOut < count || count > 0xffffffffu)
    return Throw(env, "nearDuplicates: an array is shorter than count");
  NearDuplicates(sigs, count, zero, hi, lo, kh, kl, static_cast<int>(std::min<size_t>(maxH, 1 << 20)), maxBucket, out);
  return nullptr;
}

}  // namespace

void RegisterNearDuplicates(napi_env env, napi_value exports) {
  vecstage_napi::Export(env, exports, "nearDuplicates", NearDuplicatesFn);
}

}  // namespace vecstage_sampler
