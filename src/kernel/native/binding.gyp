{
  "variables": { "march%": "native" },
  "targets": [
    {
      "target_name": "vecstage_kernel",
      "sources": ["kernel.cc", "sampler.cc", "embedding-parse.cc", "vector-stats.cc", "near-duplicates.cc", "map-file.cc"],
      "cflags_cc!": ["-fno-exceptions"],
      "cflags": ["-O3"],
      "cflags_cc": ["-O3", "-march=<(march)", "-ffp-contract=off", "-fno-math-errno", "-Wno-uninitialized", "-Wno-maybe-uninitialized", "-std=c++17", "-pthread"],
      "ldflags": ["-pthread"]
    }
  ]
}
