// The apps' TransferQueue against the real server over real TLS: an upload that survives the
// server going away and the app restarting, resumes where it stopped, and only then creates the
// document that refers to it; downloads that are verified, resumed and cleared on sign-out.
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "net/api_client.h"
#include "store/local_store.h"
#include "sync/sync_engine.h"
#include "test_world.h"
#include "transfer/transfer_queue.h"

using namespace kete::test;
using kete::app::ApiClient;
using kete::app::LocalStore;
using kete::app::SyncEngine;
using kete::app::Transfer;
using kete::app::TransferQueue;

namespace {

QString writeFile(const QString& path, const QByteArray& bytes) {
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
  f.write(bytes);
  return path;
}

struct Device {
  ApiClient api;
  LocalStore store;
  QTemporaryDir dir;
  std::unique_ptr<TransferQueue> queue;
  QByteArray key = kete::app::FileCipher::newKey();
  Device(ServerProcess& server, const Person& person) {
    connectTo(server);
    api.setToken(person.token);
    QString error;
    if (!store.open(dir.path() + "/cache.db", &error)) qFatal("cache: %s", qPrintable(error));
    restartQueue();
  }
  void connectTo(ServerProcess& server) {
    api.setServer(QUrl(QString("https://127.0.0.1:%1").arg(server.port())), server.fingerprint());
  }
  void restartQueue() {
    queue.reset();
    queue = std::make_unique<TransferQueue>(api, store, dir.path() + "/files", key);
  }
  Transfer::State waitFor(const QString& id, int ms = 30000) {
    (void)QTest::qWaitFor([&] {
      const auto s = queue->transfer(id).state;
      return s == Transfer::State::Done || s == Transfer::State::Failed;
    }, ms);
    return queue->transfer(id).state;
  }
};

}  // namespace

class Transfers : public QObject {
  Q_OBJECT
  ServerProcess m_server;
  std::unique_ptr<TestWorld> m_world;

  QByteArray serverBytes(const QString& who, const QString& sha) { return m_world->get(who, "/api/v1/blobs/" + sha).body; }
  qint64 serverOffset(const QString& who, const QString& sha) {
    return (*m_world)[who].http->send("HEAD", m_server.url("/api/v1/blobs/" + sha), {}).header("Upload-Offset").toLongLong();
  }
  // The offsets of the requests one transfer sent (upload chunks, or downloads), in order.
  static QList<qint64> offsetsSent(const QSignalSpy& spy, const QString& id) {
    QList<qint64> out;
    for (const auto& args : spy)
      if (args.at(0).toString() == id) out << args.at(1).toLongLong();
    return out;
  }

 private slots:
  void initTestCase() {
    m_world = std::make_unique<TestWorld>(m_server);
    QVERIFY2(m_world->build(), qPrintable(m_world->error()));
  }

  void uploadThenCreatesTheDocument() {
    Device client(m_server, (*m_world)["clientA"]);
    const QByteArray bytes = "%PDF-1.7\n" + randomBytes(3'000'000, 1);
    const QString path = writeFile(client.dir.path() + "/GST return.pdf", bytes);
    QSignalSpy finished(client.queue.get(), &TransferQueue::finished);
    const QString id = client.queue->upload(path, {{"collection", "documents"}, {"op", "create"},
                                                   {"data", QJsonObject{{"folder", "2026/GST"}, {"title", "GST return"}}}});
    QCOMPARE(client.waitFor(id), Transfer::State::Done);
    QCOMPARE(finished.count(), 1);
    const QString sha = sha256Hex(bytes);
    QCOMPARE(client.queue->transfer(id).sha256, sha);
    QCOMPARE(serverBytes("clientA", sha), bytes);
    // The document went to the outbox only now, and syncs like any other record.
    SyncEngine engine(client.api, client.store);
    engine.setAutoRetry(false);
    engine.syncNow();
    QVERIFY(QTest::qWaitFor([&] { return engine.state() == SyncEngine::State::UpToDate; }, 20000));
    QVERIFY(client.store.problems().isEmpty());
    // Staff assigned to client A now download it through the document.
    QCOMPARE(serverBytes("staff", sha), bytes);
    QCOMPARE(m_world->get("staff2", "/api/v1/blobs/" + sha).status, 404);
  }

