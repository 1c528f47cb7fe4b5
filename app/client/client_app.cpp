#include "client_app.h"

#include <QFile>

#include "widgets/home_page.h"

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
  window->homePage()->setIntro(
      QObject::tr("Welcome to %1. Your documents, requests from us, job progress, invoices and secure messages "
                  "will appear here.").arg(profile.organisation));
  window->addDocumentsPage(QObject::tr("Documents"));
  window->homePage()->addSection(QObject::tr("Jobs"), QStringLiteral("jobs"), QStringLiteral("title"), QStringLiteral("stage"));
  window->homePage()->addSection(QObject::tr("Invoices"), QStringLiteral("invoices"), QStringLiteral("number"), QStringLiteral("status"));
  window->homePage()->addSection(QObject::tr("Requests from us"), QStringLiteral("document_requests"), QStringLiteral("title"), QStringLiteral("due"));
  window->homePage()->addSection(QObject::tr("Messages"), QStringLiteral("messages"), QStringLiteral("body"), QStringLiteral(""));
  return window;
}

}  // namespace kete::client
