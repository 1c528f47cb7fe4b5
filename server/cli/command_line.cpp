#include "cli/command_line.h"

#include <map>
#include <set>

namespace kete::cli {
namespace {

Error usage(std::string message) { return make_error(ErrorCode::bad_request, std::move(message)); }

// Which options each command takes; everything else is an error, never silently ignored.
const std::map<Command, std::set<std::string>>& allowed_options() {
  static const std::map<Command, std::set<std::string>> table{
      {Command::serve, {"--data", "--listen", "--config"}},
      {Command::create_user, {"--data", "--email", "--name", "--role", "--password-stdin", "--business", "--config"}},
      {Command::seed_demo, {"--data", "--config"}},
      {Command::new_epoch, {"--data"}},
  };
  return table;
}

}  // namespace

std::string usage_text() {
  return "Usage:\n"
         "  kete-server serve --data DIR [--listen 127.0.0.1:8443] [--config FILE]\n"
         "  kete-server admin create-user --data DIR --email E --name N [--role admin|manager|staff]\n"
         "                                [--business NAME] --password-stdin\n"
         "  kete-server admin new-epoch --data DIR\n"
         "  kete-server seed-demo --data DIR\n"
         "  kete-server --version\n"
         "  kete-server --help\n"
         "\n"
         "serve          run the HTTPS server over the data folder DIR (created if missing); on first\n"
         "               start it makes a self-signed certificate and prints its SHA-256 fingerprint\n"
         "create-user    add an internal user; the password is read from standard input\n"
         "new-epoch      after restoring DIR from a backup: makes every app resync from scratch\n"
         "               (keeping what it has not sent yet)\n"
         "seed-demo      fill DIR with a believable demo business and print its logins\n";
}

Result<Options> parse_command_line(const std::vector<std::string>& args) {
  Options o;
  if (args.empty()) return usage("no command given");
  std::size_t i = 0;
  const std::string& first = args[0];
  if (first == "--help" || first == "-h" || first == "help") {
    o.command = Command::help;
    return o;
  }
  if (first == "--version" || first == "version") {
    o.command = Command::version;
    return o;
  }
  if (first == "serve") {
    o.command = Command::serve;
    i = 1;
  } else if (first == "seed-demo") {
    o.command = Command::seed_demo;
    i = 1;
  } else if (first == "admin") {
    if (args.size() < 2 || (args[1] != "create-user" && args[1] != "new-epoch"))
      return usage(args.size() < 2 ? "'admin' needs a subcommand: create-user or new-epoch"
                                   : "unknown admin subcommand '" + args[1] + "' (known: create-user, new-epoch)");
    o.command = args[1] == "create-user" ? Command::create_user : Command::new_epoch;
    i = 2;
  } else {
    return usage("unknown command '" + first + "'");
  }

  const auto& allowed = allowed_options().at(o.command);
  for (; i < args.size(); ++i) {
    std::string name = args[i];
    std::string value;
    bool has_inline_value = false;
    if (auto eq = name.find('='); name.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_inline_value = true;
    }
    if (name == "--help" || name == "-h") {
      o.command = Command::help;
      return o;
    }
    if (!allowed.count(name)) {
      if (name.rfind("-", 0) == 0) return usage("unknown option '" + name + "' for " + first);
      return usage("unexpected argument '" + name + "'");
    }
    if (name == "--password-stdin") {
      if (has_inline_value) return usage("--password-stdin takes no value");
      o.password_stdin = true;
      continue;
    }
    if (!has_inline_value) {
      if (i + 1 >= args.size()) return usage("option " + name + " needs a value");
      value = args[++i];
    }
    if (value.empty()) return usage("option " + name + " needs a non-empty value");
    if (name == "--data") o.data_dir = value;
    else if (name == "--listen") o.listen = value;
    else if (name == "--config") o.config_file = value;
    else if (name == "--email") o.email = value;
    else if (name == "--name") o.name = value;
    else if (name == "--role") o.role = value;
    else if (name == "--business") o.business = value;
  }
  if (o.data_dir.empty()) return usage("--data DIR is required");
  if (o.command == Command::create_user) {
    if (o.email.empty()) return usage("--email is required");
    if (o.name.empty()) return usage("--name is required");
    if (!o.password_stdin) return usage("--password-stdin is required (passwords are never taken as arguments)");
    if (o.role != "admin" && o.role != "manager" && o.role != "staff")
      return usage("--role must be admin, manager or staff (client and partner users are added by an admin)");
  }
  return o;
}

}  // namespace kete::cli
