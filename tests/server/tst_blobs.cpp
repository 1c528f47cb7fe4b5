// The blob API as an uploader on a poor connection and as an attacker would use it, against the
// real server over real TLS: resumed uploads, wrong hashes, ranges, limits, scope, collection.
#include <QDir>
#include <QFile>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSslSocket>
#include <QtTest>

#ifdef Q_OS_LINUX
#include <fcntl.h>
#include <linux/magic.h>
#include <sys/mman.h>
#include <sys/vfs.h>
#include <unistd.h>
#endif

#include "server_process.h"
#include "test_world.h"

using namespace kete::test;

class Blobs : public QObject {
  Q_OBJECT
  std::unique_ptr<ServerProcess> m_server;
  std::unique_ptr<TestWorld> m_world;
  QString m_config;

  QUrl blobUrl(const QString& hash) { return m_server->url("/api/v1/blobs/" + hash); }

  HttpReply put(const QString& who, const QString& hash, const QByteArray& chunk, const QByteArray& range = {}) {
    QList<QPair<QByteArray, QByteArray>> headers{{"Content-Type", "application/octet-stream"}};
    if (!range.isEmpty()) headers.append({"Content-Range", range});
    return (*m_world)[who].http->send("PUT", blobUrl(hash), chunk, headers);
  }
  HttpReply upload(const QString& who, const QByteArray& bytes) { return put(who, sha256Hex(bytes), bytes); }

  // A document for client A that refers to a blob; returns the push result.
  QJsonObject document(const QString& who, const QString& id, const QString& hash, bool clientVisible = true) {
    return m_world->push(who, "documents", "create", id, 0,
                         {{"tenant_id", m_world->tenant("clientA")}, {"folder", "2026"}, {"title", "Return"},
                          {"blob", hash}, {"client_visible", clientVisible}});
  }

  // A TLS connection on which a test sends a request's bytes itself: part of a body, then stop.
  std::unique_ptr<QSslSocket> rawConnection() { return m_server->rawConnection(); }
  static bool sendAll(QSslSocket& socket, const QByteArray& bytes) {
    socket.write(bytes);
    while (socket.bytesToWrite() > 0)
      if (!socket.waitForBytesWritten(5000)) return false;
    return true;
  }
  QByteArray putHeader(const QString& who, const QString& hash, qint64 first, qint64 last, qint64 total,
                       const QByteArray& extra = {}) {
    QByteArray header = "PUT /api/v1/blobs/" + hash.toLatin1() + " HTTP/1.1\r\nHost: kete\r\n";
    if (!who.isEmpty()) header += "Authorization: Bearer " + (*m_world)[who].token.toLatin1() + "\r\n";
    return header + "Content-Type: application/octet-stream\r\nContent-Range: " + contentRange(first, last, total) +
           "\r\nContent-Length: " + QByteArray::number(last - first + 1) + "\r\n" + extra + "\r\n";
  }
  // Starts a one-chunk upload of all of `bytes` and sends only the first `sent` of them; the
  // connection then stays open and silent. Returned once the server has started the upload; null
  // when it could not be sent or was not started.
  std::unique_ptr<QSslSocket> stalledUpload(const QString& who, const QByteArray& bytes, int sent) {
    const QString hash = sha256Hex(bytes);
    auto socket = rawConnection();
    if (!socket || !sendAll(*socket, putHeader(who, hash, 0, bytes.size() - 1, bytes.size()) + bytes.left(sent)))
      return nullptr;
    const bool started = QTest::qWaitFor([&] { return (*m_world)[who].http->send("HEAD", blobUrl(hash), {}).status == 200; }, 5000);
    return started ? std::move(socket) : nullptr;
  }
  qint64 serverOffset(const QString& who, const QString& hash) {
    return (*m_world)[who].http->send("HEAD", blobUrl(hash), {}).header("Upload-Offset").toLongLong();
  }

  int blobFilesOnDisk() {
    int n = 0;
    for (const auto& dir : QDir(m_server->dataDir() + "/blobs").entryList(QDir::Dirs | QDir::NoDotAndDotDot))
      if (dir != "partial") n += static_cast<int>(QDir(m_server->dataDir() + "/blobs/" + dir).entryList(QDir::Files).size());
    return n;
  }

