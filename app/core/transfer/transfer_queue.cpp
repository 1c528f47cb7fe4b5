#include "transfer/transfer_queue.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QNetworkReply>
#include <QTimer>
#include <QUuid>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <utility>

#include "net/api_client.h"
#include "store/local_store.h"

namespace kete::app {
namespace {

constexpr qint64 kFirstChunk = 1 << 20;
constexpr qint64 kSmallestChunk = 256 << 10;
constexpr qint64 kLargestChunk = 8 << 20;  // the server accepts up to max_body_bytes (16 MiB) per request

QString kindText(Transfer::Kind k) { return k == Transfer::Kind::Upload ? QStringLiteral("upload") : QStringLiteral("download"); }

const QList<QPair<Transfer::State, QString>>& stateNames() {
  static const QList<QPair<Transfer::State, QString>> names{
      {Transfer::State::Hashing, QStringLiteral("hashing")}, {Transfer::State::Queued, QStringLiteral("queued")},
      {Transfer::State::Running, QStringLiteral("running")}, {Transfer::State::Paused, QStringLiteral("paused")},
      {Transfer::State::Waiting, QStringLiteral("waiting")}, {Transfer::State::Failed, QStringLiteral("failed")},
      {Transfer::State::Done, QStringLiteral("done")}};
  return names;
}

QString stateText(Transfer::State s) {
  for (const auto& [state, name] : stateNames())
    if (state == s) return name;
  return {};
}

Transfer::State stateFrom(const QString& s) {
  for (const auto& [state, name] : stateNames())
    if (name == s) return state;
  return Transfer::State::Queued;
}

QJsonObject toJson(const Transfer& t) {
  return {{"id", t.id},          {"kind", kindText(t.kind)}, {"state", stateText(t.state)}, {"name", t.name},
          {"path", t.localPath}, {"sha256", t.sha256},       {"size", t.size},              {"done", t.done},
          {"error", t.error},    {"then", t.then}};
}

Transfer fromJson(const QJsonObject& o) {
  Transfer t;
  t.id = o.value("id").toString();
  t.kind = o.value("kind").toString() == QLatin1String("download") ? Transfer::Kind::Download : Transfer::Kind::Upload;
  t.state = stateFrom(o.value("state").toString());
  t.name = o.value("name").toString();
  t.localPath = o.value("path").toString();
  t.sha256 = o.value("sha256").toString();
  t.size = o.value("size").toInteger();
  t.done = o.value("done").toInteger();
  t.error = o.value("error").toString();
  t.then = o.value("then").toObject();
  return t;
}

bool isSha256(const QString& s) {
  if (s.size() != 64) return false;
  for (const QChar c : s)
    if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f')))) return false;
  return true;
}

qint64 headerNumber(QNetworkReply* reply, const char* name, qint64 fallback) {
  bool ok = false;
  const qint64 v = reply->rawHeader(name).toLongLong(&ok);
  return ok ? v : fallback;
}

QString partOf(const Transfer& t) { return t.localPath + QStringLiteral(".part"); }

}  // namespace

TransferQueue::TransferQueue(ApiClient& api, LocalStore& store, QString cacheDir, QByteArray fileKey, qint64 cacheLimit,
                             QObject* parent)
    : QObject(parent), m_api(api), m_store(store), m_cacheDir(std::move(cacheDir)), m_cipher(std::move(fileKey)),
      m_cacheLimit(cacheLimit),
      m_retry(new QTimer(this)) {
  QDir().mkpath(m_cacheDir);
  m_retry->setSingleShot(true);
  connect(m_retry, &QTimer::timeout, this, [this] {
    const auto now = QDateTime::currentDateTimeUtc();
    QDateTime next;
    for (auto& t : m_transfers) {
      if (t.state != Transfer::State::Waiting) continue;
      const auto at = m_runtime[t.id].retryAt;
      if (at.isValid() && at <= now) {
        t.state = Transfer::State::Queued;
        save(t);
      } else if (at.isValid() && (!next.isValid() || at < next)) {
        next = at;
      }
    }
    if (next.isValid()) m_retry->start(int(std::max<qint64>(0, now.msecsTo(next))));
    pump();
  });
  load();
}

TransferQueue::~TransferQueue() {
  for (const auto& id : m_runtime.keys()) stopRequest(id);
}

void TransferQueue::load() {
  for (const auto& row : m_store.transfers()) {
    Transfer t = fromJson(row);
    if (t.id.isEmpty()) continue;
    if (t.state == Transfer::State::Running || t.state == Transfer::State::Waiting) t.state = Transfer::State::Queued;
    m_transfers.insert(t.id, t);
    m_order << t.id;
  }
  QTimer::singleShot(0, this, [this] {
    for (const auto& id : m_order)
      if (m_transfers[id].state == Transfer::State::Hashing) startHashing(m_transfers[id]);
    pump();
  });
}

void TransferQueue::save(const Transfer& t) {
  if (t.state == Transfer::State::Done) m_store.removeTransfer(t.id);
  else m_store.saveTransfer(t.id, toJson(t));
  emit changed(t.id);
}

int TransferQueue::running() const {
  return int(std::count_if(m_transfers.begin(), m_transfers.end(),
                           [](const Transfer& t) { return t.state == Transfer::State::Running; }));
}

QString TransferQueue::upload(const QString& filePath, const QJsonObject& then) {
  Transfer t;
  t.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
  t.kind = Transfer::Kind::Upload;
  t.name = QFileInfo(filePath).fileName();
  t.localPath = QFileInfo(filePath).absoluteFilePath();
  t.then = then;
  m_transfers.insert(t.id, t);
  m_order << t.id;
  startHashing(m_transfers[t.id]);
  return t.id;
}

void TransferQueue::startHashing(Transfer& t) {
  t.state = Transfer::State::Hashing;
  t.size = QFileInfo(t.localPath).size();
  t.done = 0;
  save(t);
  auto cancel = std::make_shared<std::atomic<bool>>(false);
  m_runtime[t.id].cancelHash = cancel;
  auto* watcher = new QFutureWatcher<QString>(this);
  const QString id = t.id;
  connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, id, cancel] {
    watcher->deleteLater();
    if (*cancel || !m_transfers.contains(id)) return;
    Transfer& cur = m_transfers[id];
    if (cur.state != Transfer::State::Hashing) return;
    const QString sha = watcher->result();
    if (sha.isEmpty()) return fail(cur, tr("%1 cannot be read.").arg(cur.localPath));
    cur.sha256 = sha;
    cur.done = 0;
    cur.state = Transfer::State::Queued;
    save(cur);
    pump();
  });
  const QString path = t.localPath;
  auto progress = [this, id, cancel](qint64 bytes) {
    QMetaObject::invokeMethod(this, [this, id, cancel, bytes] {
      if (*cancel || !m_transfers.contains(id)) return;
      m_transfers[id].done = bytes;
      emit changed(id);
    }, Qt::QueuedConnection);
  };
  watcher->setFuture(QtConcurrent::run([path, progress, cancel] { return sha256OfFile(path, progress, cancel.get()); }));
}

