#pragma once
// A small business on a real server, built through the real admin API: the business with an
// admin, a manager and two staff, two clients and two partners, each with one user signed in.
#include <QByteArray>
#include <QCryptographicHash>
#include <QHash>
#include <QRandomGenerator>
#include <QSet>
#include <QJsonObject>
#include <QString>
#include <QUuid>
#include <memory>

#include "https_client.h"
#include "server_process.h"

namespace kete::test {

inline const QString kPassword = QStringLiteral("correct-horse-battery");

inline QString newId() { return QUuid::createUuid().toString(QUuid::WithoutBraces); }

// Incompressible test bytes, the same for the same seed (different seeds: different files).
inline QByteArray randomBytes(int n, quint32 seed) {
  QByteArray out(n, Qt::Uninitialized);
  QRandomGenerator generator(seed);
  for (int i = 0; i < n; ++i) out[i] = static_cast<char>(generator.bounded(256));
  return out;
}

// A Content-Range header value for bytes FIRST..LAST of TOTAL.
inline QByteArray contentRange(qint64 first, qint64 last, qint64 total) {
  return QString("bytes %1-%2/%3").arg(first).arg(last).arg(total).toLatin1();
}

inline QString sha256Hex(const QByteArray& bytes) {
  return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

// What one app would hold after syncing: cursors, and each record's data and buckets.
struct SyncState {
  QJsonObject cursors;
  QHash<QString, QSet<QString>> bucketsOf;  // record id -> buckets it is in, as far as this person knows
  QHash<QString, QJsonObject> data;
  QStringList removedBuckets;               // as last reported by the server
  QString epoch;
  bool visible(const QString& id) const { return !bucketsOf.value(id).isEmpty(); }
};

struct Person {
  QString id;
  QString email;
  QString tenantId;
  std::unique_ptr<HttpsClient> http;
  QString token;
  SyncState sync;
};

class TestWorld {
 public:
  explicit TestWorld(ServerProcess& server) : m_server(server) {}

  // Extra arguments for `serve` (e.g. --config); set before build().
  void setServeArguments(const QStringList& args) { m_serveArgs = args; }
  // Creates everything; false with the reason in error().
  bool build();
  QString error() const { return m_error; }

  // admin, manager, staff (assigned to clientA, reports to manager), staff2 (unassigned),
  // clientA, clientA2 (clientA's second contact, who may not see invoices), clientB, partnerP,
  // partnerQ.
  Person& operator[](const QString& who) { return *m_people.at(who); }
  QString tenant(const QString& name) const { return m_tenants.value(name); }

  // Creates a tenant / user through the admin API; returns the new id or empty.
  QString createTenant(const QString& kind, const QString& name);
  QString createUser(const QString& key, const QString& role, const QString& tenantId, const QString& managerId = {});
  bool signIn(const QString& key);

  // One push of one mutation; returns that mutation's result object.
  QJsonObject push(const QString& who, const QString& collection, const QString& op, const QString& recordId,
                   qint64 baseVersion, const QJsonObject& data);
  HttpReply get(const QString& who, const QString& path);
  // Pulls until up to date, applying changes to the person's SyncState; false on an HTTP error.
  bool pull(const QString& who, int limit = 1000);

 private:
  ServerProcess& m_server;
  QStringList m_serveArgs;
  QString m_error;
  std::map<QString, std::unique_ptr<Person>> m_people;
  QHash<QString, QString> m_tenants;
};

}  // namespace kete::test
