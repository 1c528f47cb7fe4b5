// The real server over real TLS on a random loopback port: health, errors, limits, TLS versions,
// request log and graceful shutdown.
#include <QProcess>
#include <QRegularExpression>
#include <QSslSocket>
#include <QtTest>

#include "https_client.h"
#include "server_process.h"

using kete::test::HttpsClient;
using kete::test::ServerProcess;

class ServerHttp : public QObject {
  Q_OBJECT
  std::unique_ptr<ServerProcess> m_server;

  // Sends raw bytes over TLS and returns what the server answered before closing.
  QByteArray rawExchange(const QByteArray& bytes) {
    QSslSocket socket;
    socket.setPeerVerifyMode(QSslSocket::VerifyNone);
    socket.connectToHostEncrypted("127.0.0.1", quint16(m_server->port()));
    if (!socket.waitForEncrypted(10000)) return "handshake failed: " + socket.errorString().toUtf8();
    socket.write(bytes);
    socket.flush();
    QByteArray answer;
    while (socket.waitForReadyRead(3000)) answer += socket.readAll();
    return answer;
  }

  // Restarts the server with this JSON as its --config file.
  bool restartWithConfig(const QByteArray& json) {
    QFile config(m_configDir.path() + "/kete.json");
    if (!config.open(QIODevice::WriteOnly) || config.write(json) != json.size()) return false;
    config.close();
    m_server->stop();
    return m_server->start({"--config", config.fileName()});
  }
  QTemporaryDir m_configDir;

 private slots:
  void init() {
    m_server = std::make_unique<ServerProcess>();
    QVERIFY2(m_server->start(), m_server->log().constData());
  }
  void cleanup() { m_server.reset(); }

  void healthzAnswersOverTlsWithVersion() {
    HttpsClient client(m_server->fingerprint());
    auto reply = client.get(m_server->url("/healthz"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value("status").toString(), QString("ok"));
    QCOMPARE(reply.json().value("version").toString(), QString(KETE_VERSION));
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(reply.header("X-Content-Type-Options"), QByteArray("nosniff"));
    QCOMPARE(reply.header("Cache-Control"), QByteArray("no-store"));
  }

  void printedFingerprintIsTheCertificatePresented() {
    HttpsClient wrongPin(QString(95, 'A'));
    auto refused = wrongPin.get(m_server->url("/healthz"));
    QCOMPARE(refused.status, 0);
    QVERIFY(!refused.networkError.isEmpty());
    HttpsClient rightPin(m_server->fingerprint());
    QCOMPARE(rightPin.get(m_server->url("/healthz")).status, 200);
  }

  void certificateSurvivesRestart() {
    const QString first = m_server->fingerprint();
    QCOMPARE(m_server->stop(), 0);
    QVERIFY(m_server->start());
    QCOMPARE(m_server->fingerprint(), first);
    QVERIFY(!m_server->output().contains("(new, self-signed)"));
  }

  void unknownPathIsJson404AndWrongMethod405() {
    HttpsClient client(m_server->fingerprint());
    auto missing = client.get(m_server->url("/api/v1/nothing-here"));
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.errorCode(), QString("not_found"));
    auto wrong = client.post(m_server->url("/healthz"), {});
    QCOMPARE(wrong.status, 405);
  }

  void requestsAreLoggedOneLineEachWithoutQuery() {
    HttpsClient client(m_server->fingerprint());
    QCOMPARE(client.get(m_server->url("/healthz?token=secret-value")).status, 200);
    QTRY_VERIFY(m_server->log().contains(R"("path":"/healthz")"));
    const QByteArray log = m_server->log();
    QVERIFY(!log.contains("secret-value"));
    QByteArray line;
    for (const auto& l : log.split('\n'))
      if (l.contains(R"("event":"request")")) line = l;
    const auto entry = QJsonDocument::fromJson(line).object();
    QCOMPARE(entry.value("method").toString(), QString("GET"));
    QCOMPARE(entry.value("status").toInt(), 200);
    QVERIFY(entry.contains("duration_us"));
    QVERIFY(entry.contains("ts"));
  }

