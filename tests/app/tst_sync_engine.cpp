// The apps' real sync engine and offline cache against the real server: first sync, offline
// edits sent exactly once, a lost push answer retried, two devices in conflict, and a client
// taken out of a person's scope purged from their cache.
#include <QJsonArray>
#include <QSignalSpy>
#include <QWebSocket>
#include <QtTest>

#include "net/api_client.h"
#include "store/local_store.h"
#include "sync/sync_engine.h"
#include "app_device.h"
#include "test_world.h"

using namespace kete::test;
using kete::app::LocalStore;
using kete::app::SyncEngine;

class SyncEngineTest : public QObject {
  Q_OBJECT
  ServerProcess m_server;
  std::unique_ptr<TestWorld> m_world;

  QJsonObject serverRecord(const QString& collection, const QString& id) {
    return m_world->get("admin", "/api/v1/records/" + collection + "/" + id).json();
  }

  QString createJob(const QString& title) {
    const QString id = newId();
    auto r = m_world->push("admin", "jobs", "create", id, 0,
                           {{"tenant_id", m_world->tenant("clientA")}, {"title", title}, {"stage", "submitted"}});
    return r.value("status").toString() == "applied" ? id : QString();
  }

 private slots:
  void initTestCase() {
    m_world = std::make_unique<TestWorld>(m_server);
    QVERIFY2(m_world->build(), qPrintable(m_world->error()));
  }

  void firstSyncBringsExactlyTheScope() {
    const QString job = createJob("Annual accounts");
    QVERIFY(!job.isEmpty());
    Device staff(m_server, (*m_world)["staff"]);
    Device clientB(m_server, (*m_world)["clientB"]);
    QCOMPARE(staff.sync(), SyncEngine::State::UpToDate);
    QCOMPARE(clientB.sync(), SyncEngine::State::UpToDate);
    QCOMPARE(staff.store.record(job).value("data").toObject().value("title").toString(), QString("Annual accounts"));
    QVERIFY(clientB.store.record(job).isEmpty());
    QCOMPARE(staff.engine->describe(), QString("Up to date"));
  }

  void offlineEditsAreAppliedExactlyOnceAfterReconnecting() {
    Device staff(m_server, (*m_world)["staff"]);
    QCOMPARE(staff.sync(), SyncEngine::State::UpToDate);
    const int port = m_server.port();
    QCOMPARE(m_server.stop(), 0);

    QStringList ids;
    for (int i = 0; i < 3; ++i)
      ids << staff.store.create("messages", {{"tenant_id", m_world->tenant("clientA")}, {"body", QString("Offline %1").arg(i)}});
    const QString leave = staff.store.create("leave_requests", {{"leave_type", "annual"}, {"start", "2027-01-04"},
                                                                 {"end", "2027-01-08"}, {"hours", 40}, {"reason", "Camping"}});
    QVERIFY(staff.store.update("leave_requests", leave, {{"reason", "Camping at Tongariro"}}));  // folded into the create
    QCOMPARE(staff.store.pendingCount(), 4);
    QCOMPARE(staff.sync(), SyncEngine::State::Offline);
    QVERIFY(staff.engine->describe().contains("4 change(s) not sent"));
    QCOMPARE(staff.store.record(ids[0]).value("data").toObject().value("body").toString(), QString("Offline 0"));  // usable offline

    QVERIFY(m_server.start({"--listen", QString("127.0.0.1:%1").arg(port)}));
    QCOMPARE(staff.sync(), SyncEngine::State::UpToDate);
    QCOMPARE(staff.store.pendingCount(), 0);
    for (const auto& id : ids) QCOMPARE(serverRecord("messages", id).value("version").toInt(), 1);
    auto request = serverRecord("leave_requests", leave);
    QCOMPARE(request.value("data").toObject().value("reason").toString(), QString("Camping at Tongariro"));
    QCOMPARE(request.value("data").toObject().value("status").toString(), QString("pending"));  // set by the server
    QCOMPARE(staff.store.record(leave).value("version").toInt(), 1);
    // Syncing again sends nothing twice.
    QCOMPARE(staff.sync(), SyncEngine::State::UpToDate);
    QVERIFY(m_world->pull("admin"));
    int copies = 0;
    for (const auto& data : (*m_world)["admin"].sync.data)
      if (data.value("body").toString() == "Offline 1") ++copies;
    QCOMPARE(copies, 1);
  }

