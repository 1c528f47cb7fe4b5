#pragma once
// GET /healthz: liveness for load balancers and the apps' first contact.
#include "http/message.h"

namespace kete::domain {

http::Response health();

}  // namespace kete::domain
