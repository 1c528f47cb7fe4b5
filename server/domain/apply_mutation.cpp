#include "domain/apply_mutation.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "domain/record_validation.h"
#include "kete/collections.h"
#include "kete/time_format.h"
#include "kete/uuid.h"
#include "scope/bucket_rules.h"
#include "scope/write_rules.h"
#include "storage/blob_store.h"
#include "storage/identity_store.h"

namespace kete::domain {
namespace {

MutationOutcome rejected(Error e) { return MutationOutcome{"rejected", 0, std::move(e), std::nullopt, {}}; }

scope::Directory directory_over(storage::SqliteDatabase& db, storage::RecordStore& records, const scope::ReadScope& scope) {
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
      },
      [&records, &scope](const std::string& document_id) {
        return is_canonical_uuid(document_id) && records.get(scope, "documents", document_id).has_value();
      }};
}

// A document sent for an item of a document request ticks that item off, in the same
// transaction (DESIGN.md: requests are fulfilled by upload); the request is done when every
// item is. The request must be one the author can read, of the document's own client.
Result<Done> tick_request_item(storage::RecordStore& records, const scope::ReadScope& scope,
                               const boost::json::object& document, const std::string& document_id,
                               const scope::Caller& caller, const std::string& now) {
  const auto* request_id = document.if_contains("request_id");
  if (!request_id || !request_id->is_string()) return Done{};
  auto stored = records.get(scope, "document_requests", std::string(request_id->as_string()));
  if (!stored) return make_error(ErrorCode::not_found, "no such document request");
  boost::system::error_code ec;
  auto parsed = boost::json::parse(stored->data_json, ec);
  if (ec || !parsed.is_object()) return make_error(ErrorCode::internal, "the request could not be read");
  auto& request = parsed.as_object();
  if (request["tenant_id"] != document.at("tenant_id"))
    return make_error(ErrorCode::bad_request, "the document and the request belong to different clients");
  const auto* item_name = document.if_contains("request_item");
  auto* items = request.if_contains("items");
  if (!item_name || !items || !items->is_array()) return Done{};
  bool changed = false, all = true;
  for (auto& item : items->as_array()) {
    if (!item.is_object()) continue;
    auto& o = item.as_object();
    if (o["name"] == *item_name && o["status"] != "uploaded") {
      o["status"] = "uploaded";
      o["document_id"] = document_id;
      changed = true;
    }
    all = all && o["status"] == "uploaded";
  }
  if (!changed) return Done{};
  if (all) request["status"] = "fulfilled";
  storage::StoredRecord r = *stored;
  r.version = stored->version + 1;
  r.updated_by = caller.user_id;
  r.updated_at = now;
  r.data_json = boost::json::serialize(request);
  records.replace(r, stored->buckets);
  return Done{};
}