  void lostPushAnswerIsRetriedSafely() {
    Device staff(m_server, (*m_world)["staff"]);
    const QString id = staff.store.create("messages", {{"tenant_id", m_world->tenant("clientA")}, {"body", "Sent twice"}});
    // The push reaches the server but its answer is lost on the way back.
    QJsonArray mutations;
    for (const auto& entry : staff.store.pending(10)) mutations.append(entry.toMutation());
    auto& person = (*m_world)["staff"];
    QCOMPARE(person.http->post(m_server.url("/api/v1/sync/push"), {{"client_id", "t"}, {"mutations", mutations}}).status, 200);
    QCOMPARE(staff.store.pendingCount(), 1);
    QCOMPARE(staff.sync(), SyncEngine::State::UpToDate);  // the retry answers "duplicate"
    QCOMPARE(staff.store.pendingCount(), 0);
    QCOMPARE(serverRecord("messages", id).value("version").toInt(), 1);
  }

  void twoDevicesConflictAndThePersonChooses() {
    const QString job = createJob("Mortgage application");
    Device laptop(m_server, (*m_world)["staff"]);
    Device phone(m_server, (*m_world)["staff"]);
    QCOMPARE(laptop.sync(), SyncEngine::State::UpToDate);
    QCOMPARE(phone.sync(), SyncEngine::State::UpToDate);
    QVERIFY(laptop.store.update("jobs", job, {{"stage", "valuation"}}));
    QVERIFY(phone.store.update("jobs", job, {{"stage", "approved"}}));
    QCOMPARE(laptop.sync(), SyncEngine::State::UpToDate);
    QCOMPARE(phone.sync(), SyncEngine::State::UpToDate);

    // Never silently lost: the phone holds both versions and asks.
    const auto problems = phone.store.problems();
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems[0].state, QString("conflict"));
    QCOMPARE(problems[0].data.value("stage").toString(), QString("approved"));
    QCOMPARE(problems[0].current.value("data").toObject().value("stage").toString(), QString("valuation"));
    QCOMPARE(serverRecord("jobs", job).value("data").toObject().value("stage").toString(), QString("valuation"));

