#pragma once
// File uploads and downloads in the background (DESIGN.md §6): chunked and resumable, with
// progress per file and in total, pause and resume, kept in the offline cache so that they go
// on after the app restarts or the network comes back, and checked against their SHA-256.
//
// An upload may carry a record change to make once the file is on the server (for instance the
// document that refers to it); it goes to the outbox only then, so the server never sees a record
// pointing at a file it does not have.
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <memory>

class QNetworkReply;
class QTimer;

namespace kete::app {

class ApiClient;
class LocalStore;

struct Transfer {
  enum class Kind { Upload, Download };
  enum class State { Hashing, Queued, Running, Paused, Waiting, Failed, Done };
  QString id;
  Kind kind = Kind::Upload;
  State state = State::Queued;
  QString name;       // what the person sees (the file's name)
  QString localPath;  // upload: the file read; download: where it is written
  QString sha256;
  qint64 size = 0;
  qint64 done = 0;
  QString error;
  QJsonObject then;  // upload: {"collection","op","record_id","data"} applied once the file is up
  double bytesPerSecond = 0;
  qint64 secondsLeft = -1;  // -1: not known yet
};

class TransferQueue : public QObject {
  Q_OBJECT
 public:
  // cacheDir: where downloaded files are kept for offline opening (evicted beyond cacheLimit bytes).
  TransferQueue(ApiClient& api, LocalStore& store, QString cacheDir, QObject* parent = nullptr);
  ~TransferQueue() override;

  // Hashes the file (without loading it whole), then uploads it; returns the transfer's id.
  QString upload(const QString& filePath, const QJsonObject& then = {});
  // Fetches a blob into the download cache; finished() names the local file. A file already
  // cached and intact finishes at once.
  QString download(const QString& sha256, qint64 size, const QString& name);

  void pause(const QString& id);
  void resume(const QString& id);
  void cancel(const QString& id);
  void setOnline(bool online);  // offline: running transfers wait; online again: they go on

  QList<Transfer> transfers() const;
  Transfer transfer(const QString& id) const { return m_transfers.value(id); }
  qint64 totalBytes() const;
  qint64 doneBytes() const;

  // The cached copy of a blob, verified when it was downloaded; empty when not cached.
  QString cachedFile(const QString& sha256) const;
  void setCacheLimit(qint64 bytes) { m_cacheLimit = bytes; }
  // Sign-out: every cached file and every unfinished transfer goes (removeFolder: the cache
  // folder itself too, for good).
  void clear(bool removeFolder = false);
  QString cacheFolder() const { return m_cacheDir; }

  static QString sha256OfFile(const QString& path, qint64* size = nullptr);

 signals:
  void changed(const QString& id);
  void finished(const QString& id, const QString& localPath);
  void failed(const QString& id, const QString& message);

 private:
  void load();
  void save(const Transfer& t);
  void pump();  // starts what may run
  void startUpload(Transfer& t);
  void sendChunk(const QString& id);
  void startDownload(Transfer& t);
  void hashNext(const QString& id);
  void finishUpload(Transfer& t);
  void finishDownload(Transfer& t);
  void retryLater(Transfer& t, const QString& reason);
  void fail(Transfer& t, const QString& message);
  void evict();
  void measure(Transfer& t, qint64 bytes);

  ApiClient& m_api;
  LocalStore& m_store;
  QString m_cacheDir;
  qint64 m_cacheLimit = 2LL * 1024 * 1024 * 1024;
  bool m_online = true;
  QHash<QString, Transfer> m_transfers;
  QList<QString> m_order;
  QHash<QString, QPointer<QNetworkReply>> m_replies;
  QHash<QString, qint64> m_chunkSize;   // per upload: grows on a fast link, shrinks on a slow one
  QHash<QString, int> m_attempts;
  QHash<QString, QElapsedTimer> m_clocks;
  QHash<QString, std::shared_ptr<QCryptographicHash>> m_hashers;  // while hashing a file to upload
  QTimer* m_retry;
  int m_running = 0;
  static constexpr int kParallel = 2;
};

}  // namespace kete::app
