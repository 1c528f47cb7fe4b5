#include "partner_app.h"

#include "widgets/home_page.h"

namespace kete::partner {

app::AppProfile profile() {
  auto p = app::AppProfile::keteApp(QStringLiteral("partner"), QStringLiteral("Kete Partner"),
                                    QObject::tr("Network resources and your own performance figures"));
  p.primary = QColor(0x4B, 0x2E, 0x83);
  p.accent = QColor(0xF2, 0xB1, 0x34);
  p.background = QColor(0xF5, 0xF1, 0xFA);
  return p;
}

std::unique_ptr<app::AppWindow> createMainWindow(const app::AppProfile& profile) {
  auto window = std::make_unique<app::AppWindow>(profile);
  window->homePage()->setIntro(QObject::tr(
      "This is your partner portal. The network's brand, procedure, training, marketing and compliance resources, "
      "and your own performance figures, will appear here."));
  window->homePage()->addSection(QObject::tr("Resources"), QStringLiteral("partner_resources"), QStringLiteral("title"), QStringLiteral("category"));
  window->homePage()->addSection(QObject::tr("Your figures"), QStringLiteral("partner_metrics"), QStringLiteral("metric"), QStringLiteral("value"));
  return window;
}

}  // namespace kete::partner
