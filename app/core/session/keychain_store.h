#pragma once
// Secrets in the OS keychain (Windows Credential Manager, macOS Keychain, Secret Service),
// never in a file: when the keychain is unavailable the operation fails, it does not fall back.
#include <QObject>
#include <QString>
#include <functional>
#include <optional>

namespace kete::app {

class KeychainStore : public QObject {
  Q_OBJECT
 public:
  // service: one per app, e.g. "nz.kete.staff".
  explicit KeychainStore(QString service, QObject* parent = nullptr);

  using Done = std::function<void(const QString& error)>;                               // empty error: ok
  using Read = std::function<void(const std::optional<QString>& value, const QString& error)>;  // nullopt: absent

  void write(const QString& key, const QString& value, Done done);
  void read(const QString& key, Read done);
  void remove(const QString& key, Done done);  // removing an absent entry is not an error

  const QString& service() const { return m_service; }

 private:
  QString m_service;
};

}  // namespace kete::app
