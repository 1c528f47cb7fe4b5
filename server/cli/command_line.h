#pragma once
// kete-server's command line (DESIGN.md §4): parsed strictly, unknown options refused.
#include <string>
#include <vector>

#include "kete/result.h"

namespace kete::cli {

enum class Command { help, version, serve, create_user, new_epoch, seed_demo };

struct Options {
  Command command = Command::help;
  std::string data_dir;
  std::string listen;       // "host:port", empty: from config or the default
  std::string config_file;
  std::string email;
  std::string name;
  std::string role = "admin";
  std::string business;     // name of the business when create-user makes its first tenant
  bool password_stdin = false;
};

Result<Options> parse_command_line(const std::vector<std::string>& args);
std::string usage_text();

// Entry point of the kete-server executable; returns the process exit code.
int run(int argc, char** argv);

}  // namespace kete::cli
