#pragma once
// The app's offline cache (Qt Sql, SQLite): records with the buckets they came in, the sync
// cursors and epoch, and the outbox of changes not yet acknowledged by the server. Pages read
// from here, never from the network.
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QSqlDatabase>
#include <QString>

namespace kete::app {

struct OutboxEntry {
  qint64 seq = 0;
  QString mutationId;
  QString collection;
  QString op;  // create | update | delete
  QString recordId;
  qint64 baseVersion = 0;
  QJsonObject data;
  QString state;  // pending | conflict | rejected
  QString error;
  QJsonObject current;  // the server's record, for a conflict
  QJsonObject toMutation() const;
};

// What a page lists: one collection, ordered by a text field, narrowed by client, by a folder
// (and the folders under it) and by words. Built into one SQL query, so a page of the answer
// costs its own size, not the size of the cache.
struct RecordQuery {
  QString collection;
  QString orderField;
  bool descending = false;
  QString tenantId;   // data.tenant_id equal to this, when set
  QString pathField;  // with `path`: data.<pathField> equal to path or under it ("2026" holds "2026/GST")
  QString path;
  QString words;      // every word, as a prefix, somewhere in the record's text
  bool operator==(const RecordQuery&) const = default;
};

class LocalStore {
 public:
  LocalStore();
  ~LocalStore();
  LocalStore(const LocalStore&) = delete;
  LocalStore& operator=(const LocalStore&) = delete;

  // Opens (creating and migrating) the cache file; false with the reason in *error.
  bool open(const QString& path, QString* error);
  void close();
  // Closes and deletes the cache file (sign-out on a shared computer).
  bool purge();
  const QString& path() const { return m_path; }

  // Sync state.
  QJsonObject cursors() const;
  QString epoch() const;
  // Applies one pull answer in one transaction. An answer from a new epoch was computed from
  // cursors that no longer mean anything: then everything but the outbox is dropped, nothing of
  // the answer is applied, and *restart tells the caller to pull again from zero.
  bool applyPull(const QJsonObject& answer, bool* restart = nullptr);

  // Local changes: applied to the cache at once and queued for the server.
  // A new record; `id` when the caller must choose it (an import that must not be made twice),
  // else a random one. Empty when it could not be written (or that id is already here).
  QString create(const QString& collection, const QJsonObject& data, const QString& id = {});
  bool update(const QString& collection, const QString& id, const QJsonObject& patch);
  bool remove(const QString& collection, const QString& id);

  QList<OutboxEntry> pending(int limit) const;
  QList<OutboxEntry> problems() const;  // conflicts and rejections waiting for the person
  int pendingCount() const;
  // Applies the server's per-mutation results; true when every entry was accounted for.
  bool applyPushResults(const QJsonArray& results);
  // Resolves a conflict: keep mine (re-queue against the server's version) or take theirs.
  bool resolveConflict(const QString& mutationId, bool keepMine);
  // Any problem: a conflict as above; a refused change is sent again, or discarded (the record
  // is then fetched afresh from the server).
  bool resolveProblem(const QString& mutationId, bool keepMine);

  // Reading for pages.
  QJsonObject record(const QString& id) const;  // {"id","collection","version","data"} or empty
  // One page of a collection ordered by a text field (in SQL, so a page costs its own size).
  QList<QJsonObject> page(const QString& collection, const QString& orderField, int offset, int limit) const;
  QList<QJsonObject> page(const RecordQuery& query, int offset, int limit) const;
  // The distinct values of one text field over a collection (one client's, when given): folders.
  QStringList distinctValues(const QString& collection, const QString& field, const QString& tenantId = {}) const;
  int recordCount() const;
  // Every record of a collection, or only one client's (data.tenant_id) when tenantId is given;
  // for the client pages, whose lists are one company's worth.
  QList<QJsonObject> records(const QString& collection, const QString& tenantId = {}) const;
  // Records with a change still waiting in the outbox: shown as "not sent yet".
  QSet<QString> unsentRecordIds() const;

  // Small values kept with the cache (what was last read, the last client list), gone with it.
  QString value(const QString& key) const;
  bool setValue(const QString& key, const QString& value);
  // Records whose text matches every word (as a prefix), best first; works offline.
  QList<QJsonObject> search(const QString& words, int limit = 50) const;

  // File transfers in progress, as TransferQueue describes them (kept across restarts).
  bool saveTransfer(const QString& id, const QJsonObject& state);
  bool removeTransfer(const QString& id);
  // A finished upload's record change (create when recordId is empty, else a patch of it) and
  // the transfer's removal, in one transaction: never lost, never made twice.
  bool completeTransfer(const QString& id, const QString& collection, const QString& recordId, const QJsonObject& data);
  QList<QJsonObject> transfers() const;

 private:
  QString createInTransaction(const QString& collection, const QJsonObject& data, const QString& id = {});
  bool updateInTransaction(const QString& collection, const QString& id, const QJsonObject& patch);
  bool migrate(QString* error);
  bool exec(const QString& sql) const;
  bool enqueue(const QString& collection, const QString& op, const QString& id, qint64 baseVersion,
               const QJsonObject& data);
  void dropOrphans();                               // whole cache (after a reset)
  void dropOrphans(const QStringList& candidates);  // just these records, if nothing holds them
  void index(const QString& id, const QString& collection, const QJsonObject& data);

  QString m_connection;
  QString m_path;
};

}  // namespace kete::app
