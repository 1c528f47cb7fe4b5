#include "domain/demo_business.h"

#include <boost/json/serialize.hpp>

#include "auth/password_hash.h"
#include "auth/random.h"
#include "kete/collections.h"
#include "kete/time_format.h"
#include "scope/bucket_rules.h"
#include "storage/identity_store.h"
#include "storage/record_store.h"

namespace kete::domain {
namespace {

struct DemoPerson {
  const char* email;
  const char* name;
  const char* role;
  int tenant;  // index into kTenants
  bool sees_invoices = true;
};

struct DemoTenant {
  const char* kind;
  const char* name;
};

constexpr DemoTenant kTenants[] = {
    {"internal", "Harbour Lane Accountants"},
    {"client", "Kauri Joinery Ltd"},
    {"client", "Pōhutukawa Café Ltd"},
    {"partner", "Harbour Lane Tauranga"},
};

constexpr DemoPerson kPeople[] = {
    {"aroha@harbourlane.co.nz", "Aroha Ngata", "admin", 0},
    {"james@harbourlane.co.nz", "James Wilson", "manager", 0},
    {"mere@harbourlane.co.nz", "Mere Tane", "staff", 0},
    {"sam@kaurijoinery.co.nz", "Sam Patel", "client", 1},
    {"priya@kaurijoinery.co.nz", "Priya Shah", "client", 1, false},  // workshop manager: no invoices
    {"lena@pohutukawacafe.co.nz", "Lena Fischer", "client", 2},
    {"tom@tauranga.harbourlane.co.nz", "Tom Reid", "partner", 3},
};

// A few records so the demo business has something in each audience's buckets. Written straight
// to the record store (a trusted seeding path), through the same change log as every write.
void seed_demo_records(storage::RecordStore& records, const std::vector<std::string>& tenants,
                       const std::string& admin_id) {
  const std::string now = rfc3339_utc_now(true);
  auto add = [&](const char* collection, boost::json::object data, std::string id = {}) {
    const auto* spec = find_collection(collection);
    auto buckets = scope::record_buckets(*spec, data);
    records.insert(storage::StoredRecord{id.empty() ? auth::random_uuid() : id, collection, 1, boost::json::serialize(data),
                                         buckets.value(), false, admin_id, now, admin_id, now});
  };
  const std::string& kauri = tenants[1];
  const std::string& cafe = tenants[2];
  const std::string& tauranga = tenants[3];
  add("announcements", {{"title", "Office closed for Wellington Anniversary"},
                        {"body", "The office is closed on Monday 19 January. Client deadlines are unchanged."},
                        {"pinned", true}});
  add("procedures", {{"title", "Preparing a GST return"}, {"body", "1. Reconcile the bank feed..."}, {"category", "Tax"}});
  const auto stage = [](const char* name, const char* done_on) {
    boost::json::object o{{"name", name}};
    if (done_on) o["done_on"] = done_on;
    return o;
  };
  add("jobs", {{"tenant_id", kauri},
               {"title", "2026 annual accounts"},
               {"stage", "In review"},
               {"next_step", "Aroha reviews the draft accounts; we will send them to you to sign by 12 December."},
               {"stages", boost::json::array{stage("Records received", "2026-10-02"), stage("In preparation", "2026-10-20"),
                                             stage("In review", "2026-11-18"), stage("Signed", nullptr),
                                             stage("Filed", nullptr)}}});
  add("jobs", {{"tenant_id", cafe},
               {"title", "GST return, period ending November"},
               {"stage", "Records requested"},
               {"next_step", "Upload your bank statements so we can reconcile the period."},
               {"stages", boost::json::array{stage("Records requested", "2026-11-20"), stage("Reconciled", nullptr),
                                             stage("Filed", nullptr)}}});
  const std::string paid_invoice = auth::random_uuid();
  add("invoices", {{"tenant_id", kauri}, {"number", "INV-2026-0142"}, {"amount_cents", 184000},
                   {"amount_paid_cents", 0}, {"amount_due_cents", 184000}, {"currency", "NZD"},
                   {"issued", "2026-11-20"}, {"due", "2026-12-20"}, {"status", "due"}},
      auth::random_uuid());
  add("invoices", {{"tenant_id", kauri}, {"number", "INV-2026-0098"}, {"amount_cents", 92000},
                   {"amount_paid_cents", 92000}, {"amount_due_cents", 0}, {"currency", "NZD"},
                   {"issued", "2026-08-14"}, {"due", "2026-09-20"}, {"status", "paid"}},
      paid_invoice);
  add("payments", {{"tenant_id", kauri}, {"invoice_id", paid_invoice}, {"amount_cents", 92000}, {"currency", "NZD"},
                   {"paid_at", "2026-09-18T02:10:00Z"}, {"reference", "Direct credit"}});
  add("document_requests",
      {{"tenant_id", cafe},
       {"title", "Bank statements, March to May"},
       {"description", "Statements for every business account, as PDF from your bank."},
       {"due", "2026-12-12"},
       {"status", "open"},
       {"items", boost::json::array{boost::json::object{{"name", "Cheque account, March"}, {"status", "open"}},
                                    boost::json::object{{"name", "Cheque account, April"}, {"status", "open"}},
                                    boost::json::object{{"name", "Cheque account, May"}, {"status", "open"}}}}});
  add("messages", {{"tenant_id", kauri},
                   {"body", "Kia ora Sam, your draft accounts are in review. Anything else we should know about?"},
                   {"author_id", admin_id}, {"author_name", "Aroha Ngata"}, {"from_business", true},
                   {"sent_at", "2026-11-25T21:30:00.000Z"}});
  add("client_notes", {{"tenant_id", kauri}, {"body", "Prefers e-mail after 3pm. New CNC machine bought in October."}});
  add("partner_resources", {{"title", "Harbour Lane brand guide 2026"}, {"category", "Brand"}, {"requires_ack", false}});
  add("partner_metrics", {{"tenant_id", tauranga}, {"period", "2026-10"}, {"metric", "new_clients"}, {"value", 7}});
}

}  // namespace

Result<std::vector<DemoLogin>> seed_demo_business(storage::IdentityStore& identities, storage::RecordStore& records,
                                                  bool& already_present) {
  std::vector<DemoLogin> logins;
  for (const auto& p : kPeople)
    logins.push_back({p.email, kDemoPassword, p.role, std::string(p.name) + ", " + kTenants[p.tenant].name});

  already_present = identities.user_by_email(kPeople[0].email).has_value();
  if (already_present) return logins;
  if (identities.user_count() > 0)
    return make_error(ErrorCode::conflict, "this data folder already holds another business; seed the demo into an empty folder");

  std::vector<std::string> tenant_ids;
  for (const auto& t : kTenants) {
    if (std::string_view(t.kind) == "internal") {
      tenant_ids.push_back(identities.internal_tenant(t.name).id);
    } else {
      auto created = identities.create_tenant(t.kind, t.name);
      if (!created) return created.error();
      tenant_ids.push_back(created->id);
    }
  }
  std::string manager_id, admin_id, staff_id;
  for (const auto& p : kPeople) {
    storage::User u;
    u.tenant_id = tenant_ids[static_cast<std::size_t>(p.tenant)];
    u.email = p.email;
    u.name = p.name;
    u.role = p.role;
    u.password_hash = auth::hash_password(kDemoPassword);
    u.sees_invoices = p.sees_invoices;
    if (std::string_view(p.role) == "staff") u.manager_id = manager_id;
    auto created = identities.create_user(u);
    if (!created) return created.error();
    if (std::string_view(p.role) == "manager") manager_id = created->id;
    if (std::string_view(p.role) == "admin") admin_id = created->id;
    if (std::string_view(p.role) == "staff") staff_id = created->id;
  }
  // Mere looks after Kauri Joinery; James (a manager) looks after the café.
  identities.assign(staff_id, tenant_ids[1]);
  identities.assign(manager_id, tenant_ids[2]);
  seed_demo_records(records, tenant_ids, admin_id);
  return logins;
}

}  // namespace kete::domain