 private slots:
  void initTestCase() {
    m_server = std::make_unique<ServerProcess>();
    QDir().mkpath(m_server->dataDir());
    m_config = QFileInfo(m_server->dataDir() + "/../kete.json").absoluteFilePath();
    QFile file(m_config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"max_blob_bytes": 3000000, "tenant_quota_bytes": 5000000, "read_timeout_seconds": 3,
                  "write_timeout_seconds": 3})");
    file.close();
    m_world = std::make_unique<TestWorld>(*m_server);
    m_world->setServeArguments({"--config", m_config});
    QVERIFY2(m_world->build(), qPrintable(m_world->error()));
  }

  void interruptedUploadResumesFromTheRightOffset() {
    const QByteArray bytes = randomBytes(1'000'000, 101);
    const QString hash = sha256Hex(bytes);
    QCOMPARE(put("clientA", hash, bytes.left(300'000), contentRange(0, 299'999, bytes.size())).status, 200);
    // The connection dropped; the uploader asks how much arrived and goes on from there.
    auto head = (*m_world)["clientA"].http->send("HEAD", blobUrl(hash), {});
    QCOMPARE(head.status, 200);
    QCOMPARE(head.header("Upload-Offset"), QByteArray("300000"));
    QCOMPARE(head.header("Upload-Length"), QByteArray("1000000"));
    // A chunk past the offset is refused with where to start.
    auto gap = put("clientA", hash, bytes.mid(400'000, 100'000), contentRange(400'000, 499'999, bytes.size()));
    QCOMPARE(gap.status, 409);
    QCOMPARE(gap.header("Upload-Offset"), QByteArray("300000"));
    // Nobody else sees or continues someone's upload.
    QCOMPARE((*m_world)["clientB"].http->send("HEAD", blobUrl(hash), {}).status, 404);
    QCOMPARE(put("clientB", hash, bytes.mid(300'000), contentRange(300'000, 999'999, bytes.size())).status, 409);
    // A retried chunk that overlaps what arrived is fine.
    QCOMPARE(put("clientA", hash, bytes.mid(200'000, 300'000), contentRange(200'000, 499'999, bytes.size())).status, 200);
    auto done = put("clientA", hash, bytes.mid(500'000), contentRange(500'000, 999'999, bytes.size()));
    QCOMPARE(done.status, 201);
    QCOMPARE(done.json().value("size").toInteger(), 1'000'000);
    auto back = (*m_world)["clientA"].http->get(blobUrl(hash));
    QCOMPARE(back.status, 200);
    QCOMPARE(back.body, bytes);
    QCOMPARE(back.header("Content-Disposition"), QByteArray("attachment"));
    QCOMPARE(back.header("X-Content-Type-Options"), QByteArray("nosniff"));
    // The last chunk again (a retry whose earlier request completed the upload, its answer lost):
    // done, not "start again at byte 0". Not for somebody who may not read it.
    auto again = put("clientA", hash, bytes.mid(500'000), contentRange(500'000, 999'999, bytes.size()));
    QCOMPARE(again.status, 201);
    QCOMPARE(again.json().value("size").toInteger(), 1'000'000);
    QCOMPARE(again.header("Upload-Offset"), QByteArray("1000000"));
    auto foreign = put("clientB", hash, bytes.mid(500'000), contentRange(500'000, 999'999, bytes.size()));
    QCOMPARE(foreign.status, 409);
    QCOMPARE(foreign.header("Upload-Offset"), QByteArray("0"));
  }

  // What an upload's file holds, not what was recorded, is where it goes on: after a power cut the
  // file may hold less (neither is flushed per chunk), and going on from the record would only
  // fail the hash check once every byte had been sent.
  void anUploadGoesOnFromWhatItsFileHolds() {
    const QByteArray bytes = randomBytes(800'000, 123);
    const QString hash = sha256Hex(bytes);
    QCOMPARE(put("clientA", hash, bytes.left(600'000), contentRange(0, 599'999, bytes.size())).status, 200);
    const QDir partial(m_server->dataDir() + "/blobs/partial");
    const QStringList files = partial.entryList(QDir::Files).filter(hash);
    QCOMPARE(files.size(), 1);
    QFile file(partial.filePath(files.first()));
    QVERIFY(file.resize(100'000));
    auto next = put("clientA", hash, bytes.mid(600'000), contentRange(600'000, 799'999, bytes.size()));
    QCOMPARE(next.status, 409);
    QCOMPARE(next.header("Upload-Offset"), QByteArray("100000"));
    QCOMPARE(serverOffset("clientA", hash), 100'000);
    QCOMPARE(put("clientA", hash, bytes.mid(100'000, 200'000), contentRange(100'000, 299'999, bytes.size())).status, 200);
    // A file gone altogether: from byte 0.
    QVERIFY(file.remove());
    auto lost = put("clientA", hash, bytes.mid(300'000), contentRange(300'000, 799'999, bytes.size()));
    QCOMPARE(lost.status, 409);
    QCOMPARE(lost.header("Upload-Offset"), QByteArray("0"));
    QCOMPARE(put("clientA", hash, bytes.left(400'000), contentRange(0, 399'999, bytes.size())).status, 200);
    QCOMPARE(put("clientA", hash, bytes.mid(400'000), contentRange(400'000, 799'999, bytes.size())).status, 201);
    QCOMPARE((*m_world)["clientA"].http->get(blobUrl(hash)).body, bytes);
  }

  void wrongHashIsRefusedAndDiscarded() {
    const QByteArray bytes = randomBytes(50'000, 102);
    const QString claimed = sha256Hex("something else");
    auto r = put("staff", claimed, bytes);
    QCOMPARE(r.status, 400);
    QVERIFY(r.body.contains("do not hash to"));
    QCOMPARE((*m_world)["staff"].http->send("HEAD", blobUrl(claimed), {}).status, 404);
    QVERIFY(QDir(m_server->dataDir() + "/blobs/partial").entryList(QDir::Files).filter(claimed).isEmpty());
    QCOMPARE((*m_world)["staff"].http->get(blobUrl(claimed)).status, 404);
    // Names that are not a lower-case hex SHA-256 never reach the disk.
    QCOMPARE(put("staff", "../../kete.db", bytes).status, 404);
    QCOMPARE(put("staff", QString(64, 'A'), bytes).status, 400);
    QCOMPARE(put("staff", sha256Hex(bytes), bytes, "bytes 0-10/5").status, 400);
    QCOMPARE(put("staff", sha256Hex(bytes), bytes, "bytes 0-99/50000").status, 400);  // length mismatch
  }

  void rangesAndContentType() {
    const QByteArray pdf = "%PDF-1.7\n" + randomBytes(20'000, 103);
    QCOMPARE(upload("staff", pdf).status, 201);
    auto& staff = *(*m_world)["staff"].http;
    auto part = staff.send("GET", blobUrl(sha256Hex(pdf)), {}, {{"Range", "bytes=100-199"}});
    QCOMPARE(part.status, 206);
    QCOMPARE(part.body, pdf.mid(100, 100));
    QCOMPARE(part.header("Content-Range"), QString("bytes 100-199/%1").arg(pdf.size()).toLatin1());
    QCOMPARE(part.header("Content-Type"), QByteArray("application/pdf"));
    auto tail = staff.send("GET", blobUrl(sha256Hex(pdf)), {}, {{"Range", "bytes=-10"}});
    QCOMPARE(tail.body, pdf.right(10));
    auto beyond = staff.send("GET", blobUrl(sha256Hex(pdf)), {}, {{"Range", "bytes=999999-"}});
    QCOMPARE(beyond.status, 416);
    QCOMPARE(beyond.header("Content-Range"), QString("bytes */%1").arg(pdf.size()).toLatin1());
    // HTML is never served as HTML, whatever the uploader hoped.
    const QByteArray html = "<html><script>alert(1)</script></html>";
    QCOMPARE(upload("staff", html).status, 201);
    QVERIFY(staff.get(blobUrl(sha256Hex(html))).header("Content-Type").startsWith("text/plain"));
  }

  void outOfScopeBlobsAreNotFound() {
    const QByteArray bytes = "%PDF-1.4 statement for client A " + randomBytes(1000, 104);
    const QString hash = sha256Hex(bytes);
    QCOMPARE(upload("staff", bytes).status, 201);
    const QString docId = newId();
    QCOMPARE(document("staff", docId, hash).value("status").toString(), QString("applied"));
    // Readers of the document get the file; everyone else gets what a missing blob gets.
    QCOMPARE((*m_world)["clientA"].http->get(blobUrl(hash)).status, 200);
    QCOMPARE((*m_world)["admin"].http->get(blobUrl(hash)).status, 200);
    const QString missing = sha256Hex("never uploaded");
    for (const QString who : {"clientB", "staff2", "partnerP"}) {
      auto r = (*m_world)[who].http->get(blobUrl(hash));
      auto none = (*m_world)[who].http->get(blobUrl(missing));
      QCOMPARE(r.status, 404);
      QCOMPARE(r.body, none.body);
      QCOMPARE((*m_world)[who].http->send("HEAD", blobUrl(hash), {}).status, 404);
    }
    // Knowing a hash is not a key: a record of one's own pointing at it is refused, with the same
    // words as for a hash that was never uploaded.
    const QString theirs = newId();
    auto stolen = m_world->push("clientB", "documents", "create", theirs, 0,
                                {{"tenant_id", m_world->tenant("clientB")}, {"folder", "x"}, {"title", "x"}, {"blob", hash},
                                 {"client_visible", true}});
    QCOMPARE(stolen.value("status").toString(), QString("rejected"));
    auto never = m_world->push("clientB", "documents", "create", newId(), 0,
                               {{"tenant_id", m_world->tenant("clientB")}, {"folder", "x"}, {"title", "x"}, {"blob", missing},
                                {"client_visible", true}});
    QCOMPARE(stolen.value("error").toObject().value("message").toString().replace(hash, "H"),
             never.value("error").toObject().value("message").toString().replace(missing, "H"));
    QCOMPARE((*m_world)["clientB"].http->get(blobUrl(hash)).status, 404);
    // An upload of bytes already stored is answered like any other (no "already have it" oracle),
    // and then that uploader may read its own copy.
    QCOMPARE(upload("clientB", bytes).status, 201);
    QCOMPARE((*m_world)["clientB"].http->get(blobUrl(hash)).status, 200);
    // An internal-only document's file is not the client's.
    const QByteArray internal = "internal working papers " + randomBytes(100, 105);
    QCOMPARE(upload("staff", internal).status, 201);
    QCOMPARE(document("staff", newId(), sha256Hex(internal), false)
                 .value("status").toString(), QString("applied"));
    QCOMPARE((*m_world)["clientA"].http->get(blobUrl(sha256Hex(internal))).status, 404);
    // The client's access log shows who downloaded its file.
    auto log = (*m_world)["clientA"].http->get(m_server->url("/api/v1/audit?limit=50")).json();
    bool seen = false;
    for (const auto& e : log.value("entries").toArray())
      seen = seen || (e.toObject().value("action").toString() == "read_blob" &&
                      e.toObject().value("record_id").toString() == docId);
    QVERIFY2(seen, "the admin's download of client A's document is in client A's access log");
  }

  // Finding 1 of docs/security.md: a file's size and type are the server's, measured and sniffed
  // from the stored bytes, on every collection with files. A client that uploads a program as
  // "Q3 GST return.pdf" cannot make its record say anything but what the bytes are.
  void fileTypesAndSizesAreTheServers() {
    QByteArray program("MZ\x90\0\x03\0\0\0\x04\0", 10);
    program += randomBytes(3000, 120);
    QCOMPARE(upload("clientA", program).status, 201);
    const QString id = newId();
    auto made = m_world->push("clientA", "documents", "create", id, 0,
                              {{"folder", "2026/GST"}, {"title", "Q3 GST return.pdf"}, {"blob", sha256Hex(program)}});
    QCOMPARE(made.value("status").toString(), QString("applied"));
    auto data = [&] { return m_world->get("staff", "/api/v1/records/documents/" + id).json().value("data").toObject(); };
    QCOMPARE(data().value("mime").toString(), QString("application/vnd.microsoft.portable-executable"));
    QCOMPARE(data().value("size").toInteger(), program.size());
    // The attack: a type-only update. Refused, for the client and for staff alike, and so is a size.
    for (const QString who : {"clientA", "staff", "admin"})
      for (const auto& forged : {QJsonObject{{"mime", "application/x-ms-dos-executable"}}, QJsonObject{{"mime", "application/pdf"}},
                                 QJsonObject{{"size", 1}}, QJsonObject{{"blob", sha256Hex(program)}, {"mime", "application/pdf"}}}) {
        const auto r = m_world->push(who, "documents", "update", id, 1, forged);
        QCOMPARE(r.value("status").toString(), QString("rejected"));
        QCOMPARE(r.value("error").toObject().value("code").toString(), QString("bad_request"));
      }
    QCOMPARE(data().value("mime").toString(), QString("application/vnd.microsoft.portable-executable"));
    // Nor can a new record name them, nor a message with a file.
    const QByteArray pdf = "%PDF-1.7\n" + randomBytes(500, 121);
    QCOMPARE(upload("clientA", pdf).status, 201);
    QCOMPARE(m_world->push("clientA", "documents", "create", newId(), 0,
                           {{"folder", "x"}, {"title", "x"}, {"blob", sha256Hex(pdf)}, {"mime", "application/x-msdownload"}})
                 .value("status").toString(), QString("rejected"));
    QCOMPARE(m_world->push("clientA", "messages", "create", newId(), 0,
                           {{"body", "see attached"}, {"blob", sha256Hex(program)}, {"file_name", "invoice.pdf"}, {"size", 5}})
                 .value("status").toString(), QString("rejected"));
    const QString message = newId();
    QCOMPARE(m_world->push("clientA", "messages", "create", message, 0,
                           {{"body", "see attached"}, {"blob", sha256Hex(program)}, {"file_name", "invoice.pdf"}})
                 .value("status").toString(), QString("applied"));
    const auto sent = m_world->get("staff", "/api/v1/records/messages/" + message).json().value("data").toObject();
    QCOMPARE(sent.value("mime").toString(), QString("application/vnd.microsoft.portable-executable"));
    QCOMPARE(sent.value("size").toInteger(), program.size());
    // A new file brings its own size and type; a record whose file is taken away keeps neither.
    QCOMPARE(upload("staff", pdf).status, 201);
    QCOMPARE(m_world->push("staff", "documents", "update", id, 1, {{"blob", sha256Hex(pdf)}}).value("status").toString(),
             QString("applied"));
    QCOMPARE(data().value("mime").toString(), QString("application/pdf"));
    QCOMPARE(data().value("size").toInteger(), pdf.size());
    QCOMPARE(m_world->push("staff", "documents", "update", id, 2, {{"blob", QJsonValue::Null}}).value("status").toString(),
             QString("applied"));
    QVERIFY(!data().contains("mime"));
    QVERIFY(!data().contains("size"));
  }

  void documentsKeepTheirVersions() {
    const QByteArray v1 = "%PDF-1.4 first draft " + randomBytes(100, 106), v2 = "%PDF-1.4 signed copy " + randomBytes(100, 107);
    QCOMPARE(upload("staff", v1).status, 201);
    QCOMPARE(upload("clientA", v2).status, 201);
    const QString id = newId();
    QCOMPARE(document("staff", id, sha256Hex(v1)).value("status").toString(), QString("applied"));
    // The client uploads a new version of the same document.
    auto next = m_world->push("clientA", "documents", "update", id, 1, {{"blob", sha256Hex(v2)}});
    QCOMPARE(next.value("status").toString(), QString("applied"));
    auto record = m_world->get("staff", "/api/v1/records/documents/" + id).json().value("data").toObject();
    QCOMPARE(record.value("blob").toString(), sha256Hex(v2));
    QCOMPARE(record.value("uploaded_by").toString(), (*m_world)["clientA"].id);
    // Size and type are what the server stored, not what a client wrote.
    QCOMPARE(record.value("size").toInteger(), v2.size());
    QCOMPARE(record.value("mime").toString(), QString("application/pdf"));
    const auto versions = record.value("versions").toArray();
    QCOMPARE(versions.size(), 1);
    QCOMPARE(versions[0].toObject().value("blob").toString(), sha256Hex(v1));
    QCOMPARE(versions[0].toObject().value("uploaded_by").toString(), (*m_world)["staff"].id);
    // The older version stays readable to the document's readers.
    QCOMPARE((*m_world)["clientA"].http->get(blobUrl(sha256Hex(v1))).body, v1);
    // Nobody writes the history but the server.
    auto forged = m_world->push("staff", "documents", "update", id, 2, {{"versions", QJsonArray{}}});
    QCOMPARE(forged.value("status").toString(), QString("rejected"));
  }

  // A chunk that stops mid-way (here the connection goes silent and is cut at its read deadline)
  // loses nothing that arrived: the upload goes on from the last byte the server got, not from
  // the start of the chunk.
  void aChunkThatStopsKeepsWhatArrived() {
    const QByteArray bytes = randomBytes(1'500'000, 120);
    const QString hash = sha256Hex(bytes);
    auto socket = stalledUpload("partnerP", bytes, 700'000);
    QVERIFY(socket);
    QTRY_COMPARE_WITH_TIMEOUT(serverOffset("partnerP", hash), 700'000, 10000);
    if (socket->state() != QAbstractSocket::UnconnectedState) QVERIFY(socket->waitForDisconnected(5000));
    QCOMPARE(put("partnerP", hash, bytes.mid(700'000), contentRange(700'000, bytes.size() - 1, bytes.size())).status, 201);
    QCOMPARE((*m_world)["partnerP"].http->get(blobUrl(hash)).body, bytes);
  }

  // A chunk the server refuses from its header alone is answered before any byte of it is sent:
  // a client that asks first (Expect: 100-continue) is never told to go on.
  void aRefusedChunkIsNeverSent() {
    const QString hash = sha256Hex("never sent");
    const QByteArray expect = "Expect: 100-continue\r\n";
    struct Case {
      QString who;
      qint64 total;
      QByteArray status;
    };
    for (const auto& [who, total, status] : {Case{"clientA", 4'000'000, "413"}, Case{"", 2'000'000, "401"}}) {
      auto socket = rawConnection();
      QVERIFY(socket);
      QVERIFY(sendAll(*socket, putHeader(who, hash, 0, 999'999, total, expect)));
      QByteArray answer;
      while (!answer.contains("\r\n\r\n") && socket->waitForReadyRead(5000)) answer += socket->readAll();
      QVERIFY2(answer.startsWith("HTTP/1.1 " + status + " "), answer.left(200).constData());
      // The body it announced never comes, so the connection is closed rather than left waiting.
      if (socket->state() != QAbstractSocket::UnconnectedState) QVERIFY(socket->waitForDisconnected(5000));
    }
  }

  // A retry that comes while the request it replaces is still open on the server (the app gave up
  // on it; the server has not yet seen it end) waits for that one to end, and the two never write
  // the upload at the same time.
  void aRetryWaitsForTheRequestItReplaces() {
    const QByteArray bytes = randomBytes(1'500'000, 121);
    const QString hash = sha256Hex(bytes);
    auto stalled = stalledUpload("staff", bytes, 600'000);
    QVERIFY(stalled);
    QElapsedTimer clock;
    clock.start();
    QCOMPARE(put("staff", hash, bytes, contentRange(0, bytes.size() - 1, bytes.size())).status, 201);
    QVERIFY2(clock.elapsed() > 1000, qPrintable(QString::number(clock.elapsed())));  // it waited for the deadline (3 s)
    if (stalled->state() != QAbstractSocket::UnconnectedState) QVERIFY(stalled->waitForDisconnected(8000));
    QCOMPARE((*m_world)["staff"].http->get(blobUrl(hash)).body, bytes);
  }

  // While a retry waits for its turn, its own read deadline (3 s here) has not started: it counts
  // from the first byte of its body, so a retry whose body then arrives slowly is not cut for the
  // time it waited. Meanwhile a third request for the same upload is told at once to come back.
  void aRetryWaitsItsTurnWithoutLosingItsDeadline() {
    const QByteArray bytes = randomBytes(1'200'000, 122);
    const QString hash = sha256Hex(bytes);
    auto stalled = stalledUpload("staff", bytes, 500'000);
    QVERIFY(stalled);
    QElapsedTimer clock;
    clock.start();
    auto retry = rawConnection();
    QVERIFY(retry);
    QVERIFY(sendAll(*retry, putHeader("staff", hash, 0, bytes.size() - 1, bytes.size())));

    QTest::qWait(1000);  // the retry is waiting now
    QElapsedTimer thirdClock;
    thirdClock.start();
    auto third = put("staff", hash, bytes, contentRange(0, bytes.size() - 1, bytes.size()));
    QCOMPARE(third.status, 503);
    QCOMPARE(third.errorCode(), QString("busy"));
    QCOMPARE(third.header("Retry-After"), QByteArray("5"));
    QVERIFY2(thirdClock.elapsed() < 1500, qPrintable(QString::number(thirdClock.elapsed())));  // not after a wait of its own

    // The stalled request is cut about 3 s after its body began, which gives the retry its turn;
    // the retry's body then arrives over the next two seconds, ending over 3 s after its header.
    if (stalled->state() != QAbstractSocket::UnconnectedState) QVERIFY(stalled->waitForDisconnected(8000));
    const qint64 turn = clock.elapsed();
    constexpr int kPieces = 4;
    const qsizetype piece = (bytes.size() + kPieces - 1) / kPieces;
    for (int i = 0; i < kPieces; ++i) {
      const qint64 due = turn + 300 + i * 500;
      if (clock.elapsed() < due) QTest::qWait(int(due - clock.elapsed()));
      QVERIFY2(retry->state() == QAbstractSocket::ConnectedState, qPrintable(QString("cut before piece %1").arg(i)));
      QVERIFY(sendAll(*retry, bytes.mid(i * piece, piece)));
    }
    QVERIFY2(clock.elapsed() > 3200, qPrintable(QString::number(clock.elapsed())));  // past a deadline counted from the header
    QByteArray answer;
    while (!answer.contains("\r\n\r\n") && retry->waitForReadyRead(5000)) answer += retry->readAll();
    QVERIFY2(answer.startsWith("HTTP/1.1 201 "), answer.left(200).constData());
    QCOMPARE((*m_world)["staff"].http->get(blobUrl(hash)).body, bytes);
  }

  // A retry whose own client leaves while it waits gives its place up at once: the next retry
  // may then wait instead of being told to come back, and completes the upload once the stalled
  // request is cut.
  void aWaitingRetryWhoseClientLeftGivesItsPlaceUp() {
    const QByteArray bytes = randomBytes(1'200'000, 126);
    const QString hash = sha256Hex(bytes);
    auto stalled = stalledUpload("partnerP", bytes, 500'000);
    QVERIFY(stalled);
    auto retry = rawConnection();
    QVERIFY(retry);
    QVERIFY(sendAll(*retry, putHeader("partnerP", hash, 0, bytes.size() - 1, bytes.size())));
    QTest::qWait(500);
    // The retry waits now: a third request of the same size is told at once to come back (were
    // the retry not waiting, this one would wait in its place and complete the upload). Partner
    // P: staff's quota is used up by other cases.
    QCOMPARE(put("partnerP", hash, bytes, contentRange(0, bytes.size() - 1, bytes.size())).status, 503);
    retry->abort();
    QTest::qWait(800);  // the server looks a few times a second
    auto next = put("partnerP", hash, bytes, contentRange(0, bytes.size() - 1, bytes.size()));
    QVERIFY2(next.status == 201, next.body.constData());
    QCOMPARE((*m_world)["partnerP"].http->get(blobUrl(hash)).body, bytes);
  }

  // Clients that stop taking their downloads are cut at the write deadline (3 s here, for each
  // 256 KiB), also those sent from a thread of their own, which is then free again. Meanwhile
  // others download and upload as usual, and an upload still gets a thread of its own (only
  // there does a chunk that stops keep what arrived): downloads take at most half of them.
  void stalledDownloadsAreCutAtTheWriteDeadline() {
    const QByteArray bytes = randomBytes(2'500'000, 123);
    QCOMPARE(upload("partnerQ", bytes).status, 201);
    const QByteArray hash = sha256Hex(bytes).toLatin1();
    constexpr int kAnswers = 8;  // 20 MB asked for on each connection, more than the sockets' buffers hold
    QByteArray gets;
    for (int i = 0; i < kAnswers; ++i)
      gets += "GET /api/v1/blobs/" + hash + " HTTP/1.1\r\nHost: kete\r\nAuthorization: Bearer " +
              (*m_world)["partnerQ"].token.toLatin1() + "\r\n\r\n";
    std::vector<std::unique_ptr<QSslSocket>> stalled;
    for (int i = 0; i < 6; ++i) {  // more than there are reader threads
      auto socket = rawConnection();
      QVERIFY(socket);
      socket->setReadBufferSize(16 * 1024);  // takes no more than this until told to
      QVERIFY(sendAll(*socket, gets));
      stalled.push_back(std::move(socket));
    }
    QTest::qWait(1000);  // every connection is blocked in some answer by now
    QCOMPARE((*m_world)["partnerQ"].http->get(m_server->url("/api/v1/blobs/" + hash)).body, bytes);
    QCOMPARE(upload("partnerQ", randomBytes(1'000'000, 124)).status, 201);
    const QByteArray stops = randomBytes(1'000'000, 125);
    auto stoppedUpload = stalledUpload("partnerQ", stops, 400'000);
    QVERIFY2(stoppedUpload, "the upload found no thread of its own");
    QTest::qWait(4000);  // past the deadline
    // Taking everything now finds each connection ended part-way, not the server going on.
    for (auto& socket : stalled) {
      socket->setReadBufferSize(0);
      qint64 received = 0;
      QElapsedTimer clock;
      clock.start();
      while (socket->state() != QAbstractSocket::UnconnectedState && clock.elapsed() < 10000) {
        socket->waitForReadyRead(500);
        received += socket->readAll().size();
      }
      QCOMPARE(socket->state(), QAbstractSocket::UnconnectedState);
      QVERIFY2(received < kAnswers * bytes.size(), qPrintable(QString::number(received)));
    }
    QCOMPARE((*m_world)["partnerQ"].http->get(m_server->url("/api/v1/blobs/" + hash)).body, bytes);
    QTRY_COMPARE_WITH_TIMEOUT(serverOffset("partnerQ", sha256Hex(stops)), 400'000, 5000);
  }

  // How many of a stored file's pages are in the page cache; -1 when that cannot be seen.
  long pagesInMemory(const QString& hash, long* pages) {
#ifdef Q_OS_LINUX
    QFile stored(m_server->dataDir() + "/blobs/" + hash.left(2) + "/" + hash);
    if (!stored.open(QIODevice::ReadOnly)) return -1;
    const auto size = static_cast<std::size_t>(stored.size());
    void* map = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, stored.handle(), 0);
    if (map == MAP_FAILED) return -1;
    const auto pageSize = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    std::vector<unsigned char> resident((size + pageSize - 1) / pageSize);
    const bool seen = ::mincore(map, size, resident.data()) == 0;
    ::munmap(map, size);
    *pages = static_cast<long>(resident.size());
    return seen ? std::count_if(resident.begin(), resident.end(), [](unsigned char r) { return r & 1; }) : -1;
#else
    Q_UNUSED(hash);
    Q_UNUSED(pages);
    return -1;
#endif
  }

  // Whole pages of a streamed upload go to disk without a copy in the page cache: that copy took
  // as much processor time as decrypting and storing the rest of an upload together. Seen on the
  // stored file: afterwards, few of its pages are in memory (only what the server read back of it
  // to tell its type). Also when a chunk starts at an odd byte, as one resumed where a broken one
  // stopped does: the server takes the bytes up to the next page boundary apart.
  // Run again by tst_blobs_where_direct_writes_fail, with a preloaded library that refuses direct
  // writes: then every page must have gone through the page cache instead, and read back whole.
  void largeUploadsBypassThePageCache() {
#ifdef Q_OS_LINUX
    const QByteArray dir = QFile::encodeName(m_server->dataDir());
    const bool refused = qEnvironmentVariableIsSet("KETE_TEST_DIRECT_WRITES_REFUSED");
    struct statfs fs {};
    if (!refused && (::statfs(dir.constData(), &fs) != 0 || fs.f_type == TMPFS_MAGIC))
      QSKIP("the data folder is in memory (tmpfs): every page of a file is in the page cache");
    const QByteArray probe = dir + "/direct-probe";
    const int fd = ::open(probe.constData(), O_WRONLY | O_CREAT | O_DIRECT | O_CLOEXEC, 0600);
    alignas(4096) static char page[4096];
    const bool direct = fd >= 0 && ::pwrite(fd, page, sizeof page, 0) == sizeof page;
    if (fd >= 0) ::close(fd);
    ::unlink(probe.constData());
    if (refused) {
      // Only where files open for direct writes does the server reach the writes refused.
      if (fd < 0) QSKIP("the data folder's file system does not even open files for direct writes");
      QVERIFY2(!direct, "the preloaded library that refuses direct writes is not in place");
    } else if (!direct) {
      QSKIP("the data folder's file system takes no direct writes");
    }

    const QByteArray whole = randomBytes(1024 * 1024, 121);  // both within the tenant quota of 5 MB
    QCOMPARE(upload("staff", whole).status, 201);
    const QByteArray resumed = randomBytes(1024 * 1024 + 5'000, 122);
    const QString resumedHash = sha256Hex(resumed);
    QCOMPARE(put("staff", resumedHash, resumed.left(5'000), contentRange(0, 4'999, resumed.size())).status, 200);
    QCOMPARE(put("staff", resumedHash, resumed.mid(5'000), contentRange(5'000, resumed.size() - 1, resumed.size())).status, 201);
    for (const auto& bytes : {whole, resumed}) {
      long pages = 0;
      const long inMemory = pagesInMemory(sha256Hex(bytes), &pages);
      QVERIFY(inMemory >= 0);
      qInfo("%ld of the %ld pages of a file of %lld bytes are in the page cache", inMemory, pages, static_cast<long long>(bytes.size()));
      const auto seen = QString("%1 of the %2 pages of a file of %3 bytes are in the page cache").arg(inMemory).arg(pages).arg(bytes.size());
      if (refused)
        QVERIFY2(inMemory > pages * 7 / 8, qPrintable(seen));
      else
        QVERIFY2(inMemory < pages / 8, qPrintable(seen));
      // What went past the page cache reads back whole.
      QCOMPARE((*m_world)["staff"].http->get(blobUrl(sha256Hex(bytes))).body, bytes);
    }
#else
    QSKIP("direct writes are used on Linux only");
#endif
  }

  void sizeAndQuotaLimits() {
    auto tooBig = put("partnerP", sha256Hex("x"), QByteArray(1000, 'x'), contentRange(0, 999, 3'000'001));
    QCOMPARE(tooBig.status, 413);
    QCOMPARE(tooBig.errorCode(), QString("payload_too_large"));
    // Client B's quota is 5 MB: two 2.5 MB files fit, a third does not.
    for (int i = 0; i < 2; ++i) QCOMPARE(upload("clientB", randomBytes(2'400'000 + i, 108 + static_cast<quint32>(i))).status, 201);
    auto over = upload("clientB", randomBytes(1'000'000, 109));
    QCOMPARE(over.status, 413);
    QVERIFY(over.body.contains("quota"));
    // A file the organisation already holds costs it nothing more when sent again; under its
    // name, but with another size, it is not that file and counts in full.
    const QByteArray held = randomBytes(2'400'000, 108);
    QCOMPARE(put("clientB", sha256Hex(held), held.left(1000), contentRange(0, 999, 2'900'000)).status, 413);
    QCOMPARE(upload("clientB", held).status, 201);
    // Another tenant is not affected.
    QCOMPARE(upload("clientA", randomBytes(200'000, 110)).status, 201);
  }

  void unreferencedBlobsAreCollected() {
    // Restart with a grace period of zero and a sweep every second.
    QFile file(m_config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"blob_gc_grace_seconds": 0, "blob_gc_interval_seconds": 1})");
    file.close();
    QCOMPARE(m_server->stop(), 0);
    QVERIFY(m_server->start({"--config", m_config}));
    const QByteArray kept = "%PDF-1.4 kept " + randomBytes(100, 111), loose = "loose " + randomBytes(100, 112);
    QCOMPARE(upload("staff", kept).status, 201);
    const QString id = newId();
    QCOMPARE(document("staff", id, sha256Hex(kept)).value("status").toString(), QString("applied"));
    QCOMPARE(upload("staff", loose).status, 201);
    QTRY_COMPARE_WITH_TIMEOUT((*m_world)["staff"].http->get(blobUrl(sha256Hex(loose))).status, 404, 10000);
    QVERIFY(!QFile::exists(m_server->dataDir() + "/blobs/" + sha256Hex(loose).left(2) + "/" + sha256Hex(loose)));
    QCOMPARE((*m_world)["clientA"].http->get(blobUrl(sha256Hex(kept))).body, kept);
    // Deleting the document lets its file go too.
    QCOMPARE(m_world->push("staff", "documents", "delete", id, 1, {}).value("status").toString(), QString("applied"));
    QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(m_server->dataDir() + "/blobs/" + sha256Hex(kept).left(2) + "/" + sha256Hex(kept)), 10000);
    QVERIFY(blobFilesOnDisk() > 0);  // the referenced files of earlier cases are still there

    // Files the database has no row for (a crash between a file and its row leaves one) go too;
    // an upload in progress keeps its file.
    const QByteArray going = randomBytes(300'000, 124);
    const QString goingHash = sha256Hex(going);
    QCOMPARE(put("staff", goingHash, going.left(100'000), contentRange(0, 99'999, going.size())).status, 200);
    const QString strayHash = sha256Hex("stray " + randomBytes(100, 125));
    const QString stray = m_server->dataDir() + "/blobs/" + strayHash.left(2) + "/" + strayHash;
    const QString strayPart = m_server->dataDir() + "/blobs/partial/" + newId() + "." + strayHash;
    QVERIFY(QDir().mkpath(QFileInfo(stray).absolutePath()));
    for (const auto& path : {stray, strayPart}) {
      QFile f(path);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write("left by a crash");
    }
    QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(stray) && !QFile::exists(strayPart), 10000);
    QCOMPARE(QDir(m_server->dataDir() + "/blobs/partial").entryList(QDir::Files).filter(goingHash).size(), 1);
    QCOMPARE(put("staff", goingHash, going.mid(100'000), contentRange(100'000, 299'999, going.size())).status, 201);
    QVERIFY(m_server->log().contains("stray_blob_file_removed"));
  }
};

QTEST_GUILESS_MAIN(Blobs)
#include "tst_blobs.moc"
