#include "domain/record_validation.h"

#include <cctype>

#include "kete/hex.h"
#include "kete/uuid.h"

namespace kete::domain {
namespace {

constexpr std::size_t kDefaultTextBytes = 10000;

bool digits(std::string_view s, std::size_t from, std::size_t count) {
  if (s.size() < from + count) return false;
  for (std::size_t i = from; i < from + count; ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

bool is_date(std::string_view s) {
  return s.size() == 10 && digits(s, 0, 4) && s[4] == '-' && digits(s, 5, 2) && s[7] == '-' && digits(s, 8, 2);
}

// RFC 3339 in UTC: 2026-11-27T17:00:00Z, optionally with fractional seconds.
bool is_timestamp(std::string_view s) {
  if (s.size() < 20 || !is_date(s.substr(0, 10)) || s[10] != 'T' || !digits(s, 11, 2) || s[13] != ':' ||
      !digits(s, 14, 2) || s[16] != ':' || !digits(s, 17, 2) || s.back() != 'Z')
    return false;
  if (s.size() == 20) return true;
  return s[19] == '.' && s.size() > 21 && digits(s, 20, s.size() - 21);
}

Error field_error(std::string_view field, std::string_view what) {
  return make_error(ErrorCode::bad_request, "field '" + std::string(field) + "' " + std::string(what));
}

}  // namespace

Result<Done> validate_record_data(const CollectionSpec& spec, const boost::json::object& data, bool allow_null) {
  for (const auto& [key, value] : data) {
    const FieldSpec* field = find_field(spec, key);
    if (!field) return field_error(key, "is not a field of " + std::string(spec.name));
    if (value.is_null()) {
      if (allow_null) continue;
      return field_error(key, "may not be null");
    }
    switch (field->type) {
      case FieldType::text:
        if (!value.is_string()) return field_error(key, "must be a string");
        if (value.as_string().size() > (field->max_bytes ? field->max_bytes : kDefaultTextBytes))
          return field_error(key, "is too long");
        break;
      case FieldType::integer:
        if (!value.is_int64() && !(value.is_uint64() && value.as_uint64() <= INT64_MAX))
          return field_error(key, "must be a whole number");
        break;
      case FieldType::boolean:
        if (!value.is_bool()) return field_error(key, "must be true or false");
        break;
      case FieldType::uuid:
        if (!value.is_string() || !is_canonical_uuid(value.as_string())) return field_error(key, "must be a lower-case UUID");
        break;
      case FieldType::timestamp:
        if (!value.is_string() || !is_timestamp(value.as_string())) return field_error(key, "must be an RFC 3339 UTC time");
        break;
      case FieldType::date:
        if (!value.is_string() || !is_date(value.as_string())) return field_error(key, "must be a date YYYY-MM-DD");
        break;
      case FieldType::sha256:
        if (!value.is_string() || !is_sha256_hex(value.as_string())) return field_error(key, "must be a lower-case SHA-256");
        break;
      case FieldType::object:
        if (!value.is_object()) return field_error(key, "must be an object");
        break;
      case FieldType::array:
        if (!value.is_array()) return field_error(key, "must be an array");
        break;
    }
  }
  return Done{};
}

}  // namespace kete::domain
