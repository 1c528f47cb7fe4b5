#include "domain/apply_mutation.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "domain/record_validation.h"
#include "kete/collections.h"
#include "kete/time_format.h"
#include "kete/uuid.h"
#include "scope/bucket_rules.h"
#include "scope/write_rules.h"
#include "storage/identity_store.h"

namespace kete::domain {
namespace {

MutationOutcome rejected(Error e) { return MutationOutcome{"rejected", 0, std::move(e), std::nullopt, {}}; }

scope::Directory directory_over(storage::SqliteDatabase& db) {
  return scope::Directory{
      [&db](const std::string& tenant_id) {
        if (!is_canonical_uuid(tenant_id)) return std::string();
        auto t = storage::IdentityStore(db).tenant_by_id(tenant_id);
        return t ? t->kind : std::string();
      },
      [&db](const std::string& user_id) {
        if (!is_canonical_uuid(user_id)) return std::string();
        storage::IdentityStore ids(db);
        auto u = ids.user_by_id(user_id);
        if (!u) return std::string();
        auto t = ids.tenant_by_id(u->tenant_id);
        return t ? t->kind : std::string();
      }};
}

std::string tenant_of(const boost::json::object& data) {
  const auto* v = data.if_contains("tenant_id");
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

boost::json::object record_json(const storage::StoredRecord& r) {
  boost::system::error_code ec;
  auto data = boost::json::parse(r.data_json, ec);
  return {{"id", r.id},
          {"collection", r.collection},
          {"version", r.version},
          {"deleted", r.deleted},
          {"data", ec ? boost::json::value(boost::json::object{}) : data},
          {"created_at", r.created_at},
          {"updated_at", r.updated_at}};
}

MutationOutcome apply_mutation(storage::SqliteDatabase& db, storage::RecordStore& records, const scope::Caller& caller,
                               const Mutation& m) {
  const CollectionSpec* spec = find_collection(m.collection);
  if (!spec) return rejected(make_error(ErrorCode::not_found, "no such collection"));
  if (!is_canonical_uuid(m.record_id)) return rejected(make_error(ErrorCode::bad_request, "record_id must be a lower-case UUID"));
  const scope::ReadScope scope(caller);
  const auto directory = directory_over(db);
  const std::string now = rfc3339_utc_now(true);

  if (m.op == "create") {
    if (auto ok = validate_record_data(*spec, m.data, false); !ok) return rejected(ok.error());
    boost::json::object next = m.data;
    if (auto ok = scope::authorize_write(caller, *spec, scope::WriteOp::create, nullptr, next, directory); !ok) {
      auto out = rejected(ok.error());
      out.subject_tenant_id = tenant_of(next);
      return out;
    }
    if (records.id_taken(m.record_id)) return rejected(make_error(ErrorCode::conflict, "that record id is already in use"));
    auto buckets = scope::record_buckets(*spec, next);
    if (!buckets) return rejected(buckets.error());
    storage::StoredRecord r{m.record_id, m.collection, 1, boost::json::serialize(next), buckets.value(), false,
                            caller.user_id, now, caller.user_id, now};
    records.insert(r);
    return MutationOutcome{"applied", 1, std::nullopt, std::nullopt, {}};
  }

  if (m.op != "update" && m.op != "delete") return rejected(make_error(ErrorCode::bad_request, "op must be create, update or delete"));
  auto stored = records.get(scope, m.collection, m.record_id);
  if (!stored) return rejected(make_error(ErrorCode::not_found, "no such record"));
  boost::system::error_code ec;
  auto parsed = boost::json::parse(stored->data_json, ec);
  const boost::json::object current = ec || !parsed.is_object() ? boost::json::object{} : parsed.as_object();
  if (m.base_version != stored->version) {
    if (spec->append_only) return rejected(make_error(ErrorCode::forbidden, "this collection is append-only"));
    return MutationOutcome{"conflict", stored->version, make_error(ErrorCode::conflict, "the record has changed since"),
                           record_json(*stored), {}};
  }

  boost::json::object next = current;
  scope::WriteOp op = scope::WriteOp::remove;
  if (m.op == "update") {
    if (auto ok = validate_record_data(*spec, m.data, true); !ok) return rejected(ok.error());
    for (const auto& [key, value] : m.data) {
      if (value.is_null()) next.erase(key);
      else next[key] = value;
    }
    op = scope::WriteOp::update;
  }
  if (auto ok = scope::authorize_write(caller, *spec, op, &current, next, directory); !ok) {
    auto out = rejected(ok.error());
    out.subject_tenant_id = tenant_of(current);
    return out;
  }
  storage::StoredRecord r = *stored;
  r.version = stored->version + 1;
  r.updated_by = caller.user_id;
  r.updated_at = now;
  if (op == scope::WriteOp::remove) {
    r.deleted = true;
    r.data_json = "{}";  // the bucket stays, so the deletion can reach every reader
  } else {
    auto buckets = scope::record_buckets(*spec, next);
    if (!buckets) return rejected(buckets.error());
    // An update may not move a record out of its author's sight (e.g. hide a document from oneself).
    if (!scope.can_read(buckets.value())) return rejected(make_error(ErrorCode::forbidden, "that change would move the record out of your reach"));
    r.buckets = buckets.value();
    r.data_json = boost::json::serialize(next);
  }
  records.replace(r, stored->buckets);
  return MutationOutcome{"applied", r.version, std::nullopt, std::nullopt, {}};
}

}  // namespace kete::domain
