// The server's disk fills up under it. Writes are refused with a clear 507 `storage_full`,
// nothing half-done is kept, the server stays up and keeps answering, and once space is back the
// same retried pushes and uploads go through exactly once; the database stays sound.
//
// The data folder lives on a small tmpfs of its own. The test enters a private mount namespace
// before anything else runs (as root; otherwise inside a user namespace), so the mount is seen
// only by this test and the servers it starts, and vanishes with them.
#include <QDir>
#include <QJsonArray>
#include <QProcess>
#include <QtTest>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "test_world.h"

using namespace kete::test;

namespace {

constexpr qint64 kDiskBytes = 48 * 1024 * 1024;
QString g_disk;         // the tmpfs mount point; empty if none could be made
QString g_diskProblem;  // why not

bool writeFile(const char* path, const std::string& text) {
  const int fd = ::open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  return ok;
}

// Must run while the process has one thread (unshare refuses a shared-namespace change otherwise).
void enterSmallDisk() {
  char pattern[] = "/tmp/kete-disk-full-XXXXXX";
  if (!::mkdtemp(pattern)) {
    g_diskProblem = QString("mkdtemp: %1").arg(std::strerror(errno));
    return;
  }
  const uid_t uid = ::geteuid();
  const gid_t gid = ::getegid();
  bool entered = ::unshare(CLONE_NEWNS) == 0;
  if (!entered && ::unshare(CLONE_NEWUSER | CLONE_NEWNS) == 0) {
    entered = writeFile("/proc/self/setgroups", "deny") &&
              writeFile("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1") &&
              writeFile("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1");
  }
  if (!entered) {
    g_diskProblem = QString("no private mount namespace here (unshare: %1)").arg(std::strerror(errno));
    ::rmdir(pattern);
    return;
  }
  const std::string options = "size=" + std::to_string(kDiskBytes) + ",mode=0700";
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
      ::mount("tmpfs", pattern, "tmpfs", 0, options.c_str()) != 0) {
    g_diskProblem = QString("mount tmpfs: %1").arg(std::strerror(errno));
    return;
  }
  g_disk = QString::fromLocal8Bit(pattern);
}

qint64 freeBytes() {
  struct statvfs s {};
  if (::statvfs(QFile::encodeName(g_disk).constData(), &s) != 0) return -1;
  return static_cast<qint64>(s.f_bavail) * static_cast<qint64>(s.f_frsize);
}

// Takes all the space but `leave` bytes; returns the filler's size.
qint64 fill(const QString& path, qint64 leave) {
  QFile filler(path);
  if (!filler.open(QIODevice::WriteOnly | QIODevice::Append)) return -1;
  const QByteArray block(64 * 1024, 'f');
  while (freeBytes() - leave >= block.size())
    if (filler.write(block) != block.size()) break;
  const qint64 rest = freeBytes() - leave;
  if (rest > 0) filler.write(block.left(static_cast<int>(rest)));
  filler.close();
  return filler.size();
}

}  // namespace

class DiskFull : public QObject {
  Q_OBJECT
  std::unique_ptr<ServerProcess> m_server;
  std::unique_ptr<TestWorld> m_world;
  QString m_filler;

  QJsonArray messages(const QString& tag, int n) {
    QJsonArray out;
    for (int i = 0; i < n; ++i)
      out.append(QJsonObject{{"id", newId()}, {"collection", "messages"}, {"op", "create"}, {"record_id", newId()},
                             {"data", QJsonObject{{"tenant_id", m_world->tenant("clientA")},
                                                  {"body", QString("%1 #%2 %3").arg(tag).arg(i).arg(QString(400, 'x'))}}}});
    return out;
  }
  HttpReply push(const QJsonArray& mutations) {
    return (*m_world)["staff"].http->post(m_server->url("/api/v1/sync/push"),
                                          {{"client_id", "disk-full"}, {"mutations", mutations}});
  }
  HttpReply put(const QString& hash, const QByteArray& chunk, const QByteArray& contentRange) {
    return (*m_world)["clientA"].http->send("PUT", m_server->url("/api/v1/blobs/" + hash), chunk,
                                           {{"Content-Type", "application/octet-stream"}, {"Content-Range", contentRange}});
  }
  HttpReply head(const QString& hash) {
    return (*m_world)["clientA"].http->send("HEAD", m_server->url("/api/v1/blobs/" + hash), {});
  }
  void checkIntegrity() {
    QProcess check;
    check.start("sqlite3", {m_server->dataDir() + "/kete.db", "PRAGMA integrity_check;"});
    QVERIFY(check.waitForFinished(30000));
    QCOMPARE(check.readAllStandardOutput().trimmed(), QByteArray("ok"));
  }

 private slots:
  void initTestCase() {
    if (g_disk.isEmpty()) QSKIP(qPrintable("cannot make a small disk for the server: " + g_diskProblem));
    QDir(g_disk).mkpath("data");
    m_filler = g_disk + "/filler";
    m_server = std::make_unique<ServerProcess>(g_disk + "/data");
    m_world = std::make_unique<TestWorld>(*m_server);
    QVERIFY2(m_world->build(), qPrintable(m_world->error()));
  }

  void cleanup() { QFile::remove(m_filler); }

