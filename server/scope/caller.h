#pragma once
// Who is making a request, as the session (never the request body) says.
#include <cstdint>
#include <string>
#include <vector>

namespace kete::scope {

struct Caller {
  std::string user_id;
  std::string session_id;
  std::string email;
  std::string name;
  std::string role;         // admin | manager | staff | client | partner
  std::string tenant_id;
  std::string tenant_kind;  // internal | client | partner
  std::string tenant_name;
  std::string manager_id;
  std::vector<std::string> assigned_client_tenants;  // staff and managers: clients they look after
  bool sees_invoices = true;  // a client contact the business lets see invoices and payments
  bool totp_enabled = false;
  bool must_enrol_totp = false;  // the tenant requires two-factor sign-in and this user has none yet
  std::uint64_t identity_generation = 0;  // what was committed when this was read (storage/committed_state.h)

  bool signed_in() const { return !user_id.empty(); }
  bool internal() const { return tenant_kind == "internal"; }
  bool admin() const { return internal() && role == "admin"; }
};

}  // namespace kete::scope
