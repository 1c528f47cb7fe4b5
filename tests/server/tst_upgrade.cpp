// Upgrading a data folder made by the previous release (schema 6), as an operator would: stop,
// install the new kete-server, start it on the same folder. Migration 7 moves invoices and
// payments to their client's billing bucket and starts a new epoch; nothing is lost, every
// contact keeps seeing invoices until the business says otherwise, and nothing leaks.
#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QtTest>

#include "https_client.h"
#include "server_process.h"

using kete::test::HttpsClient;
using kete::test::ServerProcess;

namespace {

const char* kPassword = "harbour-lane-demo";

// Turns a current data folder back into what schema 6 kept: invoices and payments in client:<t>
// (after the rest of that bucket's log), no billing buckets, no invoice switch.
bool downgradeToSchema6(const QString& dbPath, QString* error) {
  {
    auto db = QSqlDatabase::addDatabase("QSQLITE", "downgrade");
    db.setDatabaseName(dbPath);
    if (!db.open()) return *error = db.lastError().text(), false;
    QSqlQuery q(db);
    const QStringList statements{
        "BEGIN",
        "UPDATE records SET buckets = 'client:' || substr(buckets, 16) WHERE collection IN ('invoices','payments')",
        "UPDATE record_buckets SET bucket = 'client:' || substr(bucket, 16) WHERE bucket LIKE 'client-billing:%'",
        "DELETE FROM change_log WHERE bucket LIKE 'client-billing:%'",
        "DELETE FROM bucket_seq WHERE bucket LIKE 'client-billing:%'",
        "INSERT INTO change_log(bucket, seq, collection, record_id, version, deleted) "
        "  SELECT b.bucket, coalesce((SELECT last_seq FROM bucket_seq s WHERE s.bucket = b.bucket), 0) + "
        "         row_number() OVER (PARTITION BY b.bucket ORDER BY r.id), r.collection, r.id, r.version, r.deleted "
        "  FROM record_buckets b JOIN records r ON r.id = b.record_id WHERE r.collection IN ('invoices','payments')",
        "INSERT OR REPLACE INTO bucket_seq(bucket, last_seq) SELECT bucket, max(seq) FROM change_log "
        "  WHERE bucket LIKE 'client:%' GROUP BY bucket",
        "ALTER TABLE users DROP COLUMN sees_invoices",
        "DELETE FROM schema_migrations WHERE version = 7",
        "COMMIT"};
    for (const auto& sql : statements)
      if (!q.exec(sql)) return *error = sql + ": " + q.lastError().text(), false;
  }
  QSqlDatabase::removeDatabase("downgrade");
  return true;
}

struct Pulled {
  QString epoch;
  QStringList invoiceBuckets;  // bucket of every invoice or payment change received
  int invoices = 0;
};

}  // namespace

class Upgrade : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;
  std::unique_ptr<ServerProcess> m_server;

  std::unique_ptr<HttpsClient> signIn(const QString& email) {
    auto http = std::make_unique<HttpsClient>(m_server->fingerprint());
    auto r = http->post(m_server->url("/api/v1/auth/login"), {{"email", email}, {"password", kPassword}});
    if (r.status != 200) return nullptr;
    http->setToken(r.json().value("token").toString());
    return http;
  }

  Pulled pull(HttpsClient& http) {
    Pulled out;
    QJsonObject cursors;
    for (int round = 0; round < 100; ++round) {
      const auto body = http.post(m_server->url("/api/v1/sync/pull"), {{"cursors", cursors}, {"limit", 1000}}).json();
      out.epoch = body.value("epoch").toString();
      for (const auto& c : body.value("changes").toArray()) {
        const auto change = c.toObject();
        const QString collection = change.value("collection").toString();
        if ((collection == "invoices" || collection == "payments") && !change.value("deleted").toBool()) {
          out.invoiceBuckets << change.value("bucket").toString().section(':', 0, 0);
          out.invoices += collection == "invoices";
        }
      }
      cursors = body.value("cursors").toObject();
      if (!body.value("more").toBool()) break;
    }
    out.invoiceBuckets.removeDuplicates();
    return out;
  }

 private slots:
  void schema6FolderUpgradesWithoutLossOrLeak() {
    QCOMPARE(ServerProcess::run({"seed-demo", "--data", m_dir.path()}).exitCode, 0);
    QString error;
    QVERIFY2(downgradeToSchema6(m_dir.path() + "/kete.db", &error), qPrintable(error));

    QString oldEpoch;
    {
      auto db = QSqlDatabase::addDatabase("QSQLITE", "epoch");
      db.setDatabaseName(m_dir.path() + "/kete.db");
      QVERIFY(db.open());
      QSqlQuery q("SELECT value FROM meta WHERE key = 'epoch'", db);
      QVERIFY(q.next());
      oldEpoch = q.value(0).toString();
      // What schema 6 kept: both invoices and the payment in the client bucket, no billing bucket.
      QSqlQuery count("SELECT count(*) FROM record_buckets WHERE bucket LIKE 'client:%' AND record_id IN "
                      "(SELECT id FROM records WHERE collection IN ('invoices','payments'))", db);
      QVERIFY(count.next());
      QCOMPARE(count.value(0).toInt(), 3);
    }
    QSqlDatabase::removeDatabase("epoch");
    m_server = std::make_unique<ServerProcess>(m_dir.path());
    QVERIFY2(m_server->start(), m_server->log().constData());
    auto sam = signIn("sam@kaurijoinery.co.nz");
    QVERIFY(sam);
    const Pulled after = pull(*sam);
    QVERIFY(after.epoch != oldEpoch);  // every app starts again, dropping invoices kept under client:
    QCOMPARE(after.invoices, 2);       // nothing lost
    QCOMPARE(after.invoiceBuckets, QStringList{"client-billing"});
    QCOMPARE(sam->get(m_server->url("/api/v1/me")).json().value("sees_invoices").toBool(), true);

    // Priya keeps seeing them too, until the business switches it off; the café never does.
    auto priya = signIn("priya@kaurijoinery.co.nz");
    QVERIFY(priya);
    QCOMPARE(pull(*priya).invoices, 2);
    auto lena = signIn("lena@pohutukawacafe.co.nz");
    QVERIFY(lena);
    QCOMPARE(pull(*lena).invoices, 0);
    auto admin = signIn("aroha@harbourlane.co.nz");
    QVERIFY(admin);
    const QString priyaId = priya->get(m_server->url("/api/v1/me")).json().value("id").toString();
    QCOMPARE(admin->send("PATCH", m_server->url("/api/v1/users/" + priyaId), R"({"sees_invoices": false})").status, 200);
    QCOMPARE(pull(*priya).invoices, 0);
  }
};

QTEST_GUILESS_MAIN(Upgrade)
#include "tst_upgrade.moc"
