#pragma once
// The signed-in state of one app: server address and pinned certificate in the settings, the
// session token only in the OS keychain, and the API client that uses both.
#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include "app_profile.h"
#include "net/api_client.h"
#include "session/keychain_store.h"

namespace kete::app {

class Session : public QObject {
  Q_OBJECT
 public:
  explicit Session(const AppProfile& profile, QObject* parent = nullptr);

  ApiClient& api() { return m_api; }
  KeychainStore& keychain() { return m_keychain; }
  const AppProfile& profile() const { return m_profile; }

  QUrl serverUrl() const;
  QString pinnedFingerprint() const;
  QString lastEmail() const;
  QJsonObject cachedUser() const;  // who signed in last, for showing while offline
  // Keeps the server's latest answer about the signed-in person for the next start.
  void rememberUser(const QJsonObject& user);

  // Trusts this server from now on (trust on first use, confirmed by a person).
  void pinServer(const QUrl& server, const QString& fingerprint);
  // Keeps the token in the keychain and the user's public details in the settings.
  void signedIn(const QString& email, const QString& token, const QJsonObject& user, KeychainStore::Done done);
  // Reads the stored token for the pinned server; empty when there is none.
  void restoreToken(std::function<void(const QString& token, const QString& error)> done);
  // Tells the server, then removes the token from the keychain and forgets the user.
  void signOut(KeychainStore::Done done);

 private:
  static QString tokenKey() { return QStringLiteral("session-token"); }

  AppProfile m_profile;
  KeychainStore m_keychain;
  ApiClient m_api;
};

}  // namespace kete::app
