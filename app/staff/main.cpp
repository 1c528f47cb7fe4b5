#include "staff_app.h"
#include "app_setup.h"
#include "widgets/app_window.h"

int main(int argc, char** argv) {
  return kete::app::runApp(
      argc, argv, [](QString*) { return std::optional(kete::staff::profile()); },
      [](const kete::app::AppProfile& p) { return kete::staff::createMainWindow(p); });
}
