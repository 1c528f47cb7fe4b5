#include "domain/sync_handlers.h"

#include <boost/json/parse.hpp>
#include <map>
#include <memory>

#include "domain/audit.h"
#include "storage/audit_writer.h"
#include "http/json_body.h"
#include "http/json_response.h"
#include "scope/bucket_rules.h"
#include "storage/change_feed.h"
#include "storage/identity_store.h"
#include "storage/record_store.h"
#include "storage/sqlite_database.h"

namespace kete::domain {
namespace {

constexpr std::int64_t kDefaultLimit = 1000;
constexpr std::int64_t kMaxLimit = 5000;
// Cursors beyond the buckets a caller can read: those it read before and lost (which come back
// in removed_buckets). More than that is not an app's pull.
constexpr std::size_t kSpareCursors = 256;

// The pull answer (DESIGN.md §3). `out_cursors` holds what moved; every other readable bucket
// answers with the cursor the app sent (0 when it sent none).
http::Response pull_answer(const std::string& epoch, const std::vector<std::string>& buckets,
                           const std::map<std::string, std::int64_t>& cursors, boost::json::object out_cursors,
                           boost::json::array changes, bool more) {
  boost::json::array bucket_list;
  for (const auto& bucket : buckets) {
    bucket_list.push_back(boost::json::string(bucket));
    if (!out_cursors.contains(bucket)) {
      const auto it = cursors.find(bucket);
      out_cursors[bucket] = it == cursors.end() ? 0 : it->second;
    }
  }
  boost::json::array removed;
  for (const auto& [bucket, seq] : cursors)
    if (!std::binary_search(buckets.begin(), buckets.end(), bucket)) removed.push_back(boost::json::string(bucket));
  return http::json_response(200, boost::json::object{{"epoch", epoch},
                                                      {"buckets", std::move(bucket_list)},
                                                      {"removed_buckets", std::move(removed)},
                                                      {"changes", std::move(changes)},
                                                      {"cursors", std::move(out_cursors)},
                                                      {"more", more}});
}

// The buckets a caller can read now, as scope says from the tenants and users stored.
std::vector<std::string> readable_now(storage::SqliteDatabase& db, const scope::Caller& caller) {
  storage::IdentityStore identities(db);
  return scope::readable_buckets(caller, {[&](const std::string& kind) { return identities.tenant_ids(kind); },
                                          [&] { return identities.user_ids_of_tenant(caller.tenant_id); }});  // admins only
}

}  // namespace

http::Response pull(ServerContext& ctx, const http::Request& request, const scope::Caller& caller) {
  auto body = http::parse_json_object(request, true);
  if (!body) return http::error_response(body.error());
  if (auto ok = http::only_fields(*body, {"cursors", "limit"}); !ok) return http::error_response(ok.error());
  std::map<std::string, std::int64_t> cursors;
  if (const auto* c = body->if_contains("cursors")) {
    if (!c->is_object()) return http::error_response(ErrorCode::bad_request, "cursors must be an object");
    // Each cursor costs the connection's thread a map entry and a comparison: a caller names
    // about as many as it has buckets, never a million.
    if (c->as_object().size() > kSpareCursors) {
      std::size_t readable = 0;
      if (auto known = ctx.sessions.buckets(caller.user_id, caller.identity_generation)) {
        readable = known->size();
      } else {
        readable = readable_now(ctx.db(), caller).size();
      }
      if (c->as_object().size() > readable + kSpareCursors)
        return http::error_response(ErrorCode::bad_request, "more cursors than buckets you can read");
    }
    for (const auto& [bucket, seq] : c->as_object()) {
      if (bucket.size() > 100 || !seq.is_int64() || seq.as_int64() < 0)
        return http::error_response(ErrorCode::bad_request, "each cursor must be a bucket name and a whole number");
      cursors[std::string(bucket)] = seq.as_int64();
    }
  }
  std::int64_t limit = kDefaultLimit;
  if (const auto* l = body->if_contains("limit")) {
    if (!l->is_int64() || l->as_int64() < 1 || l->as_int64() > kMaxLimit)
      return http::error_response(ErrorCode::bad_request, "limit must be from 1 to 5000");
    limit = l->as_int64();
  }

  // An up-to-date app (the common case by far) is answered from memory: its bucket list as of
  // the identity generation its session was read under, and every bucket's committed head.
  const auto& committed = ctx.committed();
  if (auto known = ctx.sessions.buckets(caller.user_id, caller.identity_generation)) {
    bool up_to_date = true;
    for (const auto& bucket : *known) {
      const auto it = cursors.find(bucket);
      if ((it == cursors.end() ? 0 : it->second) < committed.head(bucket)) {
        up_to_date = false;
        break;
      }
    }
    if (up_to_date) return pull_answer(committed.epoch(), *known, cursors, {}, {}, false);
  }

  auto& db = ctx.db();
  storage::Transaction snapshot(db, false);  // one consistent view across every bucket read
  storage::ChangeFeed feed(db);
  storage::RecordStore records(db);
  const scope::ReadScope scope(caller);
  const auto buckets = readable_now(db, caller);
  ctx.sessions.put_buckets(caller.user_id, std::make_shared<const std::vector<std::string>>(buckets),
                           caller.identity_generation);

  boost::json::array changes;
  boost::json::object out_cursors;
  bool more = false;
  std::int64_t remaining = limit;
  for (const auto& bucket : buckets) {
    const auto it = cursors.find(bucket);
    const std::int64_t after = it == cursors.end() ? 0 : it->second;
    if (remaining == 0) {
      out_cursors[bucket] = after;
      more = more || feed.head(bucket) > after;
      continue;
    }
    const auto rows = feed.since(bucket, after, static_cast<int>(remaining));
    remaining -= static_cast<std::int64_t>(rows.size());
    out_cursors[bucket] = rows.empty() ? after : rows.back().seq;
    if (remaining == 0) more = more || feed.head(bucket) > rows.back().seq;
    for (const auto& row : rows) {
      boost::json::object change{{"bucket", row.bucket},         {"seq", row.seq},   {"collection", row.collection},
                                 {"id", row.record_id},          {"version", row.version}};
      // Data goes out only while the record is still in this bucket; otherwise it is a removal
      // here, whatever it became elsewhere.
      auto current = row.removed ? std::nullopt : records.get(scope, row.collection, row.record_id);
      const bool present = current && std::find(current->buckets.begin(), current->buckets.end(), bucket) !=
                                          current->buckets.end();
      change["deleted"] = !present;
      if (present) {
        boost::system::error_code ec;
        auto data = boost::json::parse(current->data_json, ec);
        change["version"] = current->version;
        change["data"] = ec ? boost::json::value(boost::json::object{}) : data;
      }
      changes.push_back(std::move(change));
    }
    if (!rows.empty()) {
      if (const auto read = scope::audited_read(caller, bucket); read.audited())
        audit_read(ctx.read_audit, caller, request, "sync_read", {read.tenant_id, read.user_id},
                   bucket + ": " + std::to_string(rows.size()) + " change(s)");
    }
  }
  const auto epoch = feed.epoch();
  snapshot.commit();
  return pull_answer(epoch, buckets, cursors, std::move(out_cursors), std::move(changes), more);
}

}  // namespace kete::domain
