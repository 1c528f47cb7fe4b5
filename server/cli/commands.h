#pragma once
// One function per kete-server command; each returns the process exit code.
#include "cli/command_line.h"

namespace kete::cli {

int run_serve(const Options& options);
int run_create_user(const Options& options);
int run_seed_demo(const Options& options);
int run_new_epoch(const Options& options);

// Prints "kete-server: <message>" on standard error.
void print_error(const std::string& message);

}  // namespace kete::cli
