#pragma once
// File uploads and downloads in the background (DESIGN.md §6): chunked and resumable, with
// progress per file and in total, pause and resume, kept in the offline cache so that they go
// on after the app restarts or the network comes back, and checked against their SHA-256.
//
// An upload may carry a record change to make once the file is on the server (for instance the
// document that refers to it); it goes to the outbox only then, in the same transaction that
// ends the transfer, so the server never sees a record pointing at a file it does not have.
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>

#include "transfer/file_cipher.h"

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
  QString localPath;  // upload: the file read; download: where it is kept once verified
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
  // cacheDir: where downloaded files are kept for offline opening, encrypted with fileKey (32
  // bytes from the OS keychain; without it nothing is downloaded) and evicted beyond cacheLimit.
  TransferQueue(ApiClient& api, LocalStore& store, QString cacheDir, QByteArray fileKey, qint64 cacheLimit = 2LL << 30,
                QObject* parent = nullptr);
  ~TransferQueue() override;

  // Hashes the file on a worker thread (never loading it whole), then uploads it; returns the id.
  QString upload(const QString& filePath, const QJsonObject& then = {});
  // Fetches a blob into the download cache; finished() names the local file. A file already
  // cached finishes at once; a download of the same blob already under way is that transfer.
  QString download(const QString& sha256, qint64 size, const QString& name);

  void pause(const QString& id);
  void resume(const QString& id);
  void cancel(const QString& id);
  void setOnline(bool online);  // offline: running transfers wait; online again: they go on

  QList<Transfer> transfers() const;
  Transfer transfer(const QString& id) const { return m_transfers.value(id); }
  qint64 totalBytes() const;  // of unfinished transfers
  qint64 doneBytes() const;

  // The cached (encrypted) copy of a blob, verified when it was downloaded; empty when not cached.
  QString cachedFile(const QString& sha256) const;
  // Its plain bytes written to `target`. False, with the reason, when it is not cached or was
  // changed on disk (then it is removed, to be downloaded again).
  bool exportFile(const QString& sha256, const QString& target, QString* error) const;
  // The same as a job for a worker thread (the documents page runs it off the window's thread):
  // it takes what it needs now, so the queue may go (sign-out) while the job runs.
  std::function<bool(QString* error)> exporter(const QString& sha256, const QString& target) const;
  QString cacheFolder() const { return m_cacheDir; }
  // Sign-out: every cached file and every unfinished transfer goes (removeFolder: the cache
  // folder itself too).
  void clear(bool removeFolder = false);

  // Hex SHA-256 of a file read in chunks; empty when it cannot be read (or `cancel` became true).
  static QString sha256OfFile(const QString& path, const std::function<void(qint64)>& progress = {},
                              const std::atomic<bool>* cancel = nullptr);

 signals:
  void changed(const QString& id);
  void finished(const QString& id, const QString& localPath);
  void failed(const QString& id, const QString& message);
  // A request for the bytes from `offset` on went out (an upload chunk, or a download).
  void requestSent(const QString& id, qint64 offset);

 private:
  // What a transfer needs only while this app runs.
  struct Runtime {
    QPointer<QNetworkReply> reply;
    qint64 chunkSize = 0;
    int attempts = 0;
    QDateTime retryAt;
    QElapsedTimer sampleClock;
    qint64 sampleBytes = 0;
    std::shared_ptr<std::atomic<bool>> cancelHash;
  };

  struct PartWriter;
  void load();
  void save(const Transfer& t);
  int running() const;
  void pump();
  void startHashing(Transfer& t);
  void startUpload(Transfer& t);
  void sendChunk(const QString& id);
  void startDownload(Transfer& t);
  void finishUpload(Transfer& t);
  // `heldAlready`: the bytes were in the part before this request (which had nothing to add); a
  // mismatch then means the part was not this file's start, and it is fetched whole.
  void verifyDownload(const QString& id, bool heldAlready = false);
  void retryLater(Transfer& t, const QString& reason);
  void fail(Transfer& t, const QString& message);
  void stopRequest(const QString& id);
  void measure(Transfer& t, qint64 bytes);
  void touch(const QString& path) const;
  void evict(const QString& keep);

  ApiClient& m_api;
  LocalStore& m_store;
  QString m_cacheDir;
  FileCipher m_cipher;
  qint64 m_cacheLimit;
  bool m_online = true;
  QHash<QString, Transfer> m_transfers;
  QList<QString> m_order;
  QHash<QString, Runtime> m_runtime;
  QTimer* m_retry;
  static constexpr int kParallel = 2;
};

}  // namespace kete::app
