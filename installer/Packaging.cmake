# Installers: one package per product. DEB here (server with a systemd unit and its own user;
# each app with a .desktop file and icon); NSIS on Windows and DragNDrop on macOS from the same
# components. The client package carries the brand chosen by KETE_BRAND.
install(FILES ${CMAKE_SOURCE_DIR}/installer/linux/kete-server.service DESTINATION lib/systemd/system COMPONENT server)
install(FILES ${CMAKE_SOURCE_DIR}/installer/kete-server.example.json DESTINATION share/doc/kete-server COMPONENT server)

set(CPACK_PACKAGE_NAME "kete")
set(CPACK_PACKAGE_VENDOR "Kete")
set(CPACK_PACKAGE_CONTACT "Kete <support@kete.nz>")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_RESOURCE_FILE_LICENSE "${CMAKE_SOURCE_DIR}/installer/LICENSE.txt")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_DIRECTORY "${CMAKE_BINARY_DIR}/packages")

set(CPACK_COMPONENTS_ALL server)
if(KETE_BUILD_APPS)
  list(APPEND CPACK_COMPONENTS_ALL staff client partner)
endif()
set(CPACK_COMPONENT_SERVER_DISPLAY_NAME "Kete server")
set(CPACK_COMPONENT_STAFF_DISPLAY_NAME "Kete Staff")
set(CPACK_COMPONENT_CLIENT_DISPLAY_NAME "${KETE_BRAND_APP_NAME}")
set(CPACK_COMPONENT_PARTNER_DISPLAY_NAME "Kete Partner")

if(WIN32)
  set(CPACK_GENERATOR "NSIS")
elseif(APPLE)
  set(CPACK_GENERATOR "DragNDrop")
else()
  set(CPACK_GENERATOR "DEB")
endif()

# Debian
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_SERVER_PACKAGE_NAME "kete-server")
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    "${CMAKE_SOURCE_DIR}/installer/linux/server/postinst;${CMAKE_SOURCE_DIR}/installer/linux/server/prerm")
# Qt loads these at run time (platform, SVG icons, TLS), so shlibdeps cannot see them.
set(_kete_app_runtime "qt6-qpa-plugins, libqt6svg6, libqt6network6, gnome-keyring | kwalletmanager")
set(CPACK_DEBIAN_STAFF_PACKAGE_DEPENDS "${_kete_app_runtime}")
set(CPACK_DEBIAN_CLIENT_PACKAGE_DEPENDS "${_kete_app_runtime}")
set(CPACK_DEBIAN_PARTNER_PACKAGE_DEPENDS "${_kete_app_runtime}")
set(CPACK_DEBIAN_STAFF_PACKAGE_NAME "kete-staff")
set(CPACK_DEBIAN_STAFF_PACKAGE_SECTION "x11")
set(CPACK_DEBIAN_CLIENT_PACKAGE_NAME "${KETE_BRAND_PACKAGE}")
set(CPACK_DEBIAN_CLIENT_PACKAGE_SECTION "x11")
set(CPACK_DEBIAN_PARTNER_PACKAGE_NAME "kete-partner")
set(CPACK_DEBIAN_PARTNER_PACKAGE_SECTION "x11")

# Windows (NSIS): Start-menu entries per app, the brand's name for the client installer.
set(CPACK_NSIS_DISPLAY_NAME "Kete")
set(CPACK_NSIS_PACKAGE_NAME "Kete")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_CONTACT "support@kete.nz")
set(CPACK_PACKAGE_EXECUTABLES "kete-staff" "Kete Staff" "${KETE_BRAND_PACKAGE}" "${KETE_BRAND_APP_NAME}"
    "kete-partner" "Kete Partner")

# macOS (DragNDrop): one disk image per app bundle.
set(CPACK_DMG_VOLUME_NAME "Kete")
set(CPACK_DMG_FORMAT "UDZO")

include(CPack)
