# KETE_SANITIZE=address;undefined builds everything (server, apps, tests) with those sanitizers.
if(KETE_SANITIZE)
  list(JOIN KETE_SANITIZE "," _kete_sanitizers)
  add_compile_options(-fsanitize=${_kete_sanitizers} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${_kete_sanitizers})
  add_compile_definitions(KETE_SANITIZED)  # for the few tests the sanitizers' runtime cannot run
endif()
