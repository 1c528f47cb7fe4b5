#include "transfer/transfer_queue.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QTimer>
#include <QUuid>
#include <algorithm>

#include "net/api_client.h"
#include "store/local_store.h"

namespace kete::app {
namespace {

constexpr qint64 kFirstChunk = 1 << 20;
constexpr qint64 kSmallestChunk = 256 << 10;
constexpr qint64 kLargestChunk = 8 << 20;  // the server accepts 16 MiB per request
constexpr qint64 kHashStep = 8 << 20;

QString kindText(Transfer::Kind k) { return k == Transfer::Kind::Upload ? QStringLiteral("upload") : QStringLiteral("download"); }

QString stateText(Transfer::State s) {
  switch (s) {
    case Transfer::State::Hashing: return QStringLiteral("hashing");
    case Transfer::State::Queued: return QStringLiteral("queued");
    case Transfer::State::Running: return QStringLiteral("running");
    case Transfer::State::Paused: return QStringLiteral("paused");
    case Transfer::State::Waiting: return QStringLiteral("waiting");
    case Transfer::State::Failed: return QStringLiteral("failed");
    case Transfer::State::Done: return QStringLiteral("done");
  }
  return {};
}

Transfer::State stateFrom(const QString& s) {
  for (auto st : {Transfer::State::Hashing, Transfer::State::Queued, Transfer::State::Running, Transfer::State::Paused,
                  Transfer::State::Waiting, Transfer::State::Failed, Transfer::State::Done})
    if (stateText(st) == s) return st;
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

qint64 headerNumber(QNetworkReply* reply, const char* name, qint64 fallback) {
  bool ok = false;
  const qint64 v = reply->rawHeader(name).toLongLong(&ok);
  return ok ? v : fallback;
}

QString serverMessage(QNetworkReply* reply, const QByteArray& body) {
  const auto message = QJsonDocument::fromJson(body).object().value("error").toObject().value("message").toString();
  return message.isEmpty() ? reply->errorString() : message;
}

}  // namespace

TransferQueue::TransferQueue(ApiClient& api, LocalStore& store, QString cacheDir, QObject* parent)
    : QObject(parent), m_api(api), m_store(store), m_cacheDir(std::move(cacheDir)), m_retry(new QTimer(this)) {
  QDir().mkpath(m_cacheDir);
  m_retry->setSingleShot(true);
  connect(m_retry, &QTimer::timeout, this, [this] {
    for (auto& t : m_transfers)
      if (t.state == Transfer::State::Waiting && m_online) t.state = Transfer::State::Queued;
    pump();
  });
  load();
}

TransferQueue::~TransferQueue() {
  for (const auto& reply : std::as_const(m_replies))
    if (reply) {
      reply->disconnect(this);
      reply->abort();
      reply->deleteLater();
    }
}

void TransferQueue::load() {
  for (const auto& row : m_store.transfers()) {
    Transfer t = fromJson(row);
    if (t.id.isEmpty()) continue;
    if (t.state == Transfer::State::Running || t.state == Transfer::State::Waiting) t.state = Transfer::State::Queued;
    if (t.state == Transfer::State::Hashing) t.done = 0;
    m_transfers.insert(t.id, t);
    m_order << t.id;
    if (t.state == Transfer::State::Hashing) QTimer::singleShot(0, this, [this, id = t.id] { hashNext(id); });
  }
  QTimer::singleShot(0, this, [this] { pump(); });
}

void TransferQueue::save(const Transfer& t) {
  if (t.state == Transfer::State::Done) m_store.removeTransfer(t.id);
  else m_store.saveTransfer(t.id, toJson(t));
  emit changed(t.id);
}

QString TransferQueue::upload(const QString& filePath, const QJsonObject& then) {
  Transfer t;
  t.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
  t.kind = Transfer::Kind::Upload;
  t.state = Transfer::State::Hashing;
  t.name = QFileInfo(filePath).fileName();
  t.localPath = QFileInfo(filePath).absoluteFilePath();
  t.size = QFileInfo(filePath).size();
  t.then = then;
  m_transfers.insert(t.id, t);
  m_order << t.id;
  save(t);
  QTimer::singleShot(0, this, [this, id = t.id] { hashNext(id); });
  return t.id;
}

// A step of hashing at a time, so a large file never blocks the window.
void TransferQueue::hashNext(const QString& id) {
  if (!m_transfers.contains(id)) return;
  Transfer& t = m_transfers[id];
  if (t.state != Transfer::State::Hashing) return;
  auto& hasher = m_hashers[id];
  if (!hasher || t.done == 0) hasher = std::make_shared<QCryptographicHash>(QCryptographicHash::Sha256);
  QFile file(t.localPath);
  if (!file.open(QIODevice::ReadOnly) || !file.seek(t.done)) {
    m_hashers.remove(id);
    return fail(t, tr("%1 cannot be read: %2").arg(t.localPath, file.errorString()));
  }
  const QByteArray chunk = file.read(kHashStep);
  hasher->addData(chunk);
  t.done += chunk.size();
  if (t.done < t.size && !chunk.isEmpty()) {
    emit changed(id);
    QTimer::singleShot(0, this, [this, id] { hashNext(id); });
    return;
  }
  t.sha256 = QString::fromLatin1(hasher->result().toHex());
  m_hashers.remove(id);
  t.size = t.done;
  t.done = 0;
  t.state = Transfer::State::Queued;
  save(t);
  pump();
}

QString TransferQueue::download(const QString& sha256, qint64 size, const QString& name) {
  Transfer t;
  t.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
  t.kind = Transfer::Kind::Download;
  t.name = name;
  t.sha256 = sha256;
  t.size = size;
  t.localPath = m_cacheDir + QLatin1Char('/') + sha256;
  if (!cachedFile(sha256).isEmpty()) {
    t.state = Transfer::State::Done;
    t.done = size;
    m_transfers.insert(t.id, t);
    m_order << t.id;
    QFile(t.localPath).open(QIODevice::Append);  // touch: most recently used
    QTimer::singleShot(0, this, [this, id = t.id, path = t.localPath] { emit finished(id, path); });
    return t.id;
  }
  t.state = Transfer::State::Queued;
  m_transfers.insert(t.id, t);
  m_order << t.id;
  save(t);
  pump();
  return t.id;
}

void TransferQueue::pump() {
  if (!m_online) return;
  for (const auto& id : std::as_const(m_order)) {
    if (m_running >= kParallel) return;
    Transfer& cur = m_transfers[id];
    if (cur.state != Transfer::State::Queued) continue;
    cur.state = Transfer::State::Running;
    cur.error.clear();
    ++m_running;
    m_clocks[id].start();
    if (cur.kind == Transfer::Kind::Upload) startUpload(cur);
    else startDownload(cur);
    emit changed(id);
  }
}

void TransferQueue::startUpload(Transfer& t) {
  // Ask how much of it the server already has (after a restart, a lost connection, ...).
  QNetworkReply* reply = m_api.sendRaw("HEAD", QStringLiteral("/api/v1/blobs/") + t.sha256, {}, {});
  m_replies[t.id] = reply;
  connect(reply, &QNetworkReply::finished, this, [this, reply, id = t.id] {
    reply->deleteLater();
    m_replies.remove(id);
    if (!m_transfers.contains(id)) return;
    Transfer& cur = m_transfers[id];
    if (cur.state != Transfer::State::Running) return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 200) {
      const qint64 offset = headerNumber(reply, "Upload-Offset", 0);
      const qint64 length = headerNumber(reply, "Upload-Length", -1);
      if (length == cur.size && offset == cur.size) return finishUpload(cur);  // already there and readable
      cur.done = length == cur.size ? offset : 0;
    } else if (status == 404) {
      cur.done = 0;
    } else if (status == 401) {
      return fail(cur, tr("Sign in again to continue this upload."));
    } else {
      return retryLater(cur, reply->errorString());
    }
    sendChunk(id);
  });
}

void TransferQueue::sendChunk(const QString& id) {
  Transfer& t = m_transfers[id];
  QFile file(t.localPath);
  if (!file.open(QIODevice::ReadOnly)) return fail(t, tr("%1 cannot be read: %2").arg(t.localPath, file.errorString()));
  if (file.size() != t.size) return fail(t, tr("%1 changed while it was being sent; add it again.").arg(t.name));
  const qint64 chunkSize = m_chunkSize.value(id, kFirstChunk);
  file.seek(t.done);
  const QByteArray chunk = file.read(std::min(chunkSize, t.size - t.done));
  QList<QPair<QByteArray, QByteArray>> headers{{"Content-Type", "application/octet-stream"}};
  if (t.size > 0)
    headers.append(qMakePair(QByteArray("Content-Range"), QStringLiteral("bytes %1-%2/%3").arg(t.done).arg(t.done + chunk.size() - 1).arg(t.size).toLatin1()));
  QNetworkReply* reply = m_api.sendRaw("PUT", QStringLiteral("/api/v1/blobs/") + t.sha256, chunk, headers);
  m_replies[id] = reply;
  auto started = std::make_shared<QElapsedTimer>();
  started->start();
  const qint64 base = t.done;
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
    m_replies.remove(id);
    if (!m_transfers.contains(id)) return;
    Transfer& cur = m_transfers[id];
    if (cur.state != Transfer::State::Running) return;  // paused, cancelled or offline meanwhile
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    if (status == 200 || status == 409) {
      // The server's word on how much it holds, whatever was sent.
      cur.done = headerNumber(reply, "Upload-Offset", base);
      if (status == 200) {
        // Aim for chunks of a few seconds: large on a fast link, small on a poor one.
        const qint64 ms = started->elapsed();
        if (ms < 2000) m_chunkSize[id] = std::min(kLargestChunk, chunkSize * 2);
        else if (ms > 8000) m_chunkSize[id] = std::max(kSmallestChunk, chunkSize / 2);
      }
      m_attempts.remove(id);
      save(cur);
      return sendChunk(id);
    }
    if (status == 201) return finishUpload(cur);
    if (status == 401) return fail(cur, tr("Sign in again to continue this upload."));
    if (status >= 400 && status < 500) {
      cur.done = 0;
      return fail(cur, serverMessage(reply, body));
    }
    retryLater(cur, status ? serverMessage(reply, body) : reply->errorString());
  });
}