  void oversizeBodyIs413() {
    QVERIFY(restartWithConfig(R"({"max_body_bytes": 1000})"));
    HttpsClient client(m_server->fingerprint());
    auto big = client.send("POST", m_server->url("/api/v1/auth/login"), QByteArray(5000, 'x'));
    QCOMPARE(big.status, 413);
    QCOMPARE(big.errorCode(), QString("payload_too_large"));
    // The server keeps serving after refusing.
    QCOMPARE(client.get(m_server->url("/healthz")).status, 200);
  }

  // File chunks are read with blocking reads on a pool of reader threads. Clients that start a
  // large body and stall must neither hold those threads past the read deadline nor keep other
  // large bodies from being read meanwhile.
  void stalledLargeBodiesAreCutAtTheReadDeadline() {
    // Signed in: an anonymous large body is refused from its header and never read at all.
    m_server->stop();
    const auto made = ServerProcess::run({"admin", "create-user", "--data", m_server->dataDir(), "--email", "up@load.nz",
                                          "--name", "Uploader", "--business", "B", "--password-stdin"},
                                         "correct-horse-battery\n");
    QCOMPARE(made.exitCode, 0);
    QVERIFY(restartWithConfig(R"({"read_timeout_seconds": 2})"));
    HttpsClient client(m_server->fingerprint());
    const auto signedIn = client.post(m_server->url("/api/v1/auth/login"), {{"email", "up@load.nz"}, {"password", "correct-horse-battery"}});
    QCOMPARE(signedIn.status, 200);
    const QByteArray token = signedIn.json().value("token").toString().toLatin1();
    client.setToken(QString::fromLatin1(token));
    const QByteArray sha(64, 'b');
    std::vector<std::unique_ptr<QSslSocket>> stalled;
    for (int i = 0; i < 20; ++i) {  // more than there are reader threads
      auto socket = std::make_unique<QSslSocket>();
      socket->setPeerVerifyMode(QSslSocket::VerifyNone);
      socket->connectToHostEncrypted("127.0.0.1", quint16(m_server->port()));
      QVERIFY(socket->waitForEncrypted(10000));
      const QByteArray own = QByteArray::number(i).rightJustified(64, 'a');  // an upload of its own each
      socket->write("PUT /api/v1/blobs/" + own + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                    "\r\nContent-Length: 4000000\r\n\r\n" + QByteArray(100'000, 'x'));
      while (socket->bytesToWrite() > 0) QVERIFY(socket->waitForBytesWritten(5000));
      stalled.push_back(std::move(socket));
    }
    QElapsedTimer clock;
    clock.start();
    // Meanwhile a whole large body is still read and answered (here: its bytes do not hash to
    // the name), and small requests go on.
    QCOMPARE(client.send("PUT", m_server->url("/api/v1/blobs/" + QString(sha)), QByteArray(1'000'000, 'y')).status, 400);
    QCOMPARE(client.get(m_server->url("/healthz")).status, 200);
    // Each stalled connection is ended at its deadline: two seconds, give or take the watchdog's tick.
    for (auto& socket : stalled)
      if (socket->state() != QAbstractSocket::UnconnectedState) QVERIFY(socket->waitForDisconnected(8000));
    QVERIFY2(clock.elapsed() < 8000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(client.get(m_server->url("/healthz")).status, 200);
  }

  // A HEAD answer is its header only, whoever answered (an error here): a body would be read as
  // the start of the next answer on the same keep-alive connection.
  void headAnswersCarryNoBody() {
    const QByteArray answer = rawExchange(
        "HEAD /api/v1/no/such/route HTTP/1.1\r\nHost: x\r\n\r\n"
        "HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
        "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const auto first = answer.indexOf("\r\n\r\n");
    QVERIFY2(answer.startsWith("HTTP/1.1 404"), answer.constData());
    QVERIFY2(answer.mid(first + 4).startsWith("HTTP/1.1 "), answer.constData());  // straight on to the next
    const auto second = answer.indexOf("\r\n\r\n", first + 4);
    QVERIFY2(answer.mid(second + 4).startsWith("HTTP/1.1 200"), answer.constData());
    QCOMPARE(answer.count("HTTP/1.1 "), 3);
    QVERIFY(answer.endsWith("}"));  // only the GET has a body
  }

  void malformedRequestIs400() {
    const QByteArray answer = rawExchange("GARBAGE / NOT-HTTP\r\n\r\n");
    QVERIFY2(answer.startsWith("HTTP/1.1 400"), answer.constData());
    QVERIFY(answer.contains("bad_request"));
  }

  void conflictingLengthHeadersAreRefused() {
    const QByteArray answer = rawExchange(
        "POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    QVERIFY2(answer.startsWith("HTTP/1.1 400"), answer.constData());
  }

  void oldTlsVersionsAreRefused() {
    QSslSocket socket;
    socket.setPeerVerifyMode(QSslSocket::VerifyNone);
    auto config = socket.sslConfiguration();
    QT_WARNING_PUSH
    QT_WARNING_DISABLE_DEPRECATED
    config.setProtocol(QSsl::TlsV1_1);
    QT_WARNING_POP
    socket.setSslConfiguration(config);
    socket.connectToHostEncrypted("127.0.0.1", quint16(m_server->port()));
    QVERIFY(!socket.waitForEncrypted(5000));

    QSslSocket modern;
    modern.setPeerVerifyMode(QSslSocket::VerifyNone);
    auto modernConfig = modern.sslConfiguration();
    modernConfig.setProtocol(QSsl::TlsV1_2);
    modern.setSslConfiguration(modernConfig);
    modern.connectToHostEncrypted("127.0.0.1", quint16(m_server->port()));
    QVERIFY(modern.waitForEncrypted(5000));
    QCOMPARE(modern.sessionProtocol(), QSsl::TlsV1_2);
  }

  // The same as an auditor would check it, with OpenSSL's own client made willing to speak
  // old protocols and weak suites (security level 0): the server must be the one refusing,
  // with a TLS alert, so a refusal by the client itself cannot pass for one.
  void opensslClientSeesOnlyModernTls() {
    auto sClient = [this](const QStringList& args) {
      QProcess p;
      p.setProcessChannelMode(QProcess::MergedChannels);
      p.start("openssl", QStringList{"s_client", "-connect", QString("127.0.0.1:%1").arg(m_server->port())} + args);
      p.closeWriteChannel();
      if (!p.waitForFinished(15000)) p.kill();
      return p.readAll();
    };
    for (const QString& old : QStringList{"-tls1", "-tls1_1"}) {
      const auto out = sClient({old, "-cipher", "DEFAULT@SECLEVEL=0"});
      QVERIFY2(out.contains("alert protocol version"), out.constData());
    }
    // Without forward secrecy, or CBC with SHA-1/SHA-2 MACs: all refused.
    for (const QString& suite : QStringList{"AES128-SHA", "AES256-GCM-SHA384", "ECDHE-ECDSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA384",
                                 "ECDHE-RSA-AES128-SHA256", "DHE-RSA-AES128-GCM-SHA256"}) {
      const auto out = sClient({"-tls1_2", "-cipher", suite + ":@SECLEVEL=0"});
      QVERIFY2(out.contains("alert handshake failure"), qPrintable(suite + ": " + out));
    }
    const auto tls12 = sClient({"-tls1_2"});
    QVERIFY2(QRegularExpression(R"(Cipher\s+:\s+ECDHE-(ECDSA|RSA)-(AES(128|256)-GCM-SHA(256|384)|CHACHA20-POLY1305))")
                 .match(QString::fromLatin1(tls12)).hasMatch(),
             tls12.constData());
    QVERIFY2(tls12.contains("Compression: NONE"), tls12.constData());
    const auto tls13 = sClient({"-tls1_3"});
    QVERIFY2(tls13.contains("New, TLSv1.3, Cipher is TLS_"), tls13.constData());
  }

  void sigtermStopsGracefully() {
    HttpsClient client(m_server->fingerprint());
    QCOMPARE(client.get(m_server->url("/healthz")).status, 200);  // leaves a keep-alive connection open
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(m_server->stop(), 0);
    QVERIFY2(timer.elapsed() < 5000, "an idle keep-alive connection held up shutdown");
    QVERIFY(m_server->output().contains("stopped"));
  }
};

QTEST_GUILESS_MAIN(ServerHttp)
#include "tst_server_http.moc"
