// Callers who spend the server's memory, processor time and descriptors, or plant and keep what
// is not theirs: the review's findings 2, 3, 6, 7 and 8 (docs/security.md), each played against
// the real server as the attacker did.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSslSocket>
#include <QTcpSocket>
#include <QWebSocket>
#include <QtTest>
#include <memory>
#include <vector>

#include "test_world.h"

using namespace kete::test;

namespace {

// A figure from /proc/<pid>/status, in kB (VmRSS, VmHWM).
qint64 statusKb(qint64 pid, const QByteArray& key) {
  QFile f(QString("/proc/%1/status").arg(pid));
  if (!f.open(QIODevice::ReadOnly)) return -1;
  for (const QByteArray& line : f.readAll().split('\n'))
    if (line.startsWith(key + ':')) return line.mid(key.size() + 1).trimmed().split(' ').first().toLongLong();
  return -1;
}

// Processor time the process has used, in clock ticks (user + system).
qint64 cpuTicks(qint64 pid) {
  QFile f(QString("/proc/%1/stat").arg(pid));
  if (!f.open(QIODevice::ReadOnly)) return -1;
  const QByteArray stat = f.readAll();
  const auto fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');  // from field 3 on
  return fields.size() > 12 ? fields[11].toLongLong() + fields[12].toLongLong() : -1;
}

}  // namespace

class HostileCallers : public QObject {
  Q_OBJECT
  std::unique_ptr<ServerProcess> m_server;
  std::unique_ptr<TestWorld> m_world;

  void startWorld(const QByteArray& config = {}, int openFileLimit = 0) {
    m_world.reset();
    m_server = std::make_unique<ServerProcess>();
    m_server->setOpenFileLimit(openFileLimit);
    QStringList args;
    if (!config.isEmpty()) args << "--config" << m_server->writeConfig(config);
    m_world = std::make_unique<TestWorld>(*m_server);
    m_world->setServeArguments(args);
    QVERIFY2(m_world->build(), qPrintable(m_world->error()));
  }

  std::unique_ptr<QSslSocket> rawConnection() { return m_server->rawConnection(); }

  // Sends a request's header alone (the body is promised, never sent) and waits for an answer.
  QByteArray answerToHeader(const QByteArray& requestLine, qint64 contentLength, const QString& token = {}) {
    auto socket = rawConnection();
    if (!socket) return "no connection";
    QByteArray header = requestLine + " HTTP/1.1\r\nHost: kete\r\nContent-Type: application/json\r\nContent-Length: " +
                        QByteArray::number(contentLength) + "\r\n";
    if (!token.isEmpty()) header += "Authorization: Bearer " + token.toLatin1() + "\r\n";
    socket->write(header + "\r\n");
    QByteArray answer;
    QDeadlineTimer deadline(5000);
    while (!deadline.hasExpired() && !answer.contains("\r\n\r\n"))
      if (socket->waitForReadyRead(200)) answer += socket->readAll();
    return answer;
  }

  QByteArray pullBody(int cursors) {
    QByteArray body = "{\"cursors\":{";
    body.reserve(cursors * 20 + 32);
    for (int i = 0; i < cursors; ++i) body += (i ? ",\"b" : "\"b") + QByteArray::number(i) + "\":0";
    return body + "}}";
  }

  HttpReply pull(const QString& who, const QByteArray& body) {
    return (*m_world)[who].http->send("POST", m_server->url("/api/v1/sync/pull"), body, {{"Content-Type", "application/json"}});
  }

 private slots:
  void cleanup() {
    m_world.reset();
    m_server.reset();
  }

