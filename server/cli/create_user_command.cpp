#include <iostream>

#include "auth/password_hash.h"
#include "auth/password_policy.h"
#include "cli/commands.h"
#include "cli/data_folder.h"
#include "kete/email_address.h"
#include "storage/identity_store.h"
#include "storage/sqlite_database.h"

namespace kete::cli {

int run_create_user(const Options& options) {
  auto email = normalize_email(options.email);
  if (!email) return print_error("'" + options.email + "' is not an e-mail address"), 2;

  std::string password;
  if (!std::getline(std::cin, password) || password.empty())
    return print_error("no password on standard input (pipe it in, e.g. from a password manager)"), 2;
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (auto ok = auth::check_new_password(password); !ok) return print_error(ok.error().message), 2;

  auto data = open_data_folder(options.data_dir);
  if (!data) return print_error(data.error().message), 1;

  auto& db = data->databases->for_this_thread();
  storage::IdentityStore identities(db);
  storage::Transaction tx(db);
  const auto tenant = identities.internal_tenant(options.business.empty() ? "My business" : options.business);
  storage::User user;
  user.tenant_id = tenant.id;
  user.email = *email;
  user.name = options.name;
  user.role = options.role;
  user.password_hash = auth::hash_password(password);
  auto created = identities.create_user(user);
  if (!created) return print_error(created.error().message), 1;
  tx.commit();
  std::cout << "created " << options.role << " " << created->email << " (" << created->id << ") in " << tenant.name
            << std::endl;
  return 0;
}

}  // namespace kete::cli