  void uploadSurvivesServerLossAndAppRestart() {
    Device client(m_server, (*m_world)["clientA"]);
    const QByteArray bytes = randomBytes(24'000'000, 2);
    const QString sha = sha256Hex(bytes);
    const QString id = client.queue->upload(writeFile(client.dir.path() + "/scan.tif", bytes));
    // Let a few chunks arrive, then the server goes away mid-upload.
    QVERIFY(QTest::qWaitFor([&] { return serverOffset("clientA", sha) > 3'000'000; }, 30000));
    QCOMPARE(client.queue->transfer(id).state, Transfer::State::Running);
    const int port = m_server.port();
    m_server.kill();
    QVERIFY(QTest::qWaitFor([&] { return client.queue->transfer(id).state == Transfer::State::Waiting; }, 30000));
    // The app is closed and opened again while the server is down.
    client.restartQueue();
    QCOMPARE(client.queue->transfer(id).state, Transfer::State::Queued);
    QSignalSpy sent(client.queue.get(), &TransferQueue::requestSent);
    QVERIFY(m_server.start({"--listen", QString("127.0.0.1:%1").arg(port)}));
    // The server kept what it acknowledged: the upload goes on from there, not from zero.
    const qint64 kept = serverOffset("clientA", sha);
    QVERIFY2(kept > 3'000'000, qPrintable(QString::number(kept)));
    client.queue->resume(id);  // from waiting for a retry: at once
    QCOMPARE(client.waitFor(id, 60000), Transfer::State::Done);
    const auto offsets = offsetsSent(sent, id);
    QVERIFY(!offsets.isEmpty());
    QCOMPARE(offsets.first(), kept);
    QCOMPARE(serverBytes("clientA", sha), bytes);
  }

