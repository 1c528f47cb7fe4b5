#pragma once
// Limits for uploaded files, set in the server's --config file.
#include <cstdint>

namespace kete::blobs {

struct BlobSettings {
  std::int64_t max_bytes = 4LL << 30;              // one file ("max_blob_bytes"); larger: 413
  std::int64_t tenant_quota_bytes = 50LL << 30;    // all files of one tenant ("tenant_quota_bytes"); over: 413
  // An unreferenced blob lives this long ("blob_gc_grace_seconds"): long enough for an app that
  // uploaded a file and was closed before sending its record to come back and send it.
  std::int64_t gc_grace_seconds = 7 * 24 * 3600;
  std::int64_t gc_interval_seconds = 3600;         // how often they are swept ("blob_gc_interval_seconds")
  std::int64_t stale_upload_seconds = 7 * 24 * 3600;  // an upload untouched this long is dropped
};

}  // namespace kete::blobs
