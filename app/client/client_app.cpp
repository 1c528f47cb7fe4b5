#include "client_app.h"

#include <QFile>

#include "store/local_store.h"
#include "widgets/document_browser.h"
#include "widgets/home_page.h"
#include "widgets/portal/access_log_page.h"
#include "widgets/portal/client_home_page.h"
#include "widgets/portal/invoices_page.h"
#include "widgets/portal/jobs_page.h"
#include "widgets/portal/messages_page.h"
#include "widgets/portal/requests_page.h"

namespace kete::client {

std::optional<app::AppProfile> profile(QString* error) {
  QFile file(QStringLiteral(":/brand/brand.json"));
  if (!file.open(QIODevice::ReadOnly)) {
    if (error) *error = QStringLiteral("This build carries no brand (:/brand/brand.json is missing).");
    return std::nullopt;
  }
  return app::AppProfile::fromBrandJson(file.readAll(), QStringLiteral("client"), QStringLiteral(":/brand"), error);
}

std::unique_ptr<app::AppWindow> createMainWindow(const app::AppProfile& profile) {
  auto window = std::make_unique<app::AppWindow>(profile);
  auto* w = window.get();
  auto* home = w->homePage();
  home->setIntro(QObject::tr("Welcome to %1. What we need from you, your documents, your jobs, your invoices and a "
                             "private line to us — all here, also when you are offline.").arg(profile.organisation));
  auto* start = new app::ClientHomePage(*w, home);
  start->setObjectName(QStringLiteral("clientHome"));
  home->addPage(QObject::tr("Home"), start);
  auto* documents = w->addDocumentsPage(QObject::tr("Documents"));
  auto* requests = new app::RequestsPage(*w, home);
  requests->setObjectName(QStringLiteral("requestsPage"));
  home->addPage(QObject::tr("Requests"), requests);
  auto* jobs = new app::JobsPage(*w, home);
  jobs->setObjectName(QStringLiteral("jobsPage"));
  home->addPage(QObject::tr("Jobs"), jobs);
  auto* invoices = new app::InvoicesPage(*w, home);
  invoices->setObjectName(QStringLiteral("invoicesPage"));
  home->addPage(QObject::tr("Invoices"), invoices);
  auto* messages = new app::MessagesPage(*w, home);
  messages->setObjectName(QStringLiteral("messagesPage"));
  home->addPage(QObject::tr("Messages"), messages);
  auto* access = new app::AccessLogPage(*w, home);
  access->setObjectName(QStringLiteral("accessLogPage"));
  home->addPage(QObject::tr("Who opened my records"), access);

  QObject::connect(messages, &app::MessagesPage::unreadChanged, home, [home, messages](int n) {
    home->setPageTitle(messages, n > 0 ? QObject::tr("Messages (%1)").arg(n) : QObject::tr("Messages"));
  });
  // A contact the business does not let see invoices has no Invoices page at all. What the last
  // pull said (the billing bucket among the cursors) wins over what sign-in said, so a change
  // made while the app is open shows at the next sync.
  const auto showInvoices = [w, home, invoices] {
    bool sees = w->user().value("sees_invoices").toBool(true);
    if (w->store() && !w->store()->cursors().isEmpty()) {
      sees = false;
      for (const auto& bucket : w->store()->cursors().keys()) sees = sees || bucket.startsWith(QLatin1String("client-billing:"));
    }
    home->setPageVisible(invoices, sees);
  };
  QObject::connect(w, &app::AppWindow::stateChanged, home, showInvoices);
  QObject::connect(w, &app::AppWindow::cacheChanged, home, showInvoices);
  QObject::connect(start, &app::ClientHomePage::openPage, home,
                   [home, documents, requests, jobs, invoices, messages](const QString& page, const QString& id) {
                     if (page == QLatin1String("requests")) {
                       home->showPage(requests);
                       requests->selectRequest(id);
                     } else if (page == QLatin1String("jobs")) {
                       home->showPage(jobs);
                       jobs->selectJob(id);
                     } else if (page == QLatin1String("invoices")) {
                       home->showPage(invoices);
                     } else if (page == QLatin1String("messages")) {
                       home->showPage(messages);
                     } else if (page == QLatin1String("documents")) {
                       home->showPage(documents);
                     }
                   });
  return window;
}

}  // namespace kete::client