QString TransferQueue::download(const QString& sha256, qint64 size, const QString& name) {
  if (!isSha256(sha256)) return {};
  // One download per file at a time: they would write the same part. One that failed goes on
  // again, asked for anew.
  for (const auto& t : std::as_const(m_transfers))
    if (t.kind == Transfer::Kind::Download && t.sha256 == sha256 && t.state != Transfer::State::Done) {
      const QString id = t.id;
      if (t.state == Transfer::State::Failed) resume(id);
      return id;
    }
  Transfer t;
  t.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
  t.kind = Transfer::Kind::Download;
  t.name = name;
  t.sha256 = sha256;
  t.size = size;
  t.localPath = m_cacheDir + QLatin1Char('/') + sha256;
  m_order << t.id;
  if (!cachedFile(sha256).isEmpty()) {
    t.state = Transfer::State::Done;
    t.done = size;
    m_transfers.insert(t.id, t);
    touch(t.localPath);
    QTimer::singleShot(0, this, [this, id = t.id, path = t.localPath] { emit finished(id, path); });
    return t.id;
  }
  t.state = Transfer::State::Queued;
  m_transfers.insert(t.id, t);
  save(t);
  pump();
  return t.id;
}

void TransferQueue::pump() {
  if (!m_online) return;
  for (const auto& id : std::as_const(m_order)) {
    if (running() >= kParallel) return;
    Transfer& t = m_transfers[id];
    if (t.state != Transfer::State::Queued) continue;
    t.state = Transfer::State::Running;
    t.error.clear();
    m_runtime[id].sampleClock.invalidate();
    if (t.kind == Transfer::Kind::Upload) startUpload(t);
    else startDownload(t);
    emit changed(id);
  }
}