std::string blob_of(const boost::json::object& data) {
  const auto* v = data.if_contains("blob");
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

// Every blob a record refers to: its current file and all earlier versions.
std::vector<std::string> blobs_of(const boost::json::object& data) {
  std::vector<std::string> out;
  if (auto b = blob_of(data); !b.empty()) out.push_back(b);
  if (const auto* versions = data.if_contains("versions"); versions && versions->is_array())
    for (const auto& v : versions->as_array())
      if (v.is_object())
        if (auto b = blob_of(v.as_object()); !b.empty()) out.push_back(b);
  return out;
}

// The server's own fields on records with files; never taken from a client.
constexpr std::string_view kServerFields[] = {"versions", "uploaded_by", "uploaded_at", "uploaded_by_name",
                                              "uploaded_by_client", "author_id", "author_name",
                                              "from_business", "sent_at", "acknowledged_at"};

// A changed `blob` must be one the caller may use; the old file joins `versions`. Returns the
// record's blobs to register when they changed, nothing when they did not.
Result<std::optional<std::vector<std::string>>> check_new_blob(const boost::json::object& before,
                                                               boost::json::object& next, const scope::Caller& caller,
                                                               const std::string& now, const BlobAccess& may_use) {
  const auto old_blob = blob_of(before);
  const auto new_blob = blob_of(next);
  if (new_blob.empty()) {  // no file, so nothing to describe: size and mime go with it
    next.erase("size");
    next.erase("mime");
  }
  if (new_blob.empty() || new_blob == old_blob) return std::optional<std::vector<std::string>>{};
  // The same answer for a blob that does not exist and one the caller may not see: no oracle.
  const auto info = may_use(new_blob);
  if (!info) return make_error(ErrorCode::bad_request, "the file " + new_blob + " has not been uploaded by you");
  if (!old_blob.empty()) {
    boost::json::object previous{{"blob", old_blob}};
    for (const char* key : {"size", "mime", "title", "uploaded_by", "uploaded_by_name", "uploaded_at"})
      if (const auto* v = before.if_contains(key)) previous[key] = *v;
    auto versions = before.contains("versions") && before.at("versions").is_array() ? before.at("versions").as_array()
                                                                                    : boost::json::array{};
    versions.push_back(std::move(previous));
    next["versions"] = std::move(versions);
  }
  next["size"] = info->size;
  next["mime"] = info->mime;  // sniffed from the stored bytes when they arrived (kete/file_types.h)
  next["uploaded_by"] = caller.user_id;
  next["uploaded_by_name"] = caller.name;
  next["uploaded_by_client"] = caller.tenant_kind == "client";  // staff are told of what clients send
  next["uploaded_at"] = now;
  return std::optional<std::vector<std::string>>{blobs_of(next)};
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
                               const Mutation& m, const BlobAccess& may_use_blob) {
  const CollectionSpec* spec = find_collection(m.collection);
  if (!spec) return rejected(make_error(ErrorCode::not_found, "no such collection"));
  if (!is_canonical_uuid(m.record_id)) return rejected(make_error(ErrorCode::bad_request, "record_id must be a lower-case UUID"));
  const scope::ReadScope scope(caller);
  const auto directory = directory_over(db, records, scope);
  const std::string now = rfc3339_utc_now(true);
  for (auto field : kServerFields)
    if (m.data.contains(field))
      return rejected(make_error(ErrorCode::bad_request, "'" + std::string(field) + "' is kept by the server"));
  const bool has_files = find_field(*spec, "blob") != nullptr;
  // A file's size and type are what the server measured and sniffed of the stored bytes: the
  // apps choose how to open a file by its type, so a type a writer names could make an app run a
  // program (a "PDF" whose record says it is an executable).
  if (has_files)
    for (std::string_view field : {"size", "mime"})
      if (m.data.contains(field))
        return rejected(make_error(ErrorCode::bad_request, "'" + std::string(field) + "' is kept by the server"));

  if (m.op == "create") {
    if (auto ok = validate_record_data(*spec, m.data, false); !ok) return rejected(ok.error());
    boost::json::object next = m.data;
    if (auto ok = scope::authorize_write(caller, *spec, scope::WriteOp::create, nullptr, next, directory); !ok) {
      auto out = rejected(ok.error());
      out.subject_tenant_id = scope::denial_subject_tenant(caller, tenant_of(next));
      return out;
    }
    if (records.id_taken(m.record_id)) return rejected(make_error(ErrorCode::conflict, "that record id is already in use"));
    std::optional<std::vector<std::string>> files;
    if (has_files) {
      auto checked = check_new_blob({}, next, caller, now, may_use_blob);
      if (!checked) return rejected(checked.error());
      files = std::move(checked.value());
    }
    if (spec->name == "messages") {  // who wrote it, as the session says: shown to both sides
      next["author_id"] = caller.user_id;
      next["author_name"] = caller.name;
      next["from_business"] = caller.internal();
      next["sent_at"] = now;
    }
    if (spec->name == "acknowledgements") next["acknowledged_at"] = now;  // when, as the server saw it
    auto buckets = scope::record_buckets(*spec, next);
    if (!buckets) return rejected(buckets.error());
    storage::StoredRecord r{m.record_id, m.collection, 1, boost::json::serialize(next), buckets.value(), false,
                            caller.user_id, now, caller.user_id, now};
    if (spec->name == "documents")
      if (auto ticked = tick_request_item(records, scope, next, r.id, caller, now); !ticked) return rejected(ticked.error());
    records.insert(r);
    if (files) storage::BlobStore(db, {}).set_record_blobs(r.id, *files);
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
    out.subject_tenant_id = scope::denial_subject_tenant(caller, tenant_of(current));
    return out;
  }
  storage::StoredRecord r = *stored;
  r.version = stored->version + 1;
  r.updated_by = caller.user_id;
  r.updated_at = now;
  // Registered files change only with a checked new file, or all go with a deletion.
  std::optional<std::vector<std::string>> files;
  if (has_files && op == scope::WriteOp::update) {
    auto checked = check_new_blob(current, next, caller, now, may_use_blob);
    if (!checked) return rejected(checked.error());
    files = std::move(checked.value());
  }
  if (has_files && op == scope::WriteOp::remove) files = std::vector<std::string>{};
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
  if (files) storage::BlobStore(db, {}).set_record_blobs(r.id, *files);  // a deleted record's files may be collected
  return MutationOutcome{"applied", r.version, std::nullopt, std::nullopt, {}};
}

}  // namespace kete::domain
