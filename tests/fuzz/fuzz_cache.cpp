// libFuzzer target: an app's offline cache found damaged on disk (a crash mid-write, a bad
// sector, a file someone edited). Opening it must migrate or refuse it with an error, and every
// read the pages make must then work or fail cleanly — never crash the app.
//
// Input: pairs of (4-byte offset, 1-byte value) patched into a valid cache file made at start.
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QStandardPaths>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "store/local_store.h"

namespace {

QByteArray pristine;
QString path;

void quiet(QtMsgType, const QMessageLogContext&, const QString&) {}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  new QCoreApplication(*argc, *argv);
  qInstallMessageHandler(quiet);
  const QString dir = QDir::tempPath() + QStringLiteral("/kete-fuzz-cache-%1").arg(QCoreApplication::applicationPid());
  QDir(dir).removeRecursively();
  QDir().mkpath(dir);
  path = dir + QStringLiteral("/cache.db");
  // The folder goes when the run ends, rather than piling up in the temporary folder.
  std::atexit([] { QFileInfo(path).dir().removeRecursively(); });
  {
    kete::app::LocalStore store;
    QString error;
    if (!store.open(path, &error)) qFatal("cannot make the cache: %s", qPrintable(error));
    store.applyPull(QJsonObject{
        {"epoch", "e1"},
        {"buckets", QJsonArray{"client:t"}},
        {"changes", QJsonArray{QJsonObject{{"bucket", "client:t"}, {"seq", 1}, {"collection", "jobs"},
                                           {"id", "11111111-1111-4111-8111-111111111111"}, {"version", 1}, {"deleted", false},
                                           {"data", QJsonObject{{"tenant_id", "t"}, {"title", "Mortgage"}}}}}},
        {"cursors", QJsonObject{{"client:t", 1}}},
        {"more", false}});
    store.create(QStringLiteral("messages"), {{"body", "Kia ora"}});
    store.setValue(QStringLiteral("clients"), QStringLiteral("[]"));
    store.close();
  }
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read the cache");
  pristine = f.readAll();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  QByteArray bytes = pristine;
  for (std::size_t i = 0; i + 5 <= size; i += 5) {
    std::uint32_t offset = 0;
    std::memcpy(&offset, data + i, 4);
    bytes[int(offset % std::uint32_t(bytes.size()))] = char(data[i + 4]);
  }
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) QFile::remove(path + QLatin1String(suffix));
  {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) return 0;
    f.write(bytes);
  }
  kete::app::LocalStore store;
  QString error;
  if (store.open(path, &error)) {
    (void)store.records(QStringLiteral("jobs"));
    (void)store.records(QStringLiteral("messages"), QStringLiteral("t"));
    (void)store.pending(10);
    (void)store.problems();
    (void)store.cursors();
    (void)store.epoch();
    (void)store.search(QStringLiteral("mort"));
    (void)store.unsentRecordIds();
    (void)store.value(QStringLiteral("clients"));
    (void)store.create(QStringLiteral("messages"), {{"body", "again"}});
    store.close();
  }
  return 0;
}