void TransferQueue::startUpload(Transfer& t) {
  // Ask how much of it the server already has (after a restart, a lost connection, ...).
  QNetworkReply* reply = m_api.sendRaw("HEAD", QStringLiteral("/api/v1/blobs/") + t.sha256, {}, {});
  m_runtime[t.id].reply = reply;
  connect(reply, &QNetworkReply::finished, this, [this, reply, id = t.id] {
    reply->deleteLater();
    if (!m_transfers.contains(id)) return;
    Transfer& cur = m_transfers[id];
    if (cur.state != Transfer::State::Running) return;  // paused, cancelled or offline meanwhile
    const ApiReply r = ApiClient::readReply(reply);
    if (r.pinMismatch) return fail(cur, tr("The server's certificate has changed; sign in again to check it."));
    if (r.status == 200) {
      const qint64 offset = headerNumber(reply, "Upload-Offset", 0);
      const qint64 length = headerNumber(reply, "Upload-Length", -1);
      if (reply->rawHeader("Upload-Complete") == "?1" && length == cur.size) return finishUpload(cur);  // already there
      // Every byte there but never recorded: send the last one again, which completes it.
      cur.done = length == cur.size ? std::min(offset, std::max<qint64>(0, cur.size - 1)) : 0;
    } else if (r.status == 404) {
      cur.done = 0;
    } else if (r.status == 401) {
      return fail(cur, tr("Sign in again to continue this upload."));
    } else {
      return retryLater(cur, r.errorMessage);
    }
    sendChunk(id);
  });
}

void TransferQueue::sendChunk(const QString& id) {
  Transfer& t = m_transfers[id];
  Runtime& rt = m_runtime[id];
  QFile file(t.localPath);
  if (!file.open(QIODevice::ReadOnly)) return fail(t, tr("%1 cannot be read: %2").arg(t.localPath, file.errorString()));
  if (file.size() != t.size) return fail(t, tr("%1 changed while it was being sent; add it again.").arg(t.name));
  const qint64 chunkSize = rt.chunkSize > 0 ? rt.chunkSize : kFirstChunk;
  const qint64 base = t.done;
  QByteArray chunk;
  if (t.size > 0 && (!file.seek(base) || (chunk = file.read(std::min(chunkSize, t.size - base))).isEmpty()))
    return fail(t, tr("%1 cannot be read: %2").arg(t.localPath, file.errorString()));
  QList<QPair<QByteArray, QByteArray>> headers{{"Content-Type", "application/octet-stream"}};
  if (t.size > 0)
    headers.append(qMakePair(QByteArray("Content-Range"),
                             QStringLiteral("bytes %1-%2/%3").arg(base).arg(base + chunk.size() - 1).arg(t.size).toLatin1()));
  QNetworkReply* reply = m_api.sendRaw("PUT", QStringLiteral("/api/v1/blobs/") + t.sha256, chunk, headers);
  rt.reply = reply;
  emit requestSent(id, base);
  QElapsedTimer started;
  started.start();
  auto sent = std::make_shared<qint64>(0);
  connect(reply, &QNetworkReply::uploadProgress, this, [this, id, base, sent](qint64 bytes, qint64) {
    if (!m_transfers.contains(id)) return;
    Transfer& cur = m_transfers[id];
    measure(cur, bytes - *sent);
    *sent = bytes;
    cur.done = std::min(cur.size, base + bytes);
    emit changed(id);
  });
  connect(reply, &QNetworkReply::finished, this, [this, reply, id, started, chunkSize, base] {
    reply->deleteLater();
    if (!m_transfers.contains(id)) return;
    Transfer& cur = m_transfers[id];
    if (cur.state != Transfer::State::Running) return;  // paused, cancelled or offline meanwhile
    const ApiReply r = ApiClient::readReply(reply);
    if (r.pinMismatch) return fail(cur, tr("The server's certificate has changed; sign in again to check it."));
    if (r.status == 200 || r.status == 409) {
      // The server's word on how much it holds, whatever was sent.
      cur.done = headerNumber(reply, "Upload-Offset", base);
      Runtime& runtime = m_runtime[id];
      if (r.status == 200) {
        // Aim for chunks of a few seconds: large on a fast link, small on a poor one.
        const qint64 ms = started.elapsed();
        if (ms < 2000) runtime.chunkSize = std::min(kLargestChunk, chunkSize * 2);
        else if (ms > 8000) runtime.chunkSize = std::max(kSmallestChunk, chunkSize / 2);
      }
      runtime.attempts = 0;
      save(cur);
      return sendChunk(id);
    }
    if (r.status == 201) return finishUpload(cur);
    if (r.status == 401) return fail(cur, tr("Sign in again to continue this upload."));
    if (r.status >= 400 && r.status < 500) {
      cur.done = 0;
      return fail(cur, r.errorMessage);
    }
    retryLater(cur, r.errorMessage);
  });
}