  void pushesAreRefusedWholeAndRetriedExactlyOnce() {
    auto first = push(messages("before", 20));
    QCOMPARE(first.status, 200);

    const auto batch = messages("while full", 200);
    QVERIFY(fill(m_filler, 0) > 0);
    QCOMPARE(freeBytes(), 0);
    auto refused = push(batch);
    QCOMPARE(refused.status, 507);
    QCOMPARE(refused.errorCode(), QString("storage_full"));
    QVERIFY2(refused.json().value("error").toObject().value("message").toString().contains("disk is full"),
             refused.body.constData());

    // Still up, and reading still works.
    HttpsClient anyone(m_server->fingerprint());
    QCOMPARE(anyone.get(m_server->url("/healthz")).status, 200);
    QCOMPARE((*m_world)["staff"].http->get(m_server->url("/api/v1/me")).status, 200);
    QVERIFY(m_world->pull("clientA"));
    // Staff reading a client's records is audited; with no room, the entry goes to the log whole.
    (*m_world)["staff"].sync = {};
    QVERIFY(m_world->pull("staff"));
    QTRY_VERIFY_WITH_TIMEOUT(m_server->log().contains("\"event\":\"audit_entry_not_stored\""), 10000);

    // Space back: the same batch, sent again as an app would, lands once; a third time, not at all.
    QVERIFY(QFile::remove(m_filler));
    auto again = push(batch);
    QCOMPARE(again.status, 200);
    for (const auto& r : again.json().value("results").toArray())
      QCOMPARE(r.toObject().value("status").toString(), QString("applied"));
    auto third = push(batch);
    QCOMPARE(third.status, 200);
    for (const auto& r : third.json().value("results").toArray())
      QCOMPARE(r.toObject().value("status").toString(), QString("duplicate"));

    // Every message of the batch is there once in client A's pull.
    QVERIFY(m_world->pull("clientA"));
    int seen = 0;
    for (const auto& m : batch)
      if (m_world->operator[]("clientA").sync.visible(m.toObject().value("record_id").toString())) ++seen;
    QCOMPARE(seen, batch.size());
    checkIntegrity();
  }

  void uploadsGiveTheSpaceBackAndResume() {
    const QByteArray bytes = randomBytes(3 * 1024 * 1024, 77);
    const QString hash = sha256Hex(bytes);
    const qint64 total = bytes.size();
    const qint64 mib = 1024 * 1024;

    QCOMPARE(put(hash, bytes.left(mib), contentRange(0, mib - 1, total)).status, 200);
    // Half a chunk of room: the chunk is refused and what it managed to write is given back.
    QVERIFY(fill(m_filler, mib / 2) > 0);
    const qint64 before = freeBytes();
    auto refused = put(hash, bytes.mid(mib, mib), contentRange(mib, 2 * mib - 1, total));
    QCOMPARE(refused.status, 507);
    QCOMPARE(refused.errorCode(), QString("storage_full"));
    QVERIFY2(freeBytes() >= before, qPrintable(QString("%1 free before, %2 after").arg(before).arg(freeBytes())));
    auto where = head(hash);
    QCOMPARE(where.status, 200);
    QCOMPARE(where.header("Upload-Offset"), QByteArray::number(mib));

    QVERIFY(QFile::remove(m_filler));
    QCOMPARE(put(hash, bytes.mid(mib, mib), contentRange(mib, 2 * mib - 1, total)).status, 200);
    QCOMPARE(put(hash, bytes.mid(2 * mib), contentRange(2 * mib, total - 1, total)).status, 201);
    auto back = (*m_world)["clientA"].http->get(m_server->url("/api/v1/blobs/" + hash));
    QCOMPARE(back.status, 200);
    QVERIFY(back.body == bytes);
  }

  void aFullDiskAtStartupIsSaidAndSurvived() {
    // Killed while the disk is full, then started on it again: it refuses in one line, and
    // everything acknowledged is still there once there is room.
    QVERIFY(fill(m_filler, 0) > 0);
    m_server->kill();
    const int port = m_server->port();
    QVERIFY(!m_server->start({"--listen", QString("127.0.0.1:%1").arg(port)}));
    // The reason is its last line (the folder's name, which says "disk-full", is not it).
    const QByteArray log = m_server->log().trimmed();
    QVERIFY2(log.mid(log.lastIndexOf('\n') + 1).endsWith("is on a full disk; free some space and start again"),
             log.constData());
    QVERIFY(QFile::remove(m_filler));
    QVERIFY2(m_server->start({"--listen", QString("127.0.0.1:%1").arg(port)}), m_server->log().constData());
    QVERIFY(m_world->signIn("clientA"));
    (*m_world)["clientA"].sync = {};
    QVERIFY(m_world->pull("clientA"));
    int mine = 0;
    for (const auto& data : (*m_world)["clientA"].sync.data)
      if (data.value("body").toString().startsWith("while full")) ++mine;
    QCOMPARE(mine, 200);
    QCOMPARE(m_server->stop(), 0);
    checkIntegrity();
  }

  void cleanupTestCase() {
    m_world.reset();
    m_server.reset();
    if (!g_disk.isEmpty()) {
      ::umount2(QFile::encodeName(g_disk).constData(), MNT_DETACH);
      ::rmdir(QFile::encodeName(g_disk).constData());
    }
  }
};

int main(int argc, char** argv) {
  enterSmallDisk();
  QCoreApplication app(argc, argv);
  DiskFull test;
  return QTest::qExec(&test, argc, argv);
}

#include "tst_disk_full.moc"
