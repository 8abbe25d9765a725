// The sampler's per-row hot loops as Node-API functions, registered by kernel.cc's Init: parseEmbedding
// (embedding-parse.cc), srpLayout and vectorStats (vector-stats.cc), nearDuplicates (near-duplicates.cc), and
// trimMemory here. Each mirrors a JS definition bit for bit; test/kernel/sampler-native.test.ts checks them.
#include <node_api.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "napi-args.h"
#include "sampler-kernels.h"

namespace vecstage_sampler {
namespace {

// trimMemory(): returns the malloc arenas' free memory to the OS (glibc; worker threads leave theirs behind)
napi_value TrimMemory(napi_env env, napi_callback_info) {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
  napi_value r;
  napi_get_undefined(env, &r);
  return r;
}

}  // namespace

void Register(napi_env env, napi_value exports) {
  RegisterParse(env, exports);
  RegisterVectorStats(env, exports);
  RegisterNearDuplicates(env, exports);
  vecstage_napi::Export(env, exports, "trimMemory", TrimMemory);
}

}  // namespace vecstage_sampler
