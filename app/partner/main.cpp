#include "partner_app.h"
#include "app_setup.h"
#include "widgets/app_window.h"

int main(int argc, char** argv) {
  return kete::app::runApp(
      argc, argv, [](QString*) { return std::optional(kete::partner::profile()); },
      [](const kete::app::AppProfile& p) { return kete::partner::createMainWindow(p); });
}
