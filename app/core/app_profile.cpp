#include "app_profile.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace kete::app {

AppProfile AppProfile::keteApp(const QString& appId, const QString& displayName, const QString& tagline) {
  AppProfile p;
  p.appId = appId;
  p.displayName = displayName;
  p.organisation = QStringLiteral("Kete");
  p.tagline = tagline;
  p.logoResource = QStringLiteral(":/icons/kete-%1.svg").arg(appId);
  p.supportEmail = QStringLiteral("support@kete.nz");
  p.supportPhone = QStringLiteral("0800 538 369");
  return p;
}

std::optional<AppProfile> AppProfile::fromBrandJson(const QByteArray& json, const QString& appId,
                                                    const QString& logoDir, QString* error) {
  QJsonParseError parseError;
  const auto doc = QJsonDocument::fromJson(json, &parseError);
  if (!doc.isObject()) {
    if (error) *error = QStringLiteral("brand.json is not a JSON object: %1").arg(parseError.errorString());
    return std::nullopt;
  }
  const auto o = doc.object();
  const auto colours = o.value("colours").toObject();
  AppProfile p;
  p.appId = appId;
  p.organisation = o.value("name").toString();
  p.displayName = o.value("client_app_name").toString();
  p.tagline = o.value("tagline").toString();
  if (p.organisation.isEmpty() || p.displayName.isEmpty()) {
    if (error) *error = QStringLiteral("brand.json needs \"name\" and \"client_app_name\"");
    return std::nullopt;
  }
  auto colour = [&](const char* key, QColor fallback) {
    const QColor c = QColor::fromString(colours.value(key).toString());
    return c.isValid() ? c : fallback;
  };
  p.primary = colour("primary", p.primary);
  p.onPrimary = colour("on_primary", p.onPrimary);
  p.accent = colour("accent", p.accent);
  p.background = colour("background", p.background);
  p.text = colour("text", p.text);
  p.logoResource = logoDir + "/" + o.value("logo").toString("logo.svg");
  const auto support = o.value("support").toObject();
  p.supportEmail = support.value("email").toString();
  p.supportPhone = support.value("phone").toString();
  p.supportUrl = support.value("url").toString();
  p.defaultServer = o.value("default_server").toString();
  p.pinnedFingerprint = o.value("pinned_fingerprint").toString();
  return p;
}

}  // namespace kete::app