void TransferQueue::finishUpload(Transfer& t) {
  if (!t.then.isEmpty()) {
    QJsonObject data = t.then.value("data").toObject();
    data.insert("blob", t.sha256);  // its size and type are the server's to say
    const bool update = t.then.value("op").toString() == QLatin1String("update");
    if (!m_store.completeTransfer(t.id, t.then.value("collection").toString(),
                                  update ? t.then.value("record_id").toString() : QString(), data))
      return fail(t, tr("%1 is on the server, but its record could not be saved here; try again.").arg(t.name));
  }
  t.state = Transfer::State::Done;
  t.done = t.size;
  t.secondsLeft = 0;
  m_runtime.remove(t.id);
  save(t);
  emit finished(t.id, t.localPath);
  pump();
}

// The part on disk holds whole sealed blocks only (file_cipher.h): bytes that arrived but do not
// yet fill a block wait in memory, and a download that stops goes on from the last whole block.
struct TransferQueue::PartWriter {
  QFile file;
  QByteArray header;
  QByteArray pending;
  quint32 next = 0;
};

void TransferQueue::startDownload(Transfer& t) {
  if (!m_cipher.valid())
    return fail(t, tr("Files cannot be kept on this computer: its keychain is not available."));
  auto part = std::make_shared<PartWriter>();
  part->file.setFileName(partOf(t));
  const qint64 blocks = FileCipher::completeBlocks(part->file.exists() ? part->file.size() : 0);
  if (!part->file.open(QIODevice::ReadWrite))
    return fail(t, tr("%1 cannot be saved: %2").arg(part->file.fileName(), part->file.errorString()));
  part->header = blocks > 0 ? part->file.read(FileCipher::kHeader) : FileCipher::newHeader();
  part->next = quint32(blocks);
  // A block torn by a crash is dropped; with no whole block, the part starts again.
  if (!part->file.resize(FileCipher::kHeader + blocks * (FileCipher::kBlock + FileCipher::kTag)) ||
      (blocks == 0 && (!part->file.seek(0) || part->file.write(part->header) != FileCipher::kHeader)) ||
      !part->file.seek(part->file.size()))
    return fail(t, tr("%1 cannot be saved: %2").arg(part->file.fileName(), part->file.errorString()));
  t.done = blocks * FileCipher::kBlock;
  QList<QPair<QByteArray, QByteArray>> headers;
  if (t.done > 0) headers.append(qMakePair(QByteArray("Range"), "bytes=" + QByteArray::number(t.done) + "-"));
  QNetworkReply* reply = m_api.sendRaw("GET", QStringLiteral("/api/v1/blobs/") + t.sha256, {}, headers);
  m_runtime[t.id].reply = reply;
  emit requestSent(t.id, t.done);
  auto writeError = std::make_shared<QString>();
  auto firstBytes = std::make_shared<bool>(true);
  const QString id = t.id;
  // Seals and appends every whole block waiting (all of it, at the end of the file).
  auto flush = [this, part, writeError](bool all) {
    while (writeError->isEmpty() && (part->pending.size() >= FileCipher::kBlock || (all && !part->pending.isEmpty()))) {
      const QByteArray block = part->pending.left(FileCipher::kBlock);
      const QByteArray sealed = m_cipher.seal(part->header, part->next++, block);
      if (sealed.isEmpty() || part->file.write(sealed) != sealed.size()) *writeError = part->file.errorString();
      part->pending.remove(0, block.size());
    }
  };
  connect(reply, &QNetworkReply::readyRead, this, [this, reply, part, writeError, firstBytes, flush, id] {
    if (!m_transfers.contains(id) || !writeError->isEmpty()) return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200 && status != 206) return;  // an error's body, read when it finishes
    Transfer& cur = m_transfers[id];
    if (std::exchange(*firstBytes, false) && status == 200 && part->next > 0) {
      // The whole file after all, not the rest of it: start the part again.
      part->header = FileCipher::newHeader();
      part->next = 0;
      part->pending.clear();
      if (!part->file.resize(0) || !part->file.seek(0) || part->file.write(part->header) != FileCipher::kHeader)
        *writeError = part->file.errorString();
      cur.done = 0;
    }
    const QByteArray bytes = reply->readAll();
    part->pending += bytes;
    flush(false);
    if (!writeError->isEmpty()) return reply->abort();
    measure(cur, bytes.size());
    cur.done += bytes.size();
    emit changed(id);
  });
  connect(reply, &QNetworkReply::finished, this, [this, reply, part, writeError, flush, id] {
    reply->deleteLater();
    if (!m_transfers.contains(id)) return;
    Transfer& cur = m_transfers[id];
    if (cur.state != Transfer::State::Running) return;
    const ApiReply r = ApiClient::readReply(reply);
    const bool complete = writeError->isEmpty() && reply->error() == QNetworkReply::NoError &&
                          (r.status == 200 || r.status == 206);
    if (complete) flush(true);  // the last, short block
    part->file.close();
    if (!writeError->isEmpty()) return fail(cur, tr("%1 cannot be saved: %2").arg(cur.name, *writeError));
    if (r.pinMismatch) return fail(cur, tr("The server's certificate has changed; sign in again to check it."));
    if (r.status == 416) {
      // Nothing after what we hold: every byte may be here already (a file of whole blocks whose
      // check was cut off), or what we hold was not a start of this file. The check tells.
      if (part->next > 0) return verifyDownload(id, true);
      QFile::remove(partOf(cur));
      cur.done = 0;
      return retryLater(cur, tr("starting again"));
    }
    if (r.status == 404) return fail(cur, tr("This file is no longer available to you."));
    if (r.status == 401) return fail(cur, tr("Sign in again to continue this download."));
    if (!complete) return retryLater(cur, r.errorMessage);
    verifyDownload(id);
  });
}

