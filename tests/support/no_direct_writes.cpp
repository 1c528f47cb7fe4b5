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

// A write through a descriptor opened for direct writes fails; any other goes to the C library's
// own function of that name.
template <class... Args>
ssize_t refuse_direct(const char* name, int fd, Args... args) {
  if (opened_for_direct_writes(fd)) {
    errno = EINVAL;
    return -1;
  }
  using Real = ssize_t (*)(int, Args...);
  return reinterpret_cast<Real>(::dlsym(RTLD_NEXT, name))(fd, args...);
}

}  // namespace

extern "C" {

ssize_t pwrite(int fd, const void* data, size_t size, off_t offset) { return refuse_direct("pwrite", fd, data, size, offset); }
ssize_t pwrite64(int fd, const void* data, size_t size, off_t offset) { return refuse_direct("pwrite64", fd, data, size, offset); }
ssize_t write(int fd, const void* data, size_t size) { return refuse_direct("write", fd, data, size); }

}  // extern "C"
