#include "staff_app.h"

#include "widgets/home_page.h"
#include "widgets/portal/clients_page.h"

namespace kete::staff {

app::AppProfile profile() {
  return app::AppProfile::keteApp(QStringLiteral("staff"), QStringLiteral("Kete Staff"),
                                  QObject::tr("Policies, procedures, leave, rosters and your clients, in one place"));
}

std::unique_ptr<app::AppWindow> createMainWindow(const app::AppProfile& profile) {
  auto window = std::make_unique<app::AppWindow>(profile);
  auto* w = window.get();
  w->homePage()->setIntro(QObject::tr(
      "This is your staff portal. Announcements, policies to acknowledge, procedures and training, your payslips "
      "and leave, rosters, internal forms and the clients you look after will appear here as your organisation "
      "adds them."));
  w->homePage()->addSection(QObject::tr("Announcements"), QStringLiteral("announcements"), QStringLiteral("title"), QStringLiteral("body"));
  w->homePage()->addSection(QObject::tr("Procedures"), QStringLiteral("procedures"), QStringLiteral("title"), QStringLiteral("category"));
  auto* clients = new app::ClientsPage(*w, w->homePage());
  clients->setObjectName(QStringLiteral("clientsPage"));
  w->homePage()->addPage(QObject::tr("Clients"), clients);
  w->addDocumentsPage(QObject::tr("All client documents"));
  w->homePage()->addSection(QObject::tr("Leave requests"), QStringLiteral("leave_requests"), QStringLiteral("leave_type"), QStringLiteral("status"));
  // The client list comes from the server once per sign-in (and on Refresh); offline, the copy
  // kept with the cache is shown.
  QObject::connect(w, &app::AppWindow::stateChanged, clients, [w, clients, fetchedFor = QString()]() mutable {
    const QString user = w->isSignedIn() && w->store() ? w->user().value("id").toString() : QString();
    if (user.isEmpty()) fetchedFor.clear();  // signed out: the next sign-in fetches again
    if (user == fetchedFor) return;
    fetchedFor = user;
    if (!user.isEmpty()) clients->refreshClients();
  });
  return window;
}

}  // namespace kete::staff
