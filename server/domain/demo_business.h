#pragma once
// A believable demo business for trying Kete: Harbour Lane Accountants and its people.
#include <string>
#include <vector>

#include "kete/result.h"

namespace kete::storage {
class IdentityStore;
class RecordStore;
}

namespace kete::domain {

struct DemoLogin {
  std::string email;
  std::string password;
  std::string role;
  std::string who;  // "Aroha Ngata, Harbour Lane Accountants"
};

inline constexpr const char* kDemoPassword = "harbour-lane-demo";

// Idempotent: a data folder that already has the demo answers the same logins and adds nothing.
Result<std::vector<DemoLogin>> seed_demo_business(storage::IdentityStore& identities, storage::RecordStore& records,
                                                  bool& already_present);

}  // namespace kete::domain