    QVERIFY(phone.store.resolveConflict(problems[0].mutationId, true));  // keep mine
    QCOMPARE(phone.sync(), SyncEngine::State::UpToDate);
    QVERIFY(phone.store.problems().isEmpty());
    QCOMPARE(serverRecord("jobs", job).value("data").toObject().value("stage").toString(), QString("approved"));
    QCOMPARE(laptop.sync(), SyncEngine::State::UpToDate);
    QCOMPARE(laptop.store.record(job).value("data").toObject().value("stage").toString(), QString("approved"));
  }

  void takingTheirsDropsMine() {
    const QString job = createJob("Take theirs");
    Device a(m_server, (*m_world)["staff"]);
    Device b(m_server, (*m_world)["staff"]);
    QCOMPARE(a.sync(), SyncEngine::State::UpToDate);
    QCOMPARE(b.sync(), SyncEngine::State::UpToDate);
    QVERIFY(a.store.update("jobs", job, {{"stage", "theirs"}}));
    QVERIFY(b.store.update("jobs", job, {{"stage", "mine"}}));
    QCOMPARE(a.sync(), SyncEngine::State::UpToDate);
    QCOMPARE(b.sync(), SyncEngine::State::UpToDate);
    QVERIFY(b.store.resolveConflict(b.store.problems().at(0).mutationId, false));
    QCOMPARE(b.store.record(job).value("data").toObject().value("stage").toString(), QString("theirs"));
    QCOMPARE(b.store.pendingCount(), 0);
  }

  void unassignedClientIsPurgedFromTheCache() {
    const QString job = createJob("Purge me");
    auto& admin = (*m_world)["admin"];
    const QJsonObject link{{"user_id", (*m_world)["staff2"].id}, {"tenant_id", m_world->tenant("clientA")}};
    QCOMPARE(admin.http->post(m_server.url("/api/v1/assignments"), link).status, 204);
    Device staff2(m_server, (*m_world)["staff2"]);
    QCOMPARE(staff2.sync(), SyncEngine::State::UpToDate);
    QVERIFY(!staff2.store.record(job).isEmpty());
    QCOMPARE(admin.http->send("DELETE", m_server.url("/api/v1/assignments"), QJsonDocument(link).toJson()).status, 204);
    QCOMPARE(staff2.sync(), SyncEngine::State::UpToDate);
    QVERIFY(staff2.store.record(job).isEmpty());
    QVERIFY(!staff2.store.cursors().contains("client:" + m_world->tenant("clientA")));
  }

  void liveHintsBringOthersChangesWithoutAsking() {
    Device watcher(m_server, (*m_world)["staff"]);
    watcher.engine->setLive(true);
    QCOMPARE(watcher.sync(), SyncEngine::State::UpToDate);
    QTRY_VERIFY_WITH_TIMEOUT(watcher.engine->liveConnected(), 10000);

    Device writer(m_server, (*m_world)["clientA"]);
    const QString id = writer.store.create("messages", {{"body", "Are my accounts ready?"}});
    QCOMPARE(writer.sync(), SyncEngine::State::UpToDate);
    // No syncNow() on the watcher: the server's hint makes it pull.
    QTRY_VERIFY_WITH_TIMEOUT(!watcher.store.record(id).isEmpty(), 10000);

    // Someone who may not read the bucket hears nothing and gets nothing.
    Device outsider(m_server, (*m_world)["clientB"]);
    outsider.engine->setLive(true);
    QCOMPARE(outsider.sync(), SyncEngine::State::UpToDate);
    QTRY_VERIFY_WITH_TIMEOUT(outsider.engine->liveConnected(), 10000);
    const QString second = writer.store.create("messages", {{"body", "Second"}});
    QCOMPARE(writer.sync(), SyncEngine::State::UpToDate);
    QTRY_VERIFY_WITH_TIMEOUT(!watcher.store.record(second).isEmpty(), 10000);
    QVERIFY(outsider.store.record(second).isEmpty());

    // Open live sockets do not hold up a graceful stop, and the app reconnects when it is back.
    const int port = m_server.port();
    QElapsedTimer stopping;
    stopping.start();
    QCOMPARE(m_server.stop(), 0);
    QVERIFY2(stopping.elapsed() < 5000, "live sockets held up shutdown");
    QTRY_VERIFY_WITH_TIMEOUT(!watcher.engine->liveConnected(), 10000);
    QVERIFY(m_server.start({"--listen", QString("127.0.0.1:%1").arg(port)}));
    QTRY_VERIFY_WITH_TIMEOUT(watcher.engine->liveConnected(), 20000);
    const QString third = writer.store.create("messages", {{"body", "Third"}});
    QCOMPARE(writer.sync(), SyncEngine::State::UpToDate);
    QTRY_VERIFY_WITH_TIMEOUT(!watcher.store.record(third).isEmpty(), 10000);
  }

  void liveHintsFollowAssignment() {
    Device staff2(m_server, (*m_world)["staff2"]);
    staff2.engine->setLive(true);
    QCOMPARE(staff2.sync(), SyncEngine::State::UpToDate);
    QTRY_VERIFY_WITH_TIMEOUT(staff2.engine->liveConnected(), 10000);
    auto& admin = (*m_world)["admin"];
    const QJsonObject link{{"user_id", (*m_world)["staff2"].id}, {"tenant_id", m_world->tenant("clientA")}};
    QCOMPARE(admin.http->post(m_server.url("/api/v1/assignments"), link).status, 204);
    QCOMPARE(staff2.sync(), SyncEngine::State::UpToDate);  // learns of the new client; reconnects live
    QTRY_VERIFY_WITH_TIMEOUT(staff2.engine->liveConnected(), 10000);
    Device client(m_server, (*m_world)["clientA"]);
    const QString id = client.store.create("messages", {{"body", "Hello new accountant"}});
    QCOMPARE(client.sync(), SyncEngine::State::UpToDate);
    QTRY_VERIFY_WITH_TIMEOUT(!staff2.store.record(id).isEmpty(), 10000);  // a hint for the new bucket arrived
    QCOMPARE(admin.http->send("DELETE", m_server.url("/api/v1/assignments"), QJsonDocument(link).toJson()).status, 204);
  }

  // A socket opened while a contact could see invoices hears no billing bucket once the business
  // switched that off: one "scope changed", then nothing, until the app reconnects.
  void liveHintsStopAtAScopeChange() {
    auto& admin = (*m_world)["admin"];
    auto& contact = (*m_world)["clientA2"];
    const auto setAccess = [&](bool on) {
      return admin.http->send("PATCH", m_server.url("/api/v1/users/" + contact.id),
                              QJsonDocument(QJsonObject{{"sees_invoices", on}}).toJson()).status;
    };
    QCOMPARE(setAccess(true), 200);
    QWebSocket socket;
    QObject::connect(&socket, &QWebSocket::sslErrors, &socket, [&socket](const QList<QSslError>& e) { socket.ignoreSslErrors(e); });
    QStringList heard;
    QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket, [&heard](const QString& m) { heard << m; });
    QNetworkRequest request(QUrl(QString("wss://127.0.0.1:%1/api/v1/sync/live").arg(m_server.port())));
    request.setRawHeader("Authorization", "Bearer " + contact.token.toLatin1());
    socket.open(request);
    QTRY_VERIFY_WITH_TIMEOUT(socket.state() == QAbstractSocket::ConnectedState, 10000);
    const QString billing = "client-billing:" + m_world->tenant("clientA");
    const auto invoice = [&] {
      return m_world->push("admin", "invoices", "create", newId(), 0,
                           {{"tenant_id", m_world->tenant("clientA")}, {"number", "INV-9"}, {"amount_cents", 5},
                            {"currency", "NZD"}, {"due", "2026-12-01"}, {"status", "due"}})
          .value("status").toString();
    };
    QCOMPARE(invoice(), QString("applied"));
    QTRY_VERIFY_WITH_TIMEOUT(heard.join(' ').contains(billing), 10000);  // allowed: hinted
    QCOMPARE(setAccess(false), 200);
    heard.clear();
    QCOMPARE(invoice(), QString("applied"));
    QTRY_VERIFY_WITH_TIMEOUT(heard.join(' ').contains("\"scope\""), 10000);
    // And then the server closes the socket: nothing more is said under the old scope.
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 10000);
    QCOMPARE(socket.closeCode(), QWebSocketProtocol::CloseCodeNormal);
    QCOMPARE(invoice(), QString("applied"));
    QTest::qWait(300);
    QVERIFY2(!heard.join(' ').contains(billing), qPrintable(heard.join(' ')));
    QCOMPARE(heard.size(), 1);
  }

  void liveSocketNeedsASession() {
    QWebSocket socket;
    QObject::connect(&socket, &QWebSocket::sslErrors, &socket, [&socket](const QList<QSslError>& e) { socket.ignoreSslErrors(e); });
    QNetworkRequest request(QUrl(QString("wss://127.0.0.1:%1/api/v1/sync/live").arg(m_server.port())));
    request.setRawHeader("Authorization", "Bearer " + QByteArray(64, 'a'));
    socket.open(request);
    QTRY_VERIFY_WITH_TIMEOUT(socket.state() == QAbstractSocket::UnconnectedState, 10000);
    QVERIFY(socket.error() != QAbstractSocket::UnknownSocketError);  // refused during the handshake, not closed after
  }

  void searchWorksOfflineOverTheCache() {
    Device staff(m_server, (*m_world)["staff"]);
    QCOMPARE(staff.sync(), SyncEngine::State::UpToDate);
    auto titles = [&](const QString& words) {
      QStringList out;
      for (const auto& r : staff.store.search(words)) out << r.value("data").toObject().value("title").toString();
      return out;
    };
    QVERIFY(titles("annual").contains("Annual accounts"));
    QVERIFY(titles("ANNU acc").contains("Annual accounts"));  // prefixes, any case, every word
    QVERIFY(titles("annual mortgage").isEmpty());
    QVERIFY(titles("\"annual\" (acc").contains("Annual accounts"));  // quotes and brackets are text, not FTS syntax
    const QString note = staff.store.create("messages", {{"tenant_id", m_world->tenant("clientA")},
                                                         {"body", "Hui at the wharenui about te reo Māori resources"}});
    QCOMPARE(staff.store.search("maori").value(0).value("id").toString(), note);  // without the macron
    QCOMPARE(staff.store.search("wharenui").size(), 1);
  }

  // The server is restored from a backup: its sequence numbers restart below what the app has
  // seen. After `admin new-epoch` the app resyncs from zero and still sends what it had not sent.
  void restoredServerMakesAppsResyncKeepingUnsentWork() {
    Device staff(m_server, (*m_world)["staff"]);
    QCOMPARE(staff.sync(), SyncEngine::State::UpToDate);
    const int port = m_server.port();
    const QString data = m_server.dataDir();
    const QString backup = data + "-backup";
    QCOMPARE(m_server.stop(), 0);
    QDir().mkpath(backup);
    for (const auto& name : QDir(data).entryList({"kete.db*"}, QDir::Files)) QVERIFY(QFile::copy(data + "/" + name, backup + "/" + name));
    QVERIFY(m_server.start({"--listen", QString("127.0.0.1:%1").arg(port)}));

    const QString lost = createJob("Made after the backup");
    QCOMPARE(staff.sync(), SyncEngine::State::UpToDate);
    QVERIFY(!staff.store.record(lost).isEmpty());
    const QString oldEpoch = staff.store.epoch();

    QCOMPARE(m_server.stop(), 0);
    const QString unsent = staff.store.create("messages", {{"tenant_id", m_world->tenant("clientA")}, {"body", "Written while the server was down"}});
    for (const auto& name : QDir(data).entryList({"kete.db*"}, QDir::Files)) QVERIFY(QFile::remove(data + "/" + name));
    for (const auto& name : QDir(backup).entryList(QDir::Files)) QVERIFY(QFile::copy(backup + "/" + name, data + "/" + name));
    auto renewed = ServerProcess::run({"admin", "new-epoch", "--data", data});
    QCOMPARE(renewed.exitCode, 0);
    QVERIFY(m_server.start({"--listen", QString("127.0.0.1:%1").arg(port)}));

    QCOMPARE(staff.sync(), SyncEngine::State::UpToDate);
    QVERIFY(staff.store.epoch() != oldEpoch);
    QVERIFY(staff.store.record(lost).isEmpty());  // gone with the restore, gone from the app
    QCOMPARE(serverRecord("messages", unsent).value("version").toInt(), 1);  // unsent work survived
    QVERIFY(!staff.store.record(unsent).isEmpty());
    QVERIFY(!staff.store.search("annual").isEmpty());  // everything else came back from zero
  }

  void cacheIsRemovedOnPurge() {
    Device d(m_server, (*m_world)["staff"]);
    QCOMPARE(d.sync(), SyncEngine::State::UpToDate);
    const QString path = d.store.path();
    QVERIFY(QFile::exists(path));
    QVERIFY(d.store.purge());
    QVERIFY(!QFile::exists(path));
  }

  void damagedCacheIsAClearError() {
    QTemporaryDir dir;
    QFile junk(dir.path() + "/cache.db");
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write(QByteArray(4096, 'x'));
    junk.close();
    LocalStore store;
    QString error;
    QVERIFY(!store.open(junk.fileName(), &error));
    QVERIFY2(error.contains("damaged"), qPrintable(error));
  }
};

QTEST_MAIN(SyncEngineTest)
#include "tst_sync_engine.moc"
