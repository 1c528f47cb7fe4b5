#pragma once
// Who an app is: its name, colours, logo and support contact. kete-client reads its profile
// from the brand chosen at build time; staff and partner apps carry Kete's own.
#include <QColor>
#include <QString>
#include <optional>

namespace kete::app {

struct AppProfile {
  QString appId;         // "staff" | "client" | "partner": settings group and keychain service
  QString displayName;   // window title and installer name
  QString organisation;  // the business or Kete
  QString tagline;
  QColor primary{0x1F, 0x5F, 0x5B};
  QColor onPrimary{Qt::white};
  QColor accent{0xE0, 0xA5, 0x26};
  QColor background{0xF6, 0xF4, 0xEF};
  QColor text{0x1B, 0x1B, 0x1B};
  QString logoResource;  // a Qt resource path to an SVG
  QString supportEmail;
  QString supportPhone;
  QString supportUrl;
  QString defaultServer;      // preset server address, may be empty
  QString pinnedFingerprint;  // preset certificate pin, may be empty

  // Kete's own apps (staff, partner): Kete's name, support contact and the app's icon.
  static AppProfile keteApp(const QString& appId, const QString& displayName, const QString& tagline);

  // Reads brand.json (see resources/brands/*/brand.json); logo paths are resolved against logoDir.
  static std::optional<AppProfile> fromBrandJson(const QByteArray& json, const QString& appId, const QString& logoDir,
                                                 QString* error);
};

}  // namespace kete::app
