#pragma once
// The client app: the business's brand as its profile, and its main window.
#include <memory>
#include <optional>

#include "app_profile.h"
#include "widgets/app_window.h"

namespace kete::client {

// From the brand compiled in (:/brand/brand.json).
std::optional<app::AppProfile> profile(QString* error);
std::unique_ptr<app::AppWindow> createMainWindow(const app::AppProfile& profile);

}  // namespace kete::client
