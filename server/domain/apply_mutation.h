#pragma once
// The one write path for records (sync push uses it): validate, ask scope, check the version,
// store the new version. Runs inside the caller's transaction.
#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "scope/caller.h"
#include "storage/blob_store.h"
#include "storage/record_store.h"

namespace kete::domain {

struct Mutation {
  std::string id;  // the client's mutation id: the same id twice is applied once
  std::string collection;
  std::string op;  // create | update | delete
  std::string record_id;
  std::int64_t base_version = 0;
  boost::json::object data;
};

struct MutationOutcome {
  std::string status;  // applied | duplicate | conflict | rejected
  std::int64_t version = 0;
  std::optional<Error> error;
  std::optional<boost::json::object> current;  // on conflict: the record as stored
  std::string subject_tenant_id;               // for the audit log of denials
};

// The blob the caller may refer to in a record (one it uploaded, or can already read); nothing
// otherwise, the same for a blob that does not exist.
using BlobAccess = std::function<std::optional<storage::BlobInfo>(const std::string& sha256)>;

// `records` collects the change-log entries written, for live hints once the caller commits.
// Records with a file keep its history: a new `blob` on a document moves the old one, with who
// uploaded it and when, into `versions` (kept by the server; clients cannot write it). The new
// file's `size` and `mime` are the server's, whatever the client said.
MutationOutcome apply_mutation(storage::SqliteDatabase& db, storage::RecordStore& records, const scope::Caller& caller,
                               const Mutation& m, const BlobAccess& may_use_blob);

boost::json::object record_json(const storage::StoredRecord& r);

}  // namespace kete::domain
