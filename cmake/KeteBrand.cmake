# Branding lives here and in resources/brands/<brand>/ only: a rebrand is a new folder and
# -DKETE_BRAND=<folder>, never a code change.
set(KETE_BRAND_DIR "${CMAKE_SOURCE_DIR}/resources/brands/${KETE_BRAND}")
if(NOT EXISTS "${KETE_BRAND_DIR}/brand.json")
  file(GLOB _kete_brands RELATIVE "${CMAKE_SOURCE_DIR}/resources/brands" "${CMAKE_SOURCE_DIR}/resources/brands/*")
  message(FATAL_ERROR "KETE_BRAND='${KETE_BRAND}' has no resources/brands/${KETE_BRAND}/brand.json "
                      "(brands available: ${_kete_brands})")
endif()
file(READ "${KETE_BRAND_DIR}/brand.json" _kete_brand_json)
string(JSON KETE_BRAND_NAME GET "${_kete_brand_json}" name)
string(JSON KETE_BRAND_APP_NAME GET "${_kete_brand_json}" client_app_name)
string(JSON KETE_BRAND_PACKAGE GET "${_kete_brand_json}" package_name)