// The whole file is opened and hashed on a worker thread: a large download never freezes the
// window, and a block changed on disk is found as surely as bytes damaged in transit.
void TransferQueue::verifyDownload(const QString& id, bool heldAlready) {
  const QString part = partOf(m_transfers[id]);
  auto* watcher = new QFutureWatcher<QString>(this);
  connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, id, part, heldAlready] {
    watcher->deleteLater();
    if (!m_transfers.contains(id)) return;
    Transfer& t = m_transfers[id];
    if (t.state != Transfer::State::Running) return;
    if (watcher->result() != t.sha256) {
      QFile::remove(part);
      t.done = 0;
      if (heldAlready) return retryLater(t, tr("starting again"));  // not this file's start: fetch it whole
      return fail(t, tr("%1 arrived damaged; download it again.").arg(t.name));
    }
    QFile::remove(t.localPath);
    if (!QFile::rename(part, t.localPath)) return fail(t, tr("%1 cannot be saved in %2.").arg(t.name, m_cacheDir));
    evict(t.localPath);
    t.state = Transfer::State::Done;
    t.done = t.size;
    t.secondsLeft = 0;
    m_runtime.remove(id);
    save(t);
    emit finished(id, t.localPath);
    pump();
  });
  watcher->setFuture(QtConcurrent::run([cipher = m_cipher, part] {
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!cipher.decrypt(part, [&](const QByteArray& plain) { hash.addData(plain); }, nullptr)) return QString();
    return QString::fromLatin1(hash.result().toHex());
  }));
}

