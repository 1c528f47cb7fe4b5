#include "staff_app.h"

#include "widgets/home_page.h"

namespace kete::staff {

app::AppProfile profile() {
  return app::AppProfile::keteApp(QStringLiteral("staff"), QStringLiteral("Kete Staff"),
                                  QObject::tr("Policies, procedures, leave, rosters and your clients, in one place"));
}

std::unique_ptr<app::AppWindow> createMainWindow(const app::AppProfile& profile) {
  auto window = std::make_unique<app::AppWindow>(profile);
  window->homePage()->setIntro(QObject::tr(
      "This is your staff portal. Announcements, policies to acknowledge, procedures and training, your payslips "
      "and leave, rosters, internal forms and the clients you look after will appear here as your organisation "
      "adds them."));
  window->homePage()->addSection(QObject::tr("Announcements"), QStringLiteral("announcements"), QStringLiteral("title"), QStringLiteral("body"));
  window->homePage()->addSection(QObject::tr("Procedures"), QStringLiteral("procedures"), QStringLiteral("title"), QStringLiteral("category"));
  window->addDocumentsPage(QObject::tr("Client documents"));
  window->homePage()->addSection(QObject::tr("Client jobs"), QStringLiteral("jobs"), QStringLiteral("title"), QStringLiteral("stage"));
  window->homePage()->addSection(QObject::tr("Leave requests"), QStringLiteral("leave_requests"), QStringLiteral("leave_type"), QStringLiteral("status"));
  return window;
}

}  // namespace kete::staff
