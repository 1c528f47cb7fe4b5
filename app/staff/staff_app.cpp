#include "staff_app.h"

#include "widgets/home_page.h"

namespace kete::staff {

app::AppProfile profile() {
  app::AppProfile p;
  p.appId = QStringLiteral("staff");
  p.displayName = QStringLiteral("Kete Staff");
  p.organisation = QStringLiteral("Kete");
  p.tagline = QObject::tr("Policies, procedures, leave, rosters and your clients, in one place");
  p.logoResource = QStringLiteral(":/icons/kete-staff.svg");
  p.supportEmail = QStringLiteral("support@kete.nz");
  p.supportPhone = QStringLiteral("0800 538 369");
  return p;
}

std::unique_ptr<app::AppWindow> createMainWindow(const app::AppProfile& profile) {
  auto window = std::make_unique<app::AppWindow>(profile);
  window->homePage()->setIntro(QObject::tr(
      "This is your staff portal. Announcements, policies to acknowledge, procedures and training, your payslips "
      "and leave, rosters, internal forms and the clients you look after will appear here as your organisation "
      "adds them."));
  return window;
}

}  // namespace kete::staff