bool TransferQueue::exportFile(const QString& sha256, const QString& target, QString* error) const {
  return exporter(sha256, target)(error);
}

std::function<bool(QString*)> TransferQueue::exporter(const QString& sha256, const QString& target) const {
  return [cipher = m_cipher, cached = cachedFile(sha256), sha256, target](QString* error) {
    if (cached.isEmpty()) {
      if (error) *error = tr("The file is not on this computer.");
      return false;
    }
    bool damaged = false;
    if (cipher.decryptTo(cached, target, error, sha256, &damaged)) return true;
    // Changed, cut short or torn on disk: never handed out, and removed, so that the next open
    // downloads it anew instead of failing the same way until the cache evicts it.
    if (damaged && error)
      *error = QFile::remove(cached)
                   ? tr("The copy kept on this computer was damaged and has been removed; open it again to download it anew.")
                   : tr("The copy kept on this computer was damaged and could not be removed: %1").arg(cached);
    return false;
  };
}

void TransferQueue::retryLater(Transfer& t, const QString& reason) {
  Runtime& rt = m_runtime[t.id];
  t.state = Transfer::State::Waiting;
  t.error = reason;
  t.bytesPerSecond = 0;
  t.secondsLeft = -1;
  const int seconds = std::min(60, 1 << std::min(++rt.attempts, 6));
  rt.retryAt = QDateTime::currentDateTimeUtc().addSecs(seconds);
  save(t);
  if (!m_retry->isActive() || m_retry->remainingTime() > seconds * 1000) m_retry->start(seconds * 1000);
  pump();
}

void TransferQueue::fail(Transfer& t, const QString& message) {
  t.state = Transfer::State::Failed;
  t.error = message;
  t.bytesPerSecond = 0;
  t.secondsLeft = -1;
  save(t);
  emit failed(t.id, message);
  pump();
}

// Rates over samples of at least a quarter second, smoothed.
void TransferQueue::measure(Transfer& t, qint64 bytes) {
  Runtime& rt = m_runtime[t.id];
  if (!rt.sampleClock.isValid()) {
    rt.sampleClock.start();
    rt.sampleBytes = 0;
  }
  rt.sampleBytes += std::max<qint64>(0, bytes);
  const qint64 ns = rt.sampleClock.nsecsElapsed();
  if (ns < 250'000'000) return;
  const double rate = double(rt.sampleBytes) * 1e9 / double(ns);
  t.bytesPerSecond = t.bytesPerSecond <= 0 ? rate : 0.7 * t.bytesPerSecond + 0.3 * rate;
  t.secondsLeft = t.bytesPerSecond > 0 ? qint64(double(t.size - t.done) / t.bytesPerSecond) : -1;
  rt.sampleClock.restart();
  rt.sampleBytes = 0;
}

// Ends what is in flight for a transfer; its finished handler sees the new state and stands down.
void TransferQueue::stopRequest(const QString& id) {
  auto it = m_runtime.find(id);
  if (it == m_runtime.end()) return;
  if (it->cancelHash) *it->cancelHash = true;
  if (it->reply) it->reply->abort();
}

void TransferQueue::pause(const QString& id) {
  if (!m_transfers.contains(id)) return;
  Transfer& t = m_transfers[id];
  if (t.state == Transfer::State::Done || t.state == Transfer::State::Failed) return;
  t.state = Transfer::State::Paused;
  t.bytesPerSecond = 0;
  t.secondsLeft = -1;
  stopRequest(id);
  save(t);
  pump();
}

