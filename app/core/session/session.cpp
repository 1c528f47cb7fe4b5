#include "session/session.h"

#include <QJsonDocument>
#include <QSettings>

namespace kete::app {

Session::Session(const AppProfile& profile, QObject* parent)
    : QObject(parent), m_profile(profile), m_keychain(QStringLiteral("nz.kete.") + profile.appId), m_api(this) {
  if (serverUrl().isValid()) m_api.setServer(serverUrl(), pinnedFingerprint());
}

QUrl Session::serverUrl() const {
  QSettings s;
  const QString saved = s.value(QStringLiteral("server/url")).toString();
  return QUrl(saved.isEmpty() ? m_profile.defaultServer : saved);
}

QString Session::pinnedFingerprint() const {
  QSettings s;
  const QString saved = s.value(QStringLiteral("server/fingerprint")).toString();
  return saved.isEmpty() ? m_profile.pinnedFingerprint : saved;
}

QString Session::lastEmail() const { return QSettings().value(QStringLiteral("account/email")).toString(); }

QJsonObject Session::cachedUser() const {
  QSettings s;
  // The whole answer of /api/v1/me as it was last seen (role, tenant kind, what the pages need).
  const QJsonObject saved = QJsonDocument::fromJson(s.value(QStringLiteral("account/user")).toByteArray()).object();
  if (!saved.isEmpty() && saved.value("id").toString() == s.value(QStringLiteral("account/id")).toString()) return saved;
  // Settings written before the whole answer was kept.
  return QJsonObject{{"id", s.value(QStringLiteral("account/id")).toString()},
                     {"name", s.value(QStringLiteral("account/name")).toString()},
                     {"role", s.value(QStringLiteral("account/role")).toString()},
                     {"tenant", QJsonObject{{"name", s.value(QStringLiteral("account/tenant")).toString()}}}};
}

void Session::pinServer(const QUrl& server, const QString& fingerprint) {
  QSettings s;
  s.setValue(QStringLiteral("server/url"), server.toString());
  s.setValue(QStringLiteral("server/fingerprint"), fingerprint);
  m_api.setServer(server, fingerprint);
}

void Session::signedIn(const QString& email, const QString& token, const QJsonObject& user, KeychainStore::Done done) {
  QSettings s;
  s.setValue(QStringLiteral("account/email"), email);
  s.setValue(QStringLiteral("account/id"), user.value("id").toString());
  s.setValue(QStringLiteral("account/name"), user.value("name").toString());
  s.setValue(QStringLiteral("account/role"), user.value("role").toString());
  s.setValue(QStringLiteral("account/tenant"), user.value("tenant").toObject().value("name").toString());
  rememberUser(user);
  m_api.setToken(token);
  m_keychain.write(tokenKey(), token, std::move(done));
}

void Session::rememberUser(const QJsonObject& user) {
  QSettings().setValue(QStringLiteral("account/user"), QJsonDocument(user).toJson(QJsonDocument::Compact));
}

void Session::restoreToken(std::function<void(const QString&, const QString&)> done) {
  if (!serverUrl().isValid() || pinnedFingerprint().isEmpty()) {
    done(QString(), QString());
    return;
  }
  m_keychain.read(tokenKey(), [this, done = std::move(done)](const std::optional<QString>& token, const QString& error) {
    if (token) m_api.setToken(*token);
    done(token.value_or(QString()), error);
  });
}

void Session::signOut(KeychainStore::Done done) {
  // Best effort: the token dies on the server when it is reachable; it leaves this computer either way.
  m_api.post(QStringLiteral("/api/v1/auth/logout"), {}, [](const ApiReply&) {});
  m_api.setToken(QString());
  QSettings s;
  s.remove(QStringLiteral("account/id"));
  s.remove(QStringLiteral("account/name"));
  s.remove(QStringLiteral("account/role"));
  s.remove(QStringLiteral("account/tenant"));
  s.remove(QStringLiteral("account/user"));
  m_keychain.remove(tokenKey(), std::move(done));
}

}  // namespace kete::app
