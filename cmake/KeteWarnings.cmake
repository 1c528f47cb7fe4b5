# One place that says how strict the compiler is for Kete's own targets.
add_library(kete_warnings INTERFACE)
target_compile_options(kete_warnings INTERFACE
  -Wall -Wextra -Wpedantic $<IF:$<CXX_COMPILER_ID:GNU>,-Wshadow=local,-Wshadow-uncaptured-local> -Wnon-virtual-dtor -Wcast-align -Wunused
  -Woverloaded-virtual -Wimplicit-fallthrough
  $<$<BOOL:${KETE_WERROR}>:-Werror>)
