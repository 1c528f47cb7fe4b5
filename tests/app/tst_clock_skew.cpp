// The app's computer and the server disagree about the time by hours (a laptop never set, a
// server in the wrong zone). The real server runs under libfaketime, three hours behind and three
// hours ahead of this test; the real sync engine signs in, syncs, pushes, keeps its live socket
// (the server's certificate is "not yet valid" on this clock when the server is ahead), and a
// message from the business is told as news exactly once. Nothing the app does may depend on
// its own clock agreeing with the server's.
#include <QDateTime>
#include <QJsonArray>
#include <QSslCertificate>
#include <QtTest>

#include "net/api_client.h"
#include "store/local_store.h"
#include "sync/news.h"
#include "sync/sync_engine.h"
#include "app_device.h"
#include "test_world.h"

using namespace kete::test;
using kete::app::LocalStore;
using kete::app::SyncEngine;

class ClockSkew : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    if (ServerProcess::fakeTimeLibrary().isEmpty())
      QFAIL("libfaketime was not found when the tests were configured (scripts/setup installs it)");
  }

  void serverClockHoursOff_data() {
    QTest::addColumn<QString>("offset");
    QTest::addColumn<int>("hours");
    QTest::newRow("server 3 h behind") << "-3h" << -3;
    QTest::newRow("server 3 h ahead") << "+3h" << 3;
  }

  void serverClockHoursOff() {
    QFETCH(QString, offset);
    QFETCH(int, hours);
    ServerProcess server;
    server.setClockOffset(offset);
    TestWorld world(server);
    QVERIFY2(world.build(), qPrintable(world.error()));
    const QString tenant = world.tenant("clientA");

    // The server really keeps other time: the time it writes on a message is hours off ours.
    const QString before = newId();
    QCOMPARE(world.push("staff", "messages", "create", before, 0, {{"tenant_id", tenant}, {"body", "before"}})
                 .value("status").toString(), QString("applied"));
    const auto sentAt = QDateTime::fromString(
        world.get("staff", "/api/v1/records/messages/" + before).json().value("data").toObject().value("sent_at").toString(),
        Qt::ISODateWithMs);
    QVERIFY(sentAt.isValid());
    const qint64 skew = QDateTime::currentDateTimeUtc().secsTo(sentAt);
    QVERIFY2(qAbs(skew - hours * 3600) < 600, qPrintable(QString("server time is %1 s off ours").arg(skew)));

    // The client's app: first sync, with what was there before not told as news.
    Device client(server, world["clientA"]);
    kete::app::startNews(client.store);
    client.engine->setLive(true);
    QCOMPARE(client.sync(), SyncEngine::State::UpToDate);
    QVERIFY(!client.store.record(before).isEmpty());
    QVERIFY(kete::app::takeNews(client.store, false).isEmpty());

    // Live updates connect, although the certificate's validity starts in our future when the
    // server is ahead (it is pinned, so its dates are not what makes it trusted).
    const auto certificates = QSslCertificate::fromPath(server.dataDir() + "/tls/certificate.pem");
    QCOMPARE(certificates.size(), 1);
    QCOMPARE(certificates.first().effectiveDate() > QDateTime::currentDateTimeUtc(), hours > 0);
    QTRY_VERIFY_WITH_TIMEOUT(client.engine->liveConnected(), 10000);

    // A message from the business arrives by itself and is told once.
    const QString after = newId();
    QCOMPARE(world.push("staff", "messages", "create", after, 0, {{"tenant_id", tenant}, {"body", "are you there?"}})
                 .value("status").toString(), QString("applied"));
    QTRY_VERIFY_WITH_TIMEOUT(!client.store.record(after).isEmpty(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(client.engine->state(), SyncEngine::State::UpToDate, 10000);
    const QStringList news = kete::app::takeNews(client.store, false);
    QCOMPARE(news.size(), 1);
    QVERIFY2(news.first().startsWith("New message from"), qPrintable(news.first()));
    QVERIFY(kete::app::takeNews(client.store, false).isEmpty());

    // The client answers from the app: pushed, stamped by the server, seen by staff.
    const QString reply = client.store.create("messages", {{"tenant_id", tenant}, {"body", "yes"}});
    QCOMPARE(client.sync(), SyncEngine::State::UpToDate);
    QCOMPARE(client.store.pendingCount(), 0);
    auto seen = world.get("staff", "/api/v1/records/messages/" + reply);
    QCOMPARE(seen.status, 200);
    QCOMPARE(seen.json().value("data").toObject().value("body").toString(), QString("yes"));
  }
};

QTEST_GUILESS_MAIN(ClockSkew)
#include "tst_clock_skew.moc"