  // Finding 3: a body is read only for a route that takes one that large, and, for a route that
  // needs a sign-in, only once the header's token signs someone in.
  void bodiesAreJudgedByTheirHeader() {
    startWorld();
    const QByteArray big = QByteArray::number(15 * 1024 * 1024);
    // Sign-in takes kilobytes: 15 MiB is refused before a byte of it is sent.
    QVERIFY2(answerToHeader("POST /api/v1/auth/login", 15 * 1024 * 1024).startsWith("HTTP/1.1 413"), "login");
    QVERIFY2(answerToHeader("POST /api/v1/auth/invite/accept", 15 * 1024 * 1024).startsWith("HTTP/1.1 413"), "invite");
    // Push takes up to the server's limit, but not from someone nobody signed in.
    const QByteArray anonymous = answerToHeader("POST /api/v1/sync/push", 15 * 1024 * 1024);
    QVERIFY2(anonymous.startsWith("HTTP/1.1 401"), anonymous.constData());
    QVERIFY2(answerToHeader("POST /api/v1/sync/push", 15 * 1024 * 1024, QString(64, 'a')).startsWith("HTTP/1.1 401"),
             "forged token");
    // Signed in, the same header is waited on for its body: no answer comes before it.
    QVERIFY(answerToHeader("POST /api/v1/sync/push", 15 * 1024 * 1024, (*m_world)["staff"].token).isEmpty());
    // Small bodies go as before, signed in or not.
    HttpsClient anon(m_server->fingerprint());
    QCOMPARE(anon.post(m_server->url("/api/v1/auth/login"), {{"email", "x@y.nz"}, {"password", "not-the-password"}}).status, 401);
    QCOMPARE(pull("staff", "{}").status, 200);
  }

  // Finding 3, as measured: twenty anonymous 15 MiB sign-in bodies at once took the server from
  // 54 to 326 MB. Now none is read, and the peak stays where it was.
  void anonymousBodiesCostNoMemory() {
    startWorld();
    const qint64 before = statusKb(m_server->pid(), "VmHWM");
    QVERIFY(before > 0);
    const QByteArray body(15 * 1024 * 1024, 'x');
    std::vector<std::unique_ptr<QSslSocket>> sockets;
    for (int i = 0; i < 20; ++i) {
      auto socket = rawConnection();
      QVERIFY(socket);
      socket->write("POST /api/v1/auth/login HTTP/1.1\r\nHost: kete\r\nContent-Type: application/json\r\nContent-Length: " +
                    QByteArray::number(body.size()) + "\r\n\r\n");
      socket->write(body);
      sockets.push_back(std::move(socket));
    }
    QDeadlineTimer deadline(20000);
    for (auto& s : sockets)
      while (!deadline.hasExpired() && s->state() == QAbstractSocket::ConnectedState) s->waitForDisconnected(200);
    for (auto& s : sockets) QCOMPARE(s->state(), QAbstractSocket::UnconnectedState);  // each refused and closed
    const qint64 after = statusKb(m_server->pid(), "VmHWM");
    QVERIFY2(after - before < 32 * 1024, qPrintable(QString("peak %1 kB -> %2 kB").arg(before).arg(after)));
    QCOMPARE(HttpsClient(m_server->fingerprint()).get(m_server->url("/healthz")).status, 200);
  }

