// libFuzzer target: record data as it arrives in pushes, for every collection — JSON parsing,
// the field checks, and the bucket a record would land in. Nothing may crash, and data that
// passes the checks must have a bucket (or a clear error), never a half-decided one.
#include <boost/json/parse.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "domain/record_validation.h"
#include "kete/collections.h"
#include "scope/bucket_rules.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto collections = kete::all_collections();
  const auto& spec = collections[data[0] % collections.size()];
  boost::system::error_code ec;
  auto value = boost::json::parse(std::string_view(reinterpret_cast<const char*>(data + 1), size - 1), ec);
  if (ec || !value.is_object()) return 0;
  const auto& object = value.as_object();
  for (const bool patch : {false, true}) {
    if (!kete::domain::validate_record_data(spec, object, patch)) continue;
    auto buckets = kete::scope::record_buckets(spec, object);
    if (buckets && buckets.value().empty()) std::abort();
    if (buckets)
      for (const auto& b : buckets.value())
        if (b.empty() || b.find(' ') != std::string::npos) std::abort();  // bucket lists are space-separated
  }
  return 0;
}