void TransferQueue::finishUpload(Transfer& t) {
  --m_running;
  t.state = Transfer::State::Done;
  t.done = t.size;
  t.secondsLeft = 0;
  m_attempts.remove(t.id);
  m_chunkSize.remove(t.id);
  if (!t.then.isEmpty()) {
    QJsonObject data = t.then.value("data").toObject();
    data.insert("blob", t.sha256);
    data.insert("size", t.size);
    const QString collection = t.then.value("collection").toString();
    if (t.then.value("op").toString() == QLatin1String("update"))
      m_store.update(collection, t.then.value("record_id").toString(), data);
    else
      m_store.create(collection, data);
  }
  save(t);
  emit finished(t.id, t.localPath);
  pump();
}

void TransferQueue::startDownload(Transfer& t) {
  const QString part = t.localPath + QStringLiteral(".part");
  t.done = QFileInfo(part).size();
  QList<QPair<QByteArray, QByteArray>> headers;
  if (t.done > 0) headers.append(qMakePair(QByteArray("Range"), "bytes=" + QByteArray::number(t.done) + "-"));
  QNetworkReply* reply = m_api.sendRaw("GET", QStringLiteral("/api/v1/blobs/") + t.sha256, {}, headers);
  m_replies[t.id] = reply;
  auto file = std::make_shared<QFile>(part);
  auto status = std::make_shared<int>(0);
  const QString id = t.id;
  connect(reply, &QNetworkReply::readyRead, this, [this, reply, file, status, id] {
    if (!m_transfers.contains(id)) return;
    Transfer& cur = m_transfers[id];
    if (*status == 0) {
      *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
      if (*status != 200 && *status != 206) return;
      // 200: the whole file (the server ignored our range): start the part again.
      if (!file->open(*status == 200 ? (QIODevice::WriteOnly | QIODevice::Truncate) : QIODevice::Append)) return;
      if (*status == 200) cur.done = 0;
    }
    if (!file->isOpen()) return;
    const QByteArray bytes = reply->readAll();
    file->write(bytes);
    measure(cur, bytes.size());
    cur.done += bytes.size();
    emit changed(id);
  });
  connect(reply, &QNetworkReply::finished, this, [this, reply, file, id, part] {
    reply->deleteLater();
    m_replies.remove(id);
    file->close();
    if (!m_transfers.contains(id)) return;
    Transfer& cur = m_transfers[id];
    if (cur.state != Transfer::State::Running) return;
    const int code = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (code == 416) {
      QFile::remove(part);  // what we held was not a start of this file: fetch it whole
      cur.done = 0;
      return retryLater(cur, tr("starting again"));
    }
    if (code == 404) return fail(cur, tr("This file is no longer available to you."));
    if (code == 401) return fail(cur, tr("Sign in again to continue this download."));
    if (reply->error() != QNetworkReply::NoError || (code != 200 && code != 206))
      return retryLater(cur, reply->errorString());
    finishDownload(cur);
  });
}