  // The same file again by the same person: the server has it, nothing is sent.
  void aFileTheServerHasIsNotSentAgain() {
    Device client(m_server, (*m_world)["clientA"]);
    const QByteArray bytes = "%PDF-1.7\n" + randomBytes(300'000, 5);
    const QString path = writeFile(client.dir.path() + "/twice.pdf", bytes);
    QCOMPARE(client.waitFor(client.queue->upload(path)), Transfer::State::Done);
    QSignalSpy sent(client.queue.get(), &TransferQueue::requestSent);
    QElapsedTimer clock;
    clock.start();
    QCOMPARE(client.waitFor(client.queue->upload(path)), Transfer::State::Done);
    QCOMPARE(sent.count(), 0);
    QVERIFY2(clock.elapsed() < 10000, "a HEAD answer must not leave the app waiting for a body");
  }

  void pauseAndResume() {
    Device staff(m_server, (*m_world)["staff"]);
    const QByteArray bytes = randomBytes(12'000'000, 3);
    const QString sha = sha256Hex(bytes);
    const QString id = staff.queue->upload(writeFile(staff.dir.path() + "/big.bin", bytes));
    QVERIFY(QTest::qWaitFor([&] { return serverOffset("staff", sha) > 0; }, 30000));
    staff.queue->pause(id);
    QCOMPARE(staff.queue->transfer(id).state, Transfer::State::Paused);
    // The chunk the pause broke off is kept as far as it arrived: the server settles on that once
    // it has seen the connection end. From then on, paused means nothing more arrives.
    qint64 held = -1;
    QVERIFY(QTest::qWaitFor([&] {
      const qint64 before = serverOffset("staff", sha);
      QTest::qWait(300);
      return (held = serverOffset("staff", sha)) == before;
    }, 10000));
    QTest::qWait(700);
    QCOMPARE(serverOffset("staff", sha), held);
    QCOMPARE(staff.queue->transfer(id).state, Transfer::State::Paused);
    QSignalSpy sent(staff.queue.get(), &TransferQueue::requestSent);
    staff.queue->resume(id);
    QCOMPARE(staff.waitFor(id), Transfer::State::Done);
    QCOMPARE(offsetsSent(sent, id).value(0, -1), held);  // on from where the server was
    QCOMPARE(serverBytes("staff", sha), bytes);
  }

  void downloadsAreVerifiedEncryptedCachedAndCleared() {
    using kete::app::FileCipher;
    const QByteArray bytes = "%PDF-1.4 " + randomBytes(5'000'000, 4);  // five blocks
    const QString sha = sha256Hex(bytes);
    Device staff(m_server, (*m_world)["staff"]);
    const QString up = staff.queue->upload(writeFile(staff.dir.path() + "/letter.pdf", bytes));
    QCOMPARE(staff.waitFor(up), Transfer::State::Done);
    auto exported = [&]() -> QByteArray {
      QString error;
      const QString target = staff.dir.path() + "/out.pdf";
      if (!staff.queue->exportFile(sha, target, &error)) return "export failed: " + error.toUtf8();
      QFile f(target);
      return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };

    const QString id = staff.queue->download(sha, bytes.size(), "letter.pdf");
    QVERIFY2(staff.waitFor(id) == Transfer::State::Done, qPrintable(staff.queue->transfer(id).error));
    const QString cached = staff.queue->cachedFile(sha);
    QVERIFY(!cached.isEmpty());
    // At rest it is encrypted: nothing of the letter is readable in the cache.
    QFile raw(cached);
    QVERIFY(raw.open(QIODevice::ReadOnly));
    const QByteArray stored = raw.readAll();
    raw.close();
    QVERIFY(!stored.contains("%PDF-1.4"));
    QVERIFY(!stored.contains(bytes.mid(1'000'000, 64)));
    QCOMPARE(exported(), bytes);

    // A part already there is resumed after its last whole block (a torn one is dropped), and the
    // whole is checked at the end.
    const FileCipher cipher(staff.key);
    const QByteArray header = FileCipher::newHeader();
    QVERIFY(QFile::remove(cached));
    writeFile(cached + ".part", header + cipher.seal(header, 0, bytes.left(FileCipher::kBlock)) +
                                    cipher.seal(header, 1, bytes.mid(FileCipher::kBlock, FileCipher::kBlock)) +
                                    QByteArray(100, 'x'));
    QSignalSpy sent(staff.queue.get(), &TransferQueue::requestSent);
    const QString again = staff.queue->download(sha, bytes.size(), "letter.pdf");
    QCOMPARE(staff.waitFor(again), Transfer::State::Done);
    QCOMPARE(offsetsSent(sent, again), QList<qint64>{2 * FileCipher::kBlock});
    QCOMPARE(exported(), bytes);

    // A part whose block was not sealed with this key is found out and never kept.
    QVERIFY(QFile::remove(cached));
    const FileCipher stranger(FileCipher::newKey());
    writeFile(cached + ".part", header + stranger.seal(header, 0, bytes.left(FileCipher::kBlock)));
    const QString damaged = staff.queue->download(sha, bytes.size(), "letter.pdf");
    QCOMPARE(staff.waitFor(damaged), Transfer::State::Failed);
    QVERIFY(staff.queue->transfer(damaged).error.contains("damaged"));
    QVERIFY(staff.queue->cachedFile(sha).isEmpty());
    staff.queue->resume(damaged);
    QCOMPARE(staff.waitFor(damaged), Transfer::State::Done);
    QCOMPARE(exported(), bytes);

    // A cached file changed on disk is refused, not handed out, and removed: the next open
    // downloads it anew instead of failing the same way until the cache evicts it.
    QVERIFY(raw.open(QIODevice::ReadWrite));
    raw.seek(FileCipher::kHeader + 10);
    raw.write("X");
    raw.close();
    QVERIFY(exported().contains("damaged"));
    QVERIFY(staff.queue->cachedFile(sha).isEmpty());
    const QString anew = staff.queue->download(sha, bytes.size(), "letter.pdf");
    QCOMPARE(staff.waitFor(anew), Transfer::State::Done);
    QCOMPARE(exported(), bytes);
    // One cut short at a block boundary: each block left is sound, the whole is not.
    QVERIFY(raw.resize(FileCipher::kHeader + 2 * (FileCipher::kBlock + FileCipher::kTag)));
    QVERIFY(exported().contains("damaged"));
    QVERIFY(staff.queue->cachedFile(sha).isEmpty());

    // A part that already holds every block (a file of whole blocks, its check cut off): the
    // server has nothing after it (416), and the part is checked and kept, not fetched again.
    const QByteArray blocks = randomBytes(2 * FileCipher::kBlock, 5);
    const QString blocksSha = sha256Hex(blocks);
    const QString sent2 = staff.queue->upload(writeFile(staff.dir.path() + "/blocks.bin", blocks));
    QCOMPARE(staff.waitFor(sent2), Transfer::State::Done);
    const QString blocksPath = staff.dir.path() + "/files/" + blocksSha;
    writeFile(blocksPath + ".part", header + cipher.seal(header, 0, blocks.left(FileCipher::kBlock)) +
                                        cipher.seal(header, 1, blocks.mid(FileCipher::kBlock)));
    const QString whole = staff.queue->download(blocksSha, blocks.size(), "blocks.bin");
    QCOMPARE(staff.waitFor(whole, 5000), Transfer::State::Done);
    QCOMPARE(offsetsSent(sent, whole), QList<qint64>{2 * FileCipher::kBlock});
    QCOMPARE(staff.queue->cachedFile(blocksSha), blocksPath);

    // Without the keychain's key nothing is kept on this computer.
    Device noKey(m_server, (*m_world)["staff"]);
    noKey.key.clear();
    noKey.restartQueue();
    const QString keyless = noKey.queue->download(sha, bytes.size(), "letter.pdf");
    QCOMPARE(noKey.waitFor(keyless), Transfer::State::Failed);
    QVERIFY(noKey.queue->transfer(keyless).error.contains("keychain"));
    QVERIFY(QDir(noKey.dir.path() + "/files").entryList(QDir::Files).isEmpty());

    // Out of scope: not found, nothing cached.
    Device other(m_server, (*m_world)["clientB"]);
    const QString refused = other.queue->download(sha, bytes.size(), "letter.pdf");
    QCOMPARE(other.waitFor(refused), Transfer::State::Failed);
    QVERIFY(other.queue->cachedFile(sha).isEmpty());
    // Asked for again, the failed download goes on: not a second one writing the same part.
    QCOMPARE(other.queue->download(sha, bytes.size(), "letter.pdf"), refused);
    QVERIFY(other.queue->transfer(refused).state != Transfer::State::Failed);
    QCOMPARE(other.waitFor(refused), Transfer::State::Failed);
    QCOMPARE(other.queue->transfers().size(), 1);
    // Sign-out on a shared computer: every downloaded file goes.
    staff.queue->clear();
    QVERIFY(staff.queue->cachedFile(sha).isEmpty());
    QVERIFY(QDir(staff.dir.path() + "/files").entryList(QDir::Files).isEmpty());
  }
};

QTEST_GUILESS_MAIN(Transfers)
#include "tst_transfers.moc"
