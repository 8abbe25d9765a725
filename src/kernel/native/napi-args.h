// Argument checks shared by the addon's Node-API functions (kernel.cc, sampler.cc).
#pragma once
#include <node_api.h>

#include <cmath>
#include <cstddef>

namespace vecstage_napi {

inline napi_value Throw(napi_env env, const char* msg) {
  napi_throw_type_error(env, "VECSTAGE_KERNEL", msg);
  return nullptr;
}

// A typed array of type `want`: its data and length (in elements).
template <typename T>
inline bool Typed(napi_env env, napi_value v, napi_typedarray_type want, T** data, size_t* length) {
  bool is = false;
  if (napi_is_typedarray(env, v, &is) != napi_ok || !is) return false;
  napi_typedarray_type type;
  napi_value ab;
  size_t off;
  void* p;
  if (napi_get_typedarray_info(env, v, &type, length, &p, &ab, &off) != napi_ok) return false;
  *data = static_cast<T*>(p);
  return type == want;
}

// A non-negative integer number (at most 2^53 - 1).
inline bool Index(napi_env env, napi_value v, size_t* out) {
  double d;
  if (napi_get_value_double(env, v, &d) != napi_ok || !(d >= 0) || d != std::floor(d) || d > 9007199254740991.0) return false;
  *out = static_cast<size_t>(d);
  return true;
}

// exports[name] = a function calling `fn`.
inline void Export(napi_env env, napi_value exports, const char* name, napi_callback fn) {
  napi_value f;
  napi_create_function(env, name, NAPI_AUTO_LENGTH, fn, nullptr, &f);
  napi_set_named_property(env, exports, name, f);
}

}  // namespace vecstage_napi
