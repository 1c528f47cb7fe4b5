#include <cstdio>
#include <exception>
#include <iostream>

#include "cli/command_line.h"
#include "cli/commands.h"
#include "kete/version.h"

namespace kete::cli {

void print_error(const std::string& message) { std::cerr << "kete-server: " << message << std::endl; }

int run(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  auto parsed = parse_command_line(args);
  if (!parsed) {
    print_error(parsed.error().message + " (see kete-server --help)");
    return 2;
  }
  const Options& o = parsed.value();
  try {
    switch (o.command) {
      case Command::help:
        std::cout << usage_text();
        return 0;
      case Command::version:
        std::cout << "kete-server " << kete::version() << std::endl;
        return 0;
      case Command::serve:
        return run_serve(o);
      case Command::create_user:
        return run_create_user(o);
      case Command::seed_demo:
        return run_seed_demo(o);
      case Command::new_epoch:
        return run_new_epoch(o);
    }
  } catch (const std::exception& e) {
    print_error(e.what());
    return 1;
  }
  return 1;
}

}  // namespace kete::cli
