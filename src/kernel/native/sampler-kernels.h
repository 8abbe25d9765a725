// Shared by the sampler kernels (embedding-parse.cc, vector-stats.cc, near-duplicates.cc, sampler.cc).
#pragma once
#include <node_api.h>

namespace vecstage_sampler {

constexpr int kWords = 8;  // SIGNATURE_WORDS (src/sampler/detectors/near-duplicate.ts)

void RegisterParse(napi_env env, napi_value exports);
void RegisterVectorStats(napi_env env, napi_value exports);
void RegisterNearDuplicates(napi_env env, napi_value exports);

}  // namespace vecstage_sampler