void TransferQueue::finishDownload(Transfer& t) {
  --m_running;
  const QString part = t.localPath + QStringLiteral(".part");
  if (sha256OfFile(part) != t.sha256) {
    QFile::remove(part);
    t.done = 0;
    ++m_running;  // fail() counts it back
    return fail(t, tr("%1 arrived damaged; download it again.").arg(t.name));
  }
  QFile::remove(t.localPath);
  QFile::rename(part, t.localPath);
  t.state = Transfer::State::Done;
  t.done = t.size;
  t.secondsLeft = 0;
  m_attempts.remove(t.id);
  save(t);
  emit finished(t.id, t.localPath);
  evict();
  pump();
}

void TransferQueue::retryLater(Transfer& t, const QString& reason) {
  --m_running;
  t.state = Transfer::State::Waiting;
  t.error = reason;
  t.bytesPerSecond = 0;
  t.secondsLeft = -1;
  const int attempt = ++m_attempts[t.id];
  save(t);
  const int seconds = std::min(60, 1 << std::min(attempt, 6));
  if (!m_retry->isActive() || m_retry->remainingTime() > seconds * 1000) m_retry->start(seconds * 1000);
  pump();
}

void TransferQueue::fail(Transfer& t, const QString& message) {
  if (t.state == Transfer::State::Running) --m_running;
  t.state = Transfer::State::Failed;
  t.error = message;
  t.bytesPerSecond = 0;
  t.secondsLeft = -1;
  save(t);
  emit failed(t.id, message);
  pump();
}

