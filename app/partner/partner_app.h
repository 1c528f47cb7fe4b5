#pragma once
// The partner app: its profile and its main window.
#include <memory>

#include "app_profile.h"
#include "widgets/app_window.h"

namespace kete::partner {

app::AppProfile profile();
std::unique_ptr<app::AppWindow> createMainWindow(const app::AppProfile& profile);

}  // namespace kete::partner
