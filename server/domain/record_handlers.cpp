#include "domain/record_handlers.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "domain/apply_mutation.h"
#include "domain/audit.h"
#include "domain/blob_handlers.h"
#include "storage/audit_writer.h"
#include "http/json_body.h"
#include "http/json_response.h"
#include "kete/collections.h"
#include "kete/uuid.h"
#include "scope/bucket_rules.h"
#include "storage/record_store.h"
#include "storage/sqlite_database.h"

namespace kete::domain {
namespace {

constexpr std::size_t kMaxMutationsPerPush = 500;

Result<Mutation> parse_mutation(const boost::json::value& v) {
  if (!v.is_object()) return make_error(ErrorCode::bad_request, "each mutation must be an object");
  const auto& o = v.as_object();
  if (auto ok = http::only_fields(o, {"id", "collection", "op", "record_id", "base_version", "data"}); !ok) return ok.error();
  Mutation m;
  for (auto [key, target] : {std::pair{"id", &m.id}, std::pair{"collection", &m.collection}, std::pair{"op", &m.op},
                             std::pair{"record_id", &m.record_id}}) {
    auto s = http::string_field(o, key, true, 100);
    if (!s) return s.error();
    *target = **s;
  }
  if (!is_canonical_uuid(m.id)) return make_error(ErrorCode::bad_request, "mutation id must be a lower-case UUID");
  if (const auto* bv = o.if_contains("base_version")) {
    if (!bv->is_int64() || bv->as_int64() < 0) return make_error(ErrorCode::bad_request, "base_version must be a whole number");
    m.base_version = bv->as_int64();
  } else if (m.op != "create") {
    return make_error(ErrorCode::bad_request, "base_version is required for " + m.op);
  }
  if (const auto* data = o.if_contains("data")) {
    if (!data->is_object()) return make_error(ErrorCode::bad_request, "data must be an object");
    m.data = data->as_object();
  } else if (m.op != "delete") {
    return make_error(ErrorCode::bad_request, "data is required for " + m.op);
  }
  return m;
}

boost::json::object outcome_json(const std::string& id, const MutationOutcome& o) {
  boost::json::object out{{"id", id}, {"status", o.status}};
  if (o.version) out["version"] = o.version;
  if (o.error) out["error"] = boost::json::object{{"code", to_string(o.error->code)}, {"message", o.error->message}};
  if (o.current) out["current"] = *o.current;
  return out;
}

}  // namespace

http::Response read_record(ServerContext& ctx, const http::Request& request, const scope::Caller& caller,
                           const std::string& collection, const std::string& id) {
  // Unknown collections, malformed ids, missing records and records out of scope all look alike.
  if (!find_collection(collection) || !is_canonical_uuid(id))
    return http::error_response(ErrorCode::not_found, "no such record");
  auto& db = ctx.db();
  auto record = storage::RecordStore(db).get(scope::ReadScope(caller), collection, id);
  if (!record) return http::error_response(ErrorCode::not_found, "no such record");
  audit_record_read(ctx.read_audit, caller, request, "read_record", record->buckets, record->collection, record->id);
  return http::json_response(200, record_json(*record));
}

http::Response push(ServerContext& ctx, const http::Request& request, const scope::Caller& caller) {
  auto body = http::parse_json_object(request);
  if (!body) return http::error_response(body.error());
  if (auto ok = http::only_fields(*body, {"client_id", "mutations"}); !ok) return http::error_response(ok.error());
  if (auto client = http::string_field(*body, "client_id", false, 100); !client) return http::error_response(client.error());
  const auto* list = body->if_contains("mutations");
  if (!list || !list->is_array()) return http::error_response(ErrorCode::bad_request, "mutations must be an array");
  if (list->as_array().size() > kMaxMutationsPerPush)
    return http::error_response(ErrorCode::payload_too_large, "at most 500 mutations per push");

  auto& db = ctx.db();
  storage::RecordStore records(db);
  boost::json::array results;
  // One transaction per batch: either every result below was committed, or none is reported.
  storage::Transaction tx(db);
  for (const auto& entry : list->as_array()) {
    auto m = parse_mutation(entry);
    if (!m) {
      const auto* id = entry.is_object() ? entry.as_object().if_contains("id") : nullptr;
      results.push_back(outcome_json(id && id->is_string() ? std::string(id->as_string()) : "",
                                     MutationOutcome{"rejected", 0, m.error(), std::nullopt, {}}));
      continue;
    }
    if (auto before = records.mutation_result(caller.user_id, m->id)) {
      boost::system::error_code ec;
      auto previous = boost::json::parse(*before, ec);
      boost::json::object dup{{"id", m->id}, {"status", "duplicate"}};
      if (!ec && previous.is_object() && previous.as_object().contains("version")) dup["version"] = previous.as_object()["version"];
      results.push_back(std::move(dup));
      continue;
    }
    MutationOutcome outcome =
        apply_mutation(db, records, caller, *m, [&](const std::string& sha) { return usable_blob(ctx, caller, sha); });
    if (outcome.error && (outcome.error->code == ErrorCode::forbidden || outcome.error->code == ErrorCode::not_found))
      audit_denial(ctx, caller, request, "write_" + m->op, {outcome.subject_tenant_id, "", m->collection, m->record_id},
                   outcome.error->message);
    auto json = outcome_json(m->id, outcome);
    records.remember_mutation(caller.user_id, m->id, boost::json::serialize(json));
    results.push_back(std::move(json));
  }
  tx.commit();
  ctx.live.notify(records.changes_written(),
                  [&ctx](const std::string& user) { return ctx.committed().identity_generation(user); });  // only after the commit: a hint never runs ahead
  return http::json_response(200, boost::json::object{{"results", std::move(results)}});
}

}  // namespace kete::domain
