// mapFile(path): a file's bytes as an ArrayBuffer backed by a private memory mapping of it, for reading a large
// sample.arrow without copying it: the page cache's pages are mapped where they are (a read costs a page-table
// entry, not a copy into freshly faulted memory, which on some virtual machines runs at a few hundred MB/s).
// MAP_PRIVATE with PROT_WRITE: a write to the buffer copies that page for this process and never reaches the
// file. The mapping is released when the ArrayBuffer is garbage collected. A file truncated by another process
// while mapped raises SIGBUS on access to the lost pages: callers map files they own (a sample folder).
#include <node_api.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "napi-args.h"

namespace vecstage_mapfile {
namespace {

void Unmap(napi_env, void* data, void* hint) { munmap(data, reinterpret_cast<size_t>(hint)); }

napi_value Fail(napi_env env, const std::string& what) {
  napi_throw_error(env, "VECSTAGE_MAP_FILE", what.c_str());
  return nullptr;
}

napi_value MapFile(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  size_t len = 0;
  if (argc != 1 || napi_get_value_string_utf8(env, argv[0], nullptr, 0, &len) != napi_ok) return vecstage_napi::Throw(env, "mapFile expects a path");
  std::vector<char> path(len + 1);
  napi_get_value_string_utf8(env, argv[0], path.data(), path.size(), &len);
  const int fd = open(path.data(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Fail(env, std::string("cannot open ") + path.data() + ": " + std::strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0) {
    const int e = errno;
    close(fd);
    return Fail(env, std::string("cannot stat ") + path.data() + ": " + std::strerror(e));
  }
  napi_value out;
  const size_t size = static_cast<size_t>(st.st_size);
  if (size == 0) {
    close(fd);
    void* none;
    napi_create_arraybuffer(env, 0, &none, &out);
    return out;
  }
  void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  const int e = errno;
  close(fd);  // the mapping keeps the file
  if (p == MAP_FAILED) return Fail(env, std::string("cannot map ") + path.data() + ": " + std::strerror(e));
  madvise(p, size, MADV_WILLNEED);
  if (napi_create_external_arraybuffer(env, p, size, Unmap, reinterpret_cast<void*>(size), &out) != napi_ok) {
    munmap(p, size);
    return Fail(env, "this Node.js does not allow external ArrayBuffers");
  }
  return out;
}

}  // namespace

void Register(napi_env env, napi_value exports) { vecstage_napi::Export(env, exports, "mapFile", MapFile); }

}  // namespace vecstage_mapfile
