// parseEmbedding(bytes, start, end, out): the fast path of EmbeddingParser.parseBytes (src/sampler/
// embedding-parse.ts), statement for statement: the same bytes are accepted, the same doubles formed (the
// mantissa accumulated exactly as JS does, then one multiplication or division by an exact power of ten) and
// rounded to float32 the same way. Returns the value count, -1 where the JS slow path must decide (so failures
// and their messages stay the JS parser's), -2 when `out` is too short. test/kernel/sampler-native.test.ts.
#include <node_api.h>

#include <cstddef>
#include <cstdint>

#include "napi-args.h"
#include "sampler-kernels.h"

namespace vecstage_sampler {
namespace {

const double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                         1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};


inline bool IsSpace(int c) { return c == 32 || c == 10 || c == 13 || c == 9; }
inline bool IsDigit(int c) { return c >= 48 && c <= 57; }

constexpr uint64_t kSaturate = 1ull << 60;

// Appends the digits at b[i...] to `mant` (the JS loop's mant = mant * 10 + digit, saturating at 2^60: a
// mantissa that large is off the fast path either way) and moves i past them. One digit at a time: an 8-digit
// SWAR step measured slower here on the typical 1- and 7-digit runs of "-0.1234567".
inline void ScanDigits(const uint8_t* b, size_t len, size_t& i, uint64_t& mant) {
  while (i < len && IsDigit(b[i])) {
    mant = mant < kSaturate ? mant * 10 + static_cast<uint64_t>(b[i] - 48) : kSaturate;
    ++i;
  }
}

// -1: the JS slow path decides; -2: `out` is full; else the count.
long long ParseFast(const uint8_t* b, size_t len, size_t start, size_t end, float* out, size_t cap) {
  // a byte past the buffer reads as 256: no digit, space, sign or bracket (JS reads `undefined`)
  auto at = [&](size_t i) -> int { return i < len ? b[i] : 256; };
  size_t i = start;
  int c = at(i);
  while (c <= 32 && IsSpace(c) && i < end) c = at(++i);
  if (i >= end || c != '[') return -1;
  c = at(++i);
  size_t count = 0;
  for (;;) {
    if (c <= 32) {
      while (IsSpace(c)) c = at(++i);
    }
    bool neg = false;
    if (c == '-') {
      neg = true;
      c = at(++i);
    } else if (c == '+') {
      c = at(++i);
    } else if (c == ']' && count == 0) {
      i++;
      break;
    }
    if (!IsDigit(c)) return -1;
    // JS accumulates the mantissa in a double, which is exact while it stays below 2^53 (and the fast path
    // ends above that); an integer gives the same value sooner. Saturating at 2^60 keeps "too big" too big.
    uint64_t mant = 0;
    ScanDigits(b, len, i, mant);
    c = at(i);
    long long e = 0;
    if (c == '.') {
      const size_t frac = ++i;
      c = at(i);
      if (!IsDigit(c)) return -1;
      ScanDigits(b, len, i, mant);
      c = at(i);
      e = static_cast<long long>(frac) - static_cast<long long>(i);
    }
    if (c == 'e' || c == 'E') {
      c = at(++i);
      bool eneg = false;
      if (c == '-' || c == '+') {
        eneg = c == '-';
        c = at(++i);
      }
      if (!IsDigit(c)) return -1;
      long long exp = 0;
      while (IsDigit(c) && exp < 1000000) {
        exp = exp * 10 + (c - 48);
        c = at(++i);
      }
      e += eneg ? -exp : exp;
    }
    if (i > end || mant > 9007199254740991ull || e > 22 || e < -22) return -1;
    const double m = static_cast<double>(mant);
    double value = e == 0 ? m : e > 0 ? m * kPow10[e] : m / kPow10[-e];
    if (neg) value = -value;
    if (count == cap) return -2;
    out[count++] = static_cast<float>(value);
    if (c == ',' && i < end) {
      c = at(++i);
      continue;
    }
    if (c <= 32) {
      while (IsSpace(c)) c = at(++i);
    }
    if (i >= end) return -1;
    if (c == ',') {
      c = at(++i);
      continue;
    }
    if (c == ']') {
      i++;
      break;
    }
    return -1;
  }
  while (i < end && IsSpace(at(i))) i++;
  if (i != end) return -1;
  return static_cast<long long>(count);
}

using vecstage_napi::Index;
using vecstage_napi::Throw;
using vecstage_napi::Typed;

// parseEmbedding(bytes: Uint8Array, start, end, out: Float32Array): number
napi_value ParseEmbedding(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  uint8_t* b;
  float* out;
  size_t len, cap, start, end;
  if (argc != 4 || !Typed(env, argv[0], napi_uint8_array, &b, &len) || !Index(env, argv[1], &start) ||
      !Index(env, argv[2], &end) || !Typed(env, argv[3], napi_float32_array, &out, &cap) || start > end || end > len)
    return Throw(env, "parseEmbedding(bytes: Uint8Array, start, end <= bytes.length, out: Float32Array)");
  napi_value r;
  napi_create_double(env, static_cast<double>(ParseFast(b, len, start, end, out, cap)), &r);
  return r;
}

}  // namespace

void RegisterParse(napi_env env, napi_value exports) {
  vecstage_napi::Export(env, exports, "parseEmbedding", ParseEmbedding);
}

}  // namespace vecstage_sampler
