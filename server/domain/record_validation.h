#pragma once
// Record data against the collection's declared fields: unknown fields, wrong types, malformed
// ids, dates and hashes, and oversize text are refused with the field named.
#include <boost/json/object.hpp>

#include "kete/collections.h"
#include "kete/result.h"

namespace kete::domain {

// `allow_null`: an update's patch may name a field as null to remove it.
Result<Done> validate_record_data(const CollectionSpec& spec, const boost::json::object& data, bool allow_null);

}  // namespace kete::domain
