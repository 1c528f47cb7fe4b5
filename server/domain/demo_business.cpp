#include "domain/demo_business.h"

#include "auth/password_hash.h"
#include "storage/identity_store.h"

namespace kete::domain {
namespace {

struct DemoPerson {
  const char* email;
  const char* name;
  const char* role;
  int tenant;  // index into kTenants
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
    {"lena@pohutukawacafe.co.nz", "Lena Fischer", "client", 2},
    {"tom@tauranga.harbourlane.co.nz", "Tom Reid", "partner", 3},
};

}  // namespace

Result<std::vector<DemoLogin>> seed_demo_business(storage::IdentityStore& identities, bool& already_present) {
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
  std::string manager_id;
  for (const auto& p : kPeople) {
    storage::User u;
    u.tenant_id = tenant_ids[static_cast<std::size_t>(p.tenant)];
    u.email = p.email;
    u.name = p.name;
    u.role = p.role;
    u.password_hash = auth::hash_password(kDemoPassword);
    if (std::string_view(p.role) == "staff") u.manager_id = manager_id;
    auto created = identities.create_user(u);
    if (!created) return created.error();
    if (std::string_view(p.role) == "manager") manager_id = created->id;
  }
  return logins;
}

}  // namespace kete::domain
