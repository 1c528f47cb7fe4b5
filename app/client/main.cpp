#include "client_app.h"
#include "app_setup.h"

int main(int argc, char** argv) {
  return kete::app::runApp(argc, argv, &kete::client::profile,
                           [](const kete::app::AppProfile& p) { return kete::client::createMainWindow(p); });
}
