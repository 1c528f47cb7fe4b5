#pragma once
// Builders for the JSON answers of the HTTP contract, errors included.
#include <boost/json/value.hpp>
#include <string>

#include "http/message.h"
#include "kete/result.h"

namespace kete::http {

Response json_response(int status, const boost::json::value& body);
Response error_response(ErrorCode code, std::string_view message);
Response error_response(const Error& error);
Response no_content();
// 507 storage_full: the one answer to a write refused because the disk is full.
Response storage_full_response();

}  // namespace kete::http