void TransferQueue::resume(const QString& id) {
  if (!m_transfers.contains(id)) return;
  Transfer& t = m_transfers[id];
  if (t.state != Transfer::State::Paused && t.state != Transfer::State::Failed && t.state != Transfer::State::Waiting) return;
  t.error.clear();
  if (t.kind == Transfer::Kind::Upload && t.sha256.isEmpty()) return startHashing(t);
  t.state = Transfer::State::Queued;
  save(t);
  pump();
}

void TransferQueue::cancel(const QString& id) {
  if (!m_transfers.contains(id)) return;
  m_transfers[id].state = Transfer::State::Paused;  // handlers of what is in flight stand down
  stopRequest(id);
  const Transfer t = m_transfers.take(id);
  m_runtime.remove(id);
  m_order.removeAll(id);
  m_store.removeTransfer(id);
  if (t.kind == Transfer::Kind::Download) QFile::remove(partOf(t));
  emit changed(id);
  pump();
}

void TransferQueue::setOnline(bool online) {
  if (online == m_online) return;
  m_online = online;
  for (auto& t : m_transfers) {
    if (!online && t.state == Transfer::State::Running) {
      t.state = Transfer::State::Waiting;
      t.error = tr("waiting for the network");
      m_runtime[t.id].retryAt = {};  // back when the network is
      stopRequest(t.id);
      save(t);
    } else if (online && t.state == Transfer::State::Waiting) {
      t.state = Transfer::State::Queued;
      save(t);
    }
  }
  pump();
}

QList<Transfer> TransferQueue::transfers() const {
  QList<Transfer> out;
  for (const auto& id : m_order) out << m_transfers.value(id);
  return out;
}

qint64 TransferQueue::totalBytes() const {
  qint64 n = 0;
  for (const auto& t : m_transfers)
    if (t.state != Transfer::State::Done && t.state != Transfer::State::Hashing) n += t.size;
  return n;
}

qint64 TransferQueue::doneBytes() const {
  qint64 n = 0;
  for (const auto& t : m_transfers)
    if (t.state != Transfer::State::Done && t.state != Transfer::State::Hashing) n += t.done;
  return n;
}

QString TransferQueue::cachedFile(const QString& sha256) const {
  const QString path = m_cacheDir + QLatin1Char('/') + sha256;
  return isSha256(sha256) && QFileInfo::exists(path) ? path : QString();
}

void TransferQueue::touch(const QString& path) const {
  QFile f(path);
  if (f.open(QIODevice::ReadWrite)) f.setFileTime(QDateTime::currentDateTimeUtc(), QFileDevice::FileModificationTime);
}

// Least recently used first, beyond the limit; never the file just finished, never a part.
void TransferQueue::evict(const QString& keep) {
  touch(keep);
  qint64 total = 0;
  for (const auto& f : QDir(m_cacheDir).entryInfoList(QDir::Files, QDir::Time)) {  // newest first
    if (f.fileName().endsWith(QLatin1String(".part"))) continue;
    total += f.size();
    if (total > m_cacheLimit && f.absoluteFilePath() != QFileInfo(keep).absoluteFilePath())
      QFile::remove(f.absoluteFilePath());
  }
}

void TransferQueue::clear(bool removeFolder) {
  for (auto& t : m_transfers) t.state = Transfer::State::Paused;  // in-flight handlers stand down
  for (const auto& id : m_order) {
    stopRequest(id);
    m_store.removeTransfer(id);
  }
  m_transfers.clear();
  m_runtime.clear();
  m_order.clear();
  QDir(m_cacheDir).removeRecursively();
  if (!removeFolder) QDir().mkpath(m_cacheDir);
}

QString TransferQueue::sha256OfFile(const QString& path, const std::function<void(qint64)>& progress,
                                    const std::atomic<bool>* cancel) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  QCryptographicHash hash(QCryptographicHash::Sha256);
  QByteArray buffer;
  qint64 done = 0;
  while (!file.atEnd()) {
    if (cancel && *cancel) return {};
    buffer = file.read(4 << 20);
    if (buffer.isEmpty() && file.error() != QFileDevice::NoError) return {};
    hash.addData(buffer);
    done += buffer.size();
    if (progress) progress(done);
  }
  return QString::fromLatin1(hash.result().toHex());
}

}  // namespace kete::app