void TransferQueue::measure(Transfer& t, qint64 bytes) {
  auto& clock = m_clocks[t.id];
  const qint64 ms = clock.isValid() ? clock.restart() : 0;
  if (!clock.isValid()) clock.start();
  if (ms <= 0 || bytes <= 0) return;
  const double rate = double(bytes) * 1000.0 / double(ms);
  t.bytesPerSecond = t.bytesPerSecond <= 0 ? rate : 0.8 * t.bytesPerSecond + 0.2 * rate;
  t.secondsLeft = t.bytesPerSecond > 0 ? qint64(double(t.size - t.done) / t.bytesPerSecond) : -1;
}

void TransferQueue::pause(const QString& id) {
  if (!m_transfers.contains(id)) return;
  Transfer& t = m_transfers[id];
  if (t.state == Transfer::State::Done || t.state == Transfer::State::Hashing) return;
  const bool wasRunning = t.state == Transfer::State::Running;
  t.state = Transfer::State::Paused;
  t.bytesPerSecond = 0;
  t.secondsLeft = -1;
  if (wasRunning) {
    --m_running;
    if (auto reply = m_replies.take(id)) reply->abort();
  }
  save(t);
  pump();
}

void TransferQueue::resume(const QString& id) {
  if (!m_transfers.contains(id)) return;
  Transfer& t = m_transfers[id];
  if (t.state != Transfer::State::Paused && t.state != Transfer::State::Failed && t.state != Transfer::State::Waiting) return;
  t.state = Transfer::State::Queued;
  t.error.clear();
  save(t);
  pump();
}

void TransferQueue::cancel(const QString& id) {
  pause(id);
  if (!m_transfers.contains(id)) return;
  const Transfer t = m_transfers.take(id);
  m_order.removeAll(id);
  m_store.removeTransfer(id);
  if (t.kind == Transfer::Kind::Download) QFile::remove(t.localPath + QStringLiteral(".part"));
  emit changed(id);
}

void TransferQueue::setOnline(bool online) {
  if (online == m_online) return;
  m_online = online;
  for (auto& t : m_transfers) {
    if (!online && t.state == Transfer::State::Running) {
      --m_running;
      t.state = Transfer::State::Waiting;
      t.error = tr("waiting for the network");
      if (auto reply = m_replies.take(t.id)) reply->abort();
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
    if (t.state != Transfer::State::Done) n += t.size;
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
  return QFileInfo::exists(path) ? path : QString();
}

void TransferQueue::evict() {
  QDir dir(m_cacheDir);
  auto files = dir.entryInfoList(QDir::Files, QDir::Time);  // newest first
  qint64 total = 0;
  for (const auto& f : files) {
    if (f.fileName().endsWith(QLatin1String(".part"))) continue;
    total += f.size();
    if (total > m_cacheLimit) QFile::remove(f.absoluteFilePath());
  }
}

void TransferQueue::clear(bool removeFolder) {
  for (const auto& id : m_order) {
    if (auto reply = m_replies.take(id)) {
      reply->disconnect(this);
      reply->abort();
    }
    m_store.removeTransfer(id);
  }
  m_transfers.clear();
  m_order.clear();
  m_running = 0;
  QDir(m_cacheDir).removeRecursively();
  if (!removeFolder) QDir().mkpath(m_cacheDir);
}

QString TransferQueue::sha256OfFile(const QString& path, qint64* size) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  QCryptographicHash hash(QCryptographicHash::Sha256);
  if (!hash.addData(&file)) return {};
  if (size) *size = file.size();
  return QString::fromLatin1(hash.result().toHex());
}

}  // namespace kete::app
