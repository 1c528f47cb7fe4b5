#pragma once
// PUT, HEAD and GET /api/v1/blobs/<sha256> (DESIGN.md §4), and the sweep of unreferenced blobs.
#include <string>

#include "http/message.h"
#include "scope/caller.h"
#include "server_context.h"
#include "storage/blob_store.h"

namespace kete::domain {

http::Response put_blob(ServerContext& ctx, const http::Request& request, const scope::Caller& caller,
                        const std::string& sha256);
http::Response head_blob(ServerContext& ctx, const scope::Caller& caller, const std::string& sha256);
http::Response get_blob(ServerContext& ctx, const http::Request& request, const scope::Caller& caller,
                        const std::string& sha256);

// May the caller refer to this blob in a record it writes? Only one it uploaded or can already
// read (its size and type, then); the same answer for a blob that does not exist (no oracle).
std::optional<storage::BlobInfo> usable_blob(ServerContext& ctx, const scope::Caller& caller, const std::string& sha256);

struct SweepResult {
  int blobs_removed = 0;
  int uploads_dropped = 0;
  int strays_removed = 0;  // files with no record of them (left by a crash between file and database)
};
SweepResult sweep_blobs(ServerContext& ctx, std::int64_t now);

}  // namespace kete::domain
