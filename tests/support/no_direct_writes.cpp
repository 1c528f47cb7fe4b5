// Preloaded (LD_PRELOAD) into a suite and the server it starts, this makes every file system look
// like one that opens files for direct writes (O_DIRECT) but refuses the writes themselves with
// EINVAL, as some network and FUSE file systems do. The server must then fall back to writing
// through the page cache without losing a byte. Linux only, like the server's direct writes.
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/types.h>
#include <unistd.h>

#include <cerrno>

namespace {

bool opened_for_direct_writes(int fd) {
  const int flags = ::fcntl(fd, F_GETFL);
  return flags >= 0 && (flags & O_DIRECT) != 0;
}

template <class Function>
Function next(const char* name) {
  return reinterpret_cast<Function>(::dlsym(RTLD_NEXT, name));
}

}  // namespace

extern "C" {

ssize_t pwrite(int fd, const void* data, size_t size, off_t offset) {
  if (opened_for_direct_writes(fd)) {
    errno = EINVAL;
    return -1;
  }
  static const auto real = next<ssize_t (*)(int, const void*, size_t, off_t)>("pwrite");
  return real(fd, data, size, offset);
}

ssize_t pwrite64(int fd, const void* data, size_t size, off_t offset) {
  if (opened_for_direct_writes(fd)) {
    errno = EINVAL;
    return -1;
  }
  static const auto real = next<ssize_t (*)(int, const void*, size_t, off_t)>("pwrite64");
  return real(fd, data, size, offset);
}

ssize_t write(int fd, const void* data, size_t size) {
  if (opened_for_direct_writes(fd)) {
    errno = EINVAL;
    return -1;
  }
  static const auto real = next<ssize_t (*)(int, const void*, size_t)>("write");
  return real(fd, data, size);
}

}  // extern "C"
