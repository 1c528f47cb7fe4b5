// kill -9 of the server in the middle of a stream of pushes: after a restart every mutation the
// server acknowledged is there, the database passes its integrity check, and retrying the
// unacknowledged ones applies each exactly once.
#include <QJsonArray>
#include <QtTest>

#include <csignal>

#include "test_world.h"

using namespace kete::test;

class CrashDurability : public QObject {
  Q_OBJECT
 private slots:
  void acknowledgedMutationsSurviveKill9() {
    ServerProcess server;
    TestWorld world(server);
    QVERIFY2(world.build(), qPrintable(world.error()));
    const int port = server.port();
    const QString tenant = world.tenant("clientA");
    auto& staff = world["staff"];

    // Batches of pushes; during one of them (while the server is inside its transaction, most
    // likely) the server is killed.
    QStringList acknowledged;
    QList<QJsonObject> unanswered;
    bool killed = false;
    for (int batch = 0; batch < 400; ++batch) {
      QJsonArray mutations;
      QList<QJsonObject> sent;
      for (int i = 0; i < 200; ++i) {
        QJsonObject m{{"id", newId()}, {"collection", "messages"}, {"op", "create"}, {"record_id", newId()},
                      {"data", QJsonObject{{"tenant_id", tenant}, {"body", QString("batch %1 #%2").arg(batch).arg(i)}}}};
        mutations.append(m);
        sent << m;
      }
      if (batch == 8) {
        const auto pid = static_cast<pid_t>(server.pid());
        QTimer::singleShot(5, [pid, &killed] {
          ::kill(pid, SIGKILL);
          killed = true;
        });
      }
      auto r = staff.http->post(server.url("/api/v1/sync/push"), {{"client_id", "crash"}, {"mutations", mutations}});
      if (r.status != 200) {
        unanswered << sent;
        break;
      }
      for (const auto& result : r.json().value("results").toArray()) {
        QCOMPARE(result.toObject().value("status").toString(), QString("applied"));
        acknowledged << result.toObject().value("id").toString();
      }
    }
    QVERIFY(killed);
    qInfo("acknowledged %lld mutations, %lld sent without an answer", qint64(acknowledged.size()), qint64(unanswered.size()));
    QVERIFY(acknowledged.size() >= 1600);
    server.kill();

    QVERIFY(server.start({"--listen", QString("127.0.0.1:%1").arg(port)}));
    QVERIFY(world.signIn("staff"));
    // Every acknowledged mutation is still known: resending it answers "duplicate".
    for (int start = 0; start < acknowledged.size(); start += 200) {
      QJsonArray again;
      for (int i = start; i < std::min<int>(start + 200, acknowledged.size()); ++i)
        again.append(QJsonObject{{"id", acknowledged[i]}, {"collection", "messages"}, {"op", "create"},
                                 {"record_id", newId()}, {"data", QJsonObject{{"tenant_id", tenant}, {"body", "x"}}}});
      auto r = staff.http->post(server.url("/api/v1/sync/push"), {{"client_id", "crash"}, {"mutations", again}});
      QCOMPARE(r.status, 200);
      for (const auto& result : r.json().value("results").toArray())
        QCOMPARE(result.toObject().value("status").toString(), QString("duplicate"));
    }
    // What was sent but never answered is retried safely: applied now, or duplicate if it had landed.
    if (!unanswered.isEmpty()) {
      QJsonArray retry;
      for (const auto& m : unanswered) retry.append(m);
      auto r = staff.http->post(server.url("/api/v1/sync/push"), {{"client_id", "crash"}, {"mutations", retry}});
      QCOMPARE(r.status, 200);
      for (const auto& result : r.json().value("results").toArray()) {
        const QString status = result.toObject().value("status").toString();
        QVERIFY2(status == "applied" || status == "duplicate", qPrintable(status));
      }
    }
    QCOMPARE(server.stop(), 0);

    QProcess check;
    check.start("sqlite3", {server.dataDir() + "/kete.db", "PRAGMA integrity_check;"});
    QVERIFY(check.waitForFinished(30000));
    QCOMPARE(check.readAllStandardOutput().trimmed(), QByteArray("ok"));
  }
};

QTEST_GUILESS_MAIN(CrashDurability)
#include "tst_crash_durability.moc"
