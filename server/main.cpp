#include "cli/command_line.h"

int main(int argc, char** argv) { return kete::cli::run(argc, argv); }