  // Finding 7: 1.1 million cursors took 2.3 s of a connection's thread and 120 MB. A pull names
  // about as many cursors as the caller has buckets.
  void pullCursorsAreBounded() {
    startWorld();
    // A few it may no longer read are normal: they come back as removed.
    const auto stale = pull("staff", pullBody(10));
    QCOMPARE(stale.status, 200);
    QCOMPARE(stale.json().value("removed_buckets").toArray().size(), 10);
    const auto many = pull("staff", pullBody(300'000));
    QCOMPARE(many.status, 400);
    QVERIFY(many.json().value("error").toObject().value("message").toString().contains("cursors"));
    QCOMPARE(pull("admin", pullBody(300'000)).status, 400);
    // Over what a pull may send at all: refused from its header.
    QVERIFY(answerToHeader("POST /api/v1/sync/pull", 13'000'000, (*m_world)["staff"].token).startsWith("HTTP/1.1 413"));
    QCOMPARE(pull("staff", "{}").status, 200);
  }

  // Finding 2: with `ulimit -n 64`, 60 idle connections made the accept loop spin (a core, 450k
  // log lines in 3 s) and /healthz time out. Now excess connections are closed as they come, a
  // loop out of descriptors waits, and the idle ones are dropped after the handshake timeout.
  void idleConnectionsCannotTakeTheServer_data() {
    QTest::addColumn<QByteArray>("config");
    QTest::newRow("limits from the descriptors") << QByteArray(R"({"handshake_timeout_seconds": 2})");
    // A limit set above what the descriptors allow: the loop runs out of them, and must wait.
    QTest::newRow("out of descriptors") << QByteArray(R"({"handshake_timeout_seconds": 2, "max_connections": 1000,
                                                          "max_connections_per_address": 1000})");
  }
  void idleConnectionsCannotTakeTheServer() {
#ifndef Q_OS_LINUX
    QSKIP("reads the server's processor time from /proc");
#endif
    QFETCH(QByteArray, config);
#ifdef KETE_SANITIZED
    // The sanitizers' own runtime needs descriptors to check types: out of them, it reports
    // every virtual call as broken. The ordinary build runs this case.
    if (QByteArray(QTest::currentDataTag()) == "out of descriptors") QSKIP("not under the sanitizers");
#endif
    // The server alone: a business's signed-in people would hold more connections than a server
    // with 64 descriptors takes.
    m_server = std::make_unique<ServerProcess>();
    m_server->setOpenFileLimit(64);
    QVERIFY2(m_server->start({"--config", m_server->writeConfig(config)}), m_server->log().constData());
    const qint64 pid = m_server->pid();
    std::vector<std::unique_ptr<QTcpSocket>> idle;
    for (int i = 0; i < 60; ++i) {
      auto s = std::make_unique<QTcpSocket>();
      s->connectToHost("127.0.0.1", quint16(m_server->port()));
      idle.push_back(std::move(s));
    }
    for (auto& s : idle) s->waitForConnected(1000);
    const int linesBefore = int(m_server->log().count('\n'));
    const qint64 ticksBefore = cpuTicks(pid);
    QTest::qWait(3000);
    const qint64 ticks = cpuTicks(pid) - ticksBefore;
    const int lines = int(m_server->log().count('\n')) - linesBefore;
    qInfo("server: %lld ticks of processor time and %d log lines in 3 s", ticks, lines);
    QVERIFY2(lines < 30, qPrintable(QString("%1 log lines in 3 s").arg(lines)));
    // A spinning loop takes most of a core (measured here: 60 or more ticks at 100 Hz, the rest
    // going to the kernel's accept calls); waiting takes next to none.
    QVERIFY2(ticks < 30, qPrintable(QString("%1 ticks in 3 s").arg(ticks)));
    // The server answers again once the idle connections have been dropped, while they are all
    // still open at the other end.
    HttpsClient http(m_server->fingerprint());
    int status = 0;
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired() && (status = http.get(m_server->url("/healthz")).status) != 200) QTest::qWait(250);
    QCOMPARE(status, 200);
  }

  // Finding 6: a client's denied write names another company's tenant; the denial is logged
  // against the writer's own tenant, the other company's access log never shows it, and one
  // person's denials are logged only up to a budget.
  void deniedWritesStayInTheWritersLog() {
    startWorld();
    const QString A = m_world->tenant("clientA"), B = m_world->tenant("clientB");
    // A message, because client A may read messages: a denial about one would be shown to A.
    const auto planted = m_world->push("clientB", "messages", "create", newId(), 0, {{"tenant_id", A}, {"body", "x"}});
    QCOMPARE(planted.value("status").toString(), QString("rejected"));
    // So may staff who do not look after client A.
    QCOMPARE(m_world->push("staff2", "jobs", "create", newId(), 0, {{"tenant_id", A}, {"title", "x"}}).value("status").toString(),
             QString("rejected"));
    const auto logOf = [&](const QString& who) {
      return (*m_world)[who].http->get(m_server->url("/api/v1/audit?limit=1000")).json().value("entries").toArray();
    };
    for (const auto& e : logOf("clientA"))
      for (const QString planter : {"clientB", "staff2"})
        QVERIFY2(e.toObject().value("actor").toObject().value("id").toString() != (*m_world)[planter].id,
                 qPrintable(QJsonDocument(e.toObject()).toJson()));
    // What was left out of a client's page does not end its paging: a full page says where the
    // next one starts, however few of its entries were shown.
    const auto first = (*m_world)["clientA"].http->get(m_server->url("/api/v1/audit?limit=1")).json();
    QVERIFY(first.value("entries").toArray().size() <= 1);
    QVERIFY(first.value("next_before").toInteger() > 0);
    bool seen = false;
    for (const auto& e : (*m_world)["admin"].http->get(m_server->url("/api/v1/audit?action=write_create")).json().value("entries").toArray())
      seen = seen || (e.toObject().value("tenant_id").toString() == B && e.toObject().value("outcome").toString() == "denied");
    QVERIFY2(seen, "the denial is in the log, against client B");

    // A loop of refused writes: the log takes 200 of them, says so in the last, and no more.
    QJsonArray mutations;
    for (int i = 0; i < 450; ++i)
      mutations.append(QJsonObject{{"id", newId()}, {"collection", "invoices"}, {"op", "create"}, {"record_id", newId()},
                                   {"data", QJsonObject{{"tenant_id", B}, {"number", "X"}}}});
    const auto push = (*m_world)["clientB"].http->post(m_server->url("/api/v1/sync/push"),
                                                      {{"client_id", "loop"}, {"mutations", mutations}});
    QCOMPARE(push.status, 200);
    const auto denied = (*m_world)["admin"].http->get(m_server->url("/api/v1/audit?action=write_create&limit=1000&actor_id=" +
                                                                    (*m_world)["clientB"].id)).json().value("entries").toArray();
    QCOMPARE(denied.size(), 200);
    QVERIFY(denied[0].toObject().value("detail").toString().contains("not logged"));
  }

  // Finding 8: a live socket kept hearing hints after its session expired. It now closes when
  // the session ends, however it ends.
  void liveSocketsEndWithTheirSession() {
    startWorld(R"({"session_absolute_timeout_seconds": 6})");
    auto open = [&](const QString& who) {
      auto socket = std::make_unique<QWebSocket>();
      auto* raw = socket.get();
      QObject::connect(raw, &QWebSocket::sslErrors, raw, [raw](const QList<QSslError>& e) { raw->ignoreSslErrors(e); });
      QNetworkRequest request(QUrl(QString("wss://127.0.0.1:%1/api/v1/sync/live").arg(m_server->port())));
      request.setRawHeader("Authorization", "Bearer " + (*m_world)[who].token.toLatin1());
      socket->open(request);
      return socket;
    };
    auto expiring = open("staff");
    auto signingOut = open("staff2");
    QTRY_COMPARE_WITH_TIMEOUT(expiring->state(), QAbstractSocket::ConnectedState, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(signingOut->state(), QAbstractSocket::ConnectedState, 5000);
    // Signing out closes that session's sockets at once.
    QCOMPARE((*m_world)["staff2"].http->post(m_server->url("/api/v1/auth/logout"), {}).status, 204);
    QTRY_COMPARE_WITH_TIMEOUT(signingOut->state(), QAbstractSocket::UnconnectedState, 2000);
    QCOMPARE(expiring->state(), QAbstractSocket::ConnectedState);
    // The other closes when its session expires, not later.
    QTRY_COMPARE_WITH_TIMEOUT(expiring->state(), QAbstractSocket::UnconnectedState, 10000);
    QCOMPARE(expiring->closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
  }
};

QTEST_GUILESS_MAIN(HostileCallers)
#include "tst_hostile_callers.moc"
