#include "store/local_store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

namespace kete::app {
namespace {

// Numbered migrations of the cache, recorded in PRAGMA user_version.
const QStringList kMigrations{
    QStringLiteral(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "CREATE TABLE records (id TEXT PRIMARY KEY, collection TEXT NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL);"
        "CREATE INDEX records_collection ON records(collection);"
        "CREATE TABLE memberships (record_id TEXT NOT NULL, bucket TEXT NOT NULL, PRIMARY KEY (record_id, bucket));"
        "CREATE INDEX memberships_bucket ON memberships(bucket);"
        "CREATE TABLE cursors (bucket TEXT PRIMARY KEY, seq INTEGER NOT NULL);"
        "CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, mutation_id TEXT NOT NULL UNIQUE,"
        " collection TEXT NOT NULL, op TEXT NOT NULL, record_id TEXT NOT NULL, base_version INTEGER NOT NULL,"
        " data TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'pending', error TEXT NOT NULL DEFAULT '',"
        " current TEXT NOT NULL DEFAULT '')"),
    // Full-text search over every record's text fields (FTS5, unicode61 without diacritics, so
    // "Maori" finds "Māori").
    // Its rowid is the record's rowid, so every lookup is by key, never a scan.
    QStringLiteral(
        "CREATE VIRTUAL TABLE records_fts USING fts5(collection UNINDEXED, text,"
        " tokenize = 'unicode61 remove_diacritics 2')"),
    // File transfers in progress (TransferQueue), so they survive a restart of the app.
    QStringLiteral("CREATE TABLE transfers (id TEXT PRIMARY KEY, state TEXT NOT NULL)"),
    // Lists ordered by title (most of them) read their first page from this index instead of
    // sorting the whole collection: opening with 100,000 announcements costs a page, not a sort.
    QStringLiteral("CREATE INDEX records_by_title ON records(collection, json_extract(data, '$.title') COLLATE NOCASE, id)"),
};

// The searchable text of a record: its string fields, joined.
QString searchableText(const QJsonObject& data) {
  QStringList parts;
  for (auto it = data.begin(); it != data.end(); ++it)
    if (it.value().isString() && !it.key().endsWith(QLatin1String("_id"))) parts << it.value().toString();
  return parts.join(QLatin1Char('\n'));
}

// A record created here and not yet seen in a pull belongs to this pseudo-bucket, so it is kept.
const QString kLocalBucket = QStringLiteral("local:");

QString toText(const QJsonObject& o) { return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)); }
QJsonObject toObject(const QString& s) { return QJsonDocument::fromJson(s.toUtf8()).object(); }

OutboxEntry readEntry(const QSqlQuery& q) {
  OutboxEntry e;
  e.seq = q.value(0).toLongLong();
  e.mutationId = q.value(1).toString();
  e.collection = q.value(2).toString();
  e.op = q.value(3).toString();
  e.recordId = q.value(4).toString();
  e.baseVersion = q.value(5).toLongLong();
  e.data = toObject(q.value(6).toString());
  e.state = q.value(7).toString();
  e.error = q.value(8).toString();
  e.current = toObject(q.value(9).toString());
  return e;
}

constexpr const char* kOutboxColumns =
    "seq, mutation_id, collection, op, record_id, base_version, data, state, error, current";

}  // namespace

QJsonObject OutboxEntry::toMutation() const {
  QJsonObject m{{"id", mutationId}, {"collection", collection}, {"op", op}, {"record_id", recordId}};
  if (op != QLatin1String("create")) m["base_version"] = baseVersion;
  if (op != QLatin1String("delete")) m["data"] = data;
  return m;
}

LocalStore::LocalStore() : m_connection(QStringLiteral("kete-store-") + QUuid::createUuid().toString(QUuid::Id128)) {}

LocalStore::~LocalStore() { close(); }

bool LocalStore::open(const QString& path, QString* error) {
  close();
  QDir().mkpath(QFileInfo(path).absolutePath());
  auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
  db.setDatabaseName(path);
  if (!db.open()) {
    if (error) *error = db.lastError().text();
    return false;
  }
  m_path = path;
  exec(QStringLiteral("PRAGMA journal_mode=WAL"));
  exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
  if (!migrate(error)) {
    close();
    return false;
  }
  return true;
}

void LocalStore::close() {
  if (!QSqlDatabase::contains(m_connection)) return;
  {
    auto db = QSqlDatabase::database(m_connection, false);
    db.close();
  }
  QSqlDatabase::removeDatabase(m_connection);
}

bool LocalStore::purge() {
  const QString path = m_path;
  close();
  if (path.isEmpty()) return true;
  bool ok = true;
  for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
    if (QFile::exists(path + suffix)) ok = QFile::remove(path + suffix) && ok;
  m_path.clear();
  return ok;
}

bool LocalStore::exec(const QString& sql) const {
  QSqlQuery q(QSqlDatabase::database(m_connection));
  return q.exec(sql);
}

bool LocalStore::migrate(QString* error) {
  auto db = QSqlDatabase::database(m_connection);
  QSqlQuery q(db);
  if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) {
    if (error) *error = QStringLiteral("the offline cache %1 is damaged or not a Kete cache").arg(m_path);
    return false;
  }
  const int current = q.value(0).toInt();
  if (current > kMigrations.size()) {
    if (error) *error = QStringLiteral("the offline cache was made by a newer version of this app");
    return false;
  }
  for (int v = current; v < kMigrations.size(); ++v) {
    db.transaction();
    bool ok = true;
    for (const QString& statement : kMigrations[v].split(';', Qt::SkipEmptyParts)) ok = ok && q.exec(statement);
    ok = ok && q.exec(QStringLiteral("PRAGMA user_version = %1").arg(v + 1));
    if (!ok) {
      if (error) *error = QStringLiteral("the offline cache %1 could not be prepared: %2").arg(m_path, q.lastError().text());
      db.rollback();
      return false;
    }
    db.commit();
  }
  return true;
}

QJsonObject LocalStore::cursors() const {
  QJsonObject out;
  QSqlQuery q(QSqlDatabase::database(m_connection));
  q.exec(QStringLiteral("SELECT bucket, seq FROM cursors"));
  while (q.next()) out[q.value(0).toString()] = q.value(1).toLongLong();
  return out;
}

QString LocalStore::epoch() const {
  QSqlQuery q(QSqlDatabase::database(m_connection));
  q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'epoch'"));
  return q.next() ? q.value(0).toString() : QString();
}

bool LocalStore::applyPull(const QJsonObject& answer, bool* restart) {
  auto db = QSqlDatabase::database(m_connection);
  db.transaction();
  QSqlQuery q(db);
  const QString epoch = answer.value("epoch").toString();
  const QString known = this->epoch();
  q.prepare(QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES ('epoch', ?)"));
  q.addBindValue(epoch);
  q.exec();
  if (restart) *restart = false;
  if (!known.isEmpty() && known != epoch) {
    // A restored or re-created server: start again from zero, keeping what was never sent.
    q.exec(QStringLiteral("DELETE FROM memberships WHERE bucket != 'local:'"));
    q.exec(QStringLiteral("DELETE FROM cursors"));
    dropOrphans();
    if (restart) *restart = true;
    return db.commit();
  }

  const auto removed = answer.value("removed_buckets").toArray();
  for (const auto& bucket : removed) {
    q.prepare(QStringLiteral("DELETE FROM memberships WHERE bucket = ?"));
    q.addBindValue(bucket.toString());
    q.exec();
    q.prepare(QStringLiteral("DELETE FROM cursors WHERE bucket = ?"));
    q.addBindValue(bucket.toString());
    q.exec();
  }
  // Prepared once for the whole page: a first sync applies many thousands of changes.
  QSqlQuery leave(db), upsert(db), join(db), settle(db), rowid(db), fts(db);
  leave.prepare(QStringLiteral("DELETE FROM memberships WHERE record_id = ? AND bucket = ?"));
  upsert.prepare(QStringLiteral(
      "INSERT INTO records(id, collection, version, data) VALUES (?, ?, ?, ?) "
      "ON CONFLICT(id) DO UPDATE SET version = excluded.version, data = excluded.data "
      "WHERE excluded.version >= records.version"));
  join.prepare(QStringLiteral("INSERT OR IGNORE INTO memberships(record_id, bucket) VALUES (?, ?)"));
  settle.prepare(QStringLiteral("DELETE FROM memberships WHERE record_id = ? AND bucket = 'local:'"));
  rowid.prepare(QStringLiteral("SELECT rowid FROM records WHERE id = ?"));
  fts.prepare(QStringLiteral("INSERT OR REPLACE INTO records_fts(rowid, collection, text) VALUES (?, ?, ?)"));
  QStringList maybeOrphans;
  for (const auto& value : answer.value("changes").toArray()) {
    const auto c = value.toObject();
    const QString id = c.value("id").toString();
    const QString bucket = c.value("bucket").toString();
    if (c.value("deleted").toBool()) {
      leave.addBindValue(id);
      leave.addBindValue(bucket);
      leave.exec();
      maybeOrphans << id;
      continue;
    }
    const QJsonObject data = c.value("data").toObject();
    upsert.addBindValue(id);
    upsert.addBindValue(c.value("collection").toString());
    upsert.addBindValue(c.value("version").toInteger());
    upsert.addBindValue(toText(data));
    upsert.exec();
    if (upsert.numRowsAffected() > 0) {
      rowid.addBindValue(id);
      if (rowid.exec() && rowid.next()) {
        fts.addBindValue(rowid.value(0));
        fts.addBindValue(c.value("collection").toString());
        fts.addBindValue(searchableText(data));
        fts.exec();
      }
      rowid.finish();
    }
    join.addBindValue(id);
    join.addBindValue(bucket);
    join.exec();
    settle.addBindValue(id);
    settle.exec();
  }
  const auto cursors = answer.value("cursors").toObject();
  for (auto it = cursors.begin(); it != cursors.end(); ++it) {
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO cursors(bucket, seq) VALUES (?, ?)"));
    q.addBindValue(it.key());
    q.addBindValue(it.value().toInteger());
    q.exec();
  }
  if (!removed.isEmpty()) dropOrphans();
  else dropOrphans(maybeOrphans);
  return db.commit();
}

void LocalStore::dropOrphans() {
  QSqlQuery q(QSqlDatabase::database(m_connection));
  const QString orphans = QStringLiteral(
      "SELECT rowid FROM records WHERE id NOT IN (SELECT record_id FROM memberships) "
      "AND id NOT IN (SELECT record_id FROM outbox)");
  q.exec(QStringLiteral("DELETE FROM records_fts WHERE rowid IN (%1)").arg(orphans));
  q.exec(QStringLiteral("DELETE FROM records WHERE rowid IN (%1)").arg(orphans));
}

void LocalStore::dropOrphans(const QStringList& candidates) {
  if (candidates.isEmpty()) return;
  auto db = QSqlDatabase::database(m_connection);
  QSqlQuery find(db), unindex(db), remove(db);
  find.prepare(QStringLiteral(
      "SELECT rowid FROM records WHERE id = ? AND NOT EXISTS (SELECT 1 FROM memberships WHERE record_id = records.id) "
      "AND NOT EXISTS (SELECT 1 FROM outbox WHERE record_id = records.id)"));
  unindex.prepare(QStringLiteral("DELETE FROM records_fts WHERE rowid = ?"));
  remove.prepare(QStringLiteral("DELETE FROM records WHERE rowid = ?"));
  for (const QString& id : candidates) {
    find.addBindValue(id);
    if (!find.exec() || !find.next()) continue;
    const QVariant row = find.value(0);
    find.finish();
    unindex.addBindValue(row);
    unindex.exec();
    remove.addBindValue(row);
    remove.exec();
  }
}

void LocalStore::index(const QString& id, const QString& collection, const QJsonObject& data) {
  QSqlQuery q(QSqlDatabase::database(m_connection));
  q.prepare(QStringLiteral(
      "INSERT OR REPLACE INTO records_fts(rowid, collection, text) VALUES ((SELECT rowid FROM records WHERE id = ?), ?, ?)"));
  q.addBindValue(id);
  q.addBindValue(collection);
  q.addBindValue(searchableText(data));
  q.exec();
}

namespace {
// Each word must match, as a prefix; quotes keep a person's input from being FTS syntax.
QString ftsTerms(const QString& words) {
  QStringList terms;
  for (const QString& w : words.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts))
    terms << QLatin1Char('"') + QString(w).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QStringLiteral("\"*");
  return terms.join(QLatin1Char(' '));
}

}  // namespace

QList<QJsonObject> LocalStore::search(const QString& words, int limit) const {
  const QString terms = ftsTerms(words);
  QList<QJsonObject> out;
  if (terms.isEmpty()) return out;
  QSqlQuery q(QSqlDatabase::database(m_connection));
  q.prepare(QStringLiteral(
      "SELECT r.id FROM records_fts f JOIN records r ON r.rowid = f.rowid WHERE records_fts MATCH ? "
      "ORDER BY f.rank LIMIT ?"));
  q.addBindValue(terms);
  q.addBindValue(limit);
  q.exec();
  QStringList ids;
  while (q.next()) ids << q.value(0).toString();
  for (const QString& id : ids) out << record(id);
  return out;
}

bool LocalStore::enqueue(const QString& collection, const QString& op, const QString& id, qint64 baseVersion,
                         const QJsonObject& data) {
  QSqlQuery q(QSqlDatabase::database(m_connection));
  q.prepare(QStringLiteral(
      "INSERT INTO outbox(mutation_id, collection, op, record_id, base_version, data) VALUES (?, ?, ?, ?, ?, ?)"));
  q.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
  q.addBindValue(collection);
  q.addBindValue(op);
  q.addBindValue(id);
  q.addBindValue(baseVersion);
  q.addBindValue(toText(data));
  return q.exec();
}

QString LocalStore::create(const QString& collection, const QJsonObject& data, const QString& chosenId) {
  auto db = QSqlDatabase::database(m_connection);
  db.transaction();
  const QString id = createInTransaction(collection, data, chosenId);
  if (id.isEmpty() || !db.commit()) {
    db.rollback();
    return {};
  }
  return id;
}

bool LocalStore::update(const QString& collection, const QString& id, const QJsonObject& patch) {
  auto db = QSqlDatabase::database(m_connection);
  db.transaction();
  if (!updateInTransaction(collection, id, patch) || !db.commit()) {
    db.rollback();
    return false;
  }
  return true;
}

QString LocalStore::createInTransaction(const QString& collection, const QJsonObject& data, const QString& chosenId) {
  const QString id = chosenId.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : chosenId;
  QSqlQuery q(QSqlDatabase::database(m_connection));
  q.prepare(QStringLiteral("INSERT INTO records(id, collection, version, data) VALUES (?, ?, 0, ?)"));
  q.addBindValue(id);
  q.addBindValue(collection);
  q.addBindValue(toText(data));
  bool ok = q.exec();
  q.prepare(QStringLiteral("INSERT INTO memberships(record_id, bucket) VALUES (?, 'local:')"));
  q.addBindValue(id);
  ok = ok && q.exec() && enqueue(collection, QStringLiteral("create"), id, 0, data);
  if (!ok) return {};
  index(id, collection, data);
  return id;
}

bool LocalStore::updateInTransaction(const QString& collection, const QString& id, const QJsonObject& patch) {
  const QJsonObject current = record(id);
  if (current.isEmpty() || current.value("collection").toString() != collection) return false;
  QJsonObject data = current.value("data").toObject();
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    if (it.value().isNull()) data.remove(it.key());
    else data[it.key()] = it.value();
  }
  QSqlQuery q(QSqlDatabase::database(m_connection));
  q.prepare(QStringLiteral("UPDATE records SET data = ? WHERE id = ?"));
  q.addBindValue(toText(data));
  q.addBindValue(id);
  bool ok = q.exec();
  // Not yet sent: fold the change into the pending create instead of queueing an update.
  q.prepare(QStringLiteral("UPDATE outbox SET data = ? WHERE record_id = ? AND op = 'create' AND state = 'pending'"));
  q.addBindValue(toText(data));
  q.addBindValue(id);
  ok = ok && q.exec();
  if (ok && q.numRowsAffected() == 0) ok = enqueue(collection, QStringLiteral("update"), id, current.value("version").toInteger(), patch);
  if (!ok) return false;
  index(id, collection, data);
  return true;
}

bool LocalStore::remove(const QString& collection, const QString& id) {
  const QJsonObject current = record(id);
  if (current.isEmpty() || current.value("collection").toString() != collection) return false;
  auto db = QSqlDatabase::database(m_connection);
  db.transaction();
  QSqlQuery q(db);
  q.prepare(QStringLiteral("DELETE FROM memberships WHERE record_id = ?"));
  q.addBindValue(id);
  bool ok = q.exec();
  q.prepare(QStringLiteral("DELETE FROM records_fts WHERE rowid = (SELECT rowid FROM records WHERE id = ?)"));
  q.addBindValue(id);
  ok = ok && q.exec();
  q.prepare(QStringLiteral("DELETE FROM records WHERE id = ?"));
  q.addBindValue(id);
  ok = ok && q.exec() && enqueue(collection, QStringLiteral("delete"), id, current.value("version").toInteger(), {});
  if (!ok) {
    db.rollback();
    return false;
  }
  return db.commit();
}

QList<OutboxEntry> LocalStore::pending(int limit) const {
  QList<OutboxEntry> out;
  QSqlQuery q(QSqlDatabase::database(m_connection));
  q.prepare(QStringLiteral("SELECT %1 FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?").arg(kOutboxColumns));
  q.addBindValue(limit);
  q.exec();
  while (q.next()) out << readEntry(q);
  return out;
}

QList<OutboxEntry> LocalStore::problems() const {
  QList<OutboxEntry> out;
  QSqlQuery q(QSqlDatabase::database(m_connection));
  q.exec(QStringLiteral("SELECT %1 FROM outbox WHERE state != 'pending' ORDER BY seq").arg(kOutboxColumns));
  while (q.next()) out << readEntry(q);
  return out;
}

int LocalStore::pendingCount() const {
  QSqlQuery q(QSqlDatabase::database(m_connection));
  q.exec(QStringLiteral("SELECT count(*) FROM outbox WHERE state = 'pending'"));
  return q.next() ? q.value(0).toInt() : 0;
}

bool LocalStore::applyPushResults(const QJsonArray& results) {
  auto db = QSqlDatabase::database(m_connection);
  db.transaction();
  QSqlQuery q(db);
  bool all = true;
  for (const auto& value : results) {
    const auto r = value.toObject();
    const QString status = r.value("status").toString();
    const QString mutationId = r.value("id").toString();
    q.prepare(QStringLiteral("SELECT record_id, op FROM outbox WHERE mutation_id = ?"));
    q.addBindValue(mutationId);
    if (!q.exec() || !q.next()) {
      all = false;
      continue;
    }
    const QString recordId = q.value(0).toString();
    if (status == QLatin1String("applied") || status == QLatin1String("duplicate")) {
      if (r.contains("version")) {
        q.prepare(QStringLiteral("UPDATE records SET version = max(version, ?) WHERE id = ?"));
        q.addBindValue(r.value("version").toInteger());
        q.addBindValue(recordId);
        q.exec();
      }
      q.prepare(QStringLiteral("DELETE FROM outbox WHERE mutation_id = ?"));
      q.addBindValue(mutationId);
      q.exec();
    } else {
      q.prepare(QStringLiteral("UPDATE outbox SET state = ?, error = ?, current = ? WHERE mutation_id = ?"));
      q.addBindValue(status == QLatin1String("conflict") ? QStringLiteral("conflict") : QStringLiteral("rejected"));
      q.addBindValue(r.value("error").toObject().value("message").toString());
      q.addBindValue(toText(r.value("current").toObject()));
      q.addBindValue(mutationId);
      q.exec();
    }
  }
  return db.commit() && all;
}

bool LocalStore::resolveConflict(const QString& mutationId, bool keepMine) {
  auto db = QSqlDatabase::database(m_connection);
  QSqlQuery q(db);
  q.prepare(QStringLiteral("SELECT %1 FROM outbox WHERE mutation_id = ? AND state = 'conflict'").arg(kOutboxColumns));
  q.addBindValue(mutationId);
  if (!q.exec() || !q.next()) return false;
  const OutboxEntry e = readEntry(q);
  const qint64 theirVersion = e.current.value("version").toInteger();
  db.transaction();
  if (keepMine) {
    // Sent again as a change of the server's current version: mine wins, knowingly.
    q.prepare(QStringLiteral("UPDATE outbox SET state = 'pending', base_version = ?, error = '', current = '', "
                             "mutation_id = ? WHERE seq = ?"));
    q.addBindValue(theirVersion);
    q.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
    q.addBindValue(e.seq);
    q.exec();
  } else {
    q.prepare(QStringLiteral("UPDATE records SET version = ?, data = ? WHERE id = ?"));
    q.addBindValue(theirVersion);
    q.addBindValue(toText(e.current.value("data").toObject()));
    q.addBindValue(e.recordId);
    q.exec();
    index(e.recordId, e.collection, e.current.value("data").toObject());
    q.prepare(QStringLiteral("DELETE FROM outbox WHERE seq = ?"));
    q.addBindValue(e.seq);
    q.exec();
  }
  return db.commit();
}

bool LocalStore::resolveProblem(const QString& mutationId, bool keepMine) {
  auto db = QSqlDatabase::database(m_connection);
  QSqlQuery q(db);
  q.prepare(QStringLiteral("SELECT %1 FROM outbox WHERE mutation_id = ?").arg(kOutboxColumns));
  q.addBindValue(mutationId);
  if (!q.exec() || !q.next()) return false;
  const OutboxEntry e = readEntry(q);
  if (e.state == QLatin1String("conflict")) return resolveConflict(mutationId, keepMine);
  db.transaction();
  if (keepMine) {
    q.prepare(QStringLiteral("UPDATE outbox SET state = 'pending', error = '', mutation_id = ? WHERE seq = ?"));
    q.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
    q.addBindValue(e.seq);
    q.exec();
  } else {
    q.prepare(QStringLiteral("DELETE FROM outbox WHERE seq = ?"));
    q.addBindValue(e.seq);
    q.exec();
    // What this computer shows of that record is no longer what the server has: drop it and
    // pull from zero, so the server's version (if any) comes back.
    q.prepare(QStringLiteral("DELETE FROM memberships WHERE record_id = ?"));
    q.addBindValue(e.recordId);
    q.exec();
    q.exec(QStringLiteral("DELETE FROM cursors"));
    dropOrphans();
  }
  return db.commit();
}

QJsonObject LocalStore::record(const QString& id) const {
  QSqlQuery q(QSqlDatabase::database(m_connection));
  q.prepare(QStringLiteral("SELECT id, collection, version, data FROM records WHERE id = ?"));
  q.addBindValue(id);
  if (!q.exec() || !q.next()) return {};
  return {{"id", q.value(0).toString()}, {"collection", q.value(1).toString()},
          {"version", q.value(2).toLongLong()}, {"data", toObject(q.value(3).toString())}};
}

QList<QJsonObject> LocalStore::records(const QString& collection, const QString& tenantId) const {
  QList<QJsonObject> out;
  QSqlQuery q(QSqlDatabase::database(m_connection));
  if (tenantId.isEmpty()) {
    q.prepare(QStringLiteral("SELECT id, collection, version, data FROM records WHERE collection = ?"));
    q.addBindValue(collection);
  } else {
    q.prepare(QStringLiteral("SELECT id, collection, version, data FROM records WHERE collection = ? "
                             "AND json_extract(data, '$.tenant_id') = ?"));
    q.addBindValue(collection);
    q.addBindValue(tenantId);
  }
  q.exec();
  while (q.next())
    out << QJsonObject{{"id", q.value(0).toString()}, {"collection", q.value(1).toString()},
                       {"version", q.value(2).toLongLong()}, {"data", toObject(q.value(3).toString())}};
  return out;
}

QSet<QString> LocalStore::unsentRecordIds() const {
  QSet<QString> out;
  QSqlQuery q(QSqlDatabase::database(m_connection));
  q.exec(QStringLiteral("SELECT DISTINCT record_id FROM outbox WHERE state = 'pending'"));
  while (q.next()) out.insert(q.value(0).toString());
  return out;
}

QString LocalStore::value(const QString& key) const {
  QSqlQuery q(QSqlDatabase::database(m_connection));
  q.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
  q.addBindValue(QStringLiteral("app.") + key);
  q.exec();
  return q.next() ? q.value(0).toString() : QString();
}

bool LocalStore::setValue(const QString& key, const QString& value) {
  QSqlQuery q(QSqlDatabase::database(m_connection));
  q.prepare(QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)"));
  q.addBindValue(QStringLiteral("app.") + key);  // never collides with the sync state's keys
  q.addBindValue(value);
  return q.exec();
}

QList<QJsonObject> LocalStore::page(const QString& collection, const QString& orderField, int offset, int limit) const {
  RecordQuery query;
  query.collection = collection;
  query.orderField = orderField;
  return page(query, offset, limit);
}

QList<QJsonObject> LocalStore::page(const RecordQuery& query, int offset, int limit) const {
  QList<QJsonObject> out;
  QString sql = QStringLiteral("SELECT id, collection, version, data FROM records WHERE collection = ?");
  QVariantList binds{query.collection};
  if (!query.tenantId.isEmpty()) {
    sql += QStringLiteral(" AND json_extract(data, '$.tenant_id') = ?");
    binds << query.tenantId;
  }
  if (!query.pathField.isEmpty() && !query.path.isEmpty()) {
    // Case and all: the folder itself, or one under it (a prefix with its slash, not LIKE).
    sql += QStringLiteral(" AND (json_extract(data, ?) = ? OR substr(json_extract(data, ?), 1, length(?)) = ?)");
    const QString field = QStringLiteral("$.") + query.pathField;
    const QString under = query.path + QLatin1Char('/');
    binds << field << query.path << field << under << under;
  }
  if (const QString terms = ftsTerms(query.words); !terms.isEmpty()) {
    sql += QStringLiteral(" AND rowid IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?)");
    binds << terms;
  }
  // The order field is written into the statement (a plain name only), so that SQLite can match
  // it to the expression index on titles; a bound path could never use it.
  static const QRegularExpression plainName(QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z_][A-Za-z0-9_]{0,63}")));
  const QString order = plainName.match(query.orderField).hasMatch() ? query.orderField : QStringLiteral("title");
  const QString direction = query.descending ? QStringLiteral(" DESC") : QString();
  sql += QStringLiteral(" ORDER BY json_extract(data, '$.%1') COLLATE NOCASE%2, id%2 LIMIT ? OFFSET ?").arg(order, direction);
  binds << limit << offset;
  QSqlQuery q(QSqlDatabase::database(m_connection));
  q.prepare(sql);
  for (const QVariant& v : binds) q.addBindValue(v);
  q.exec();
  while (q.next())
    out << QJsonObject{{"id", q.value(0).toString()}, {"collection", q.value(1).toString()},
                       {"version", q.value(2).toLongLong()}, {"data", toObject(q.value(3).toString())}};
  return out;
}

QStringList LocalStore::distinctValues(const QString& collection, const QString& field, const QString& tenantId) const {
  QStringList out;
  QSqlQuery q(QSqlDatabase::database(m_connection));
  q.prepare(QStringLiteral("SELECT DISTINCT json_extract(data, ?) AS v FROM records WHERE collection = ? %1 ORDER BY v")
                .arg(tenantId.isEmpty() ? QString() : QStringLiteral("AND json_extract(data, '$.tenant_id') = ?")));
  q.addBindValue(QStringLiteral("$.") + field);
  q.addBindValue(collection);
  if (!tenantId.isEmpty()) q.addBindValue(tenantId);
  q.exec();
  while (q.next())
    if (const QString v = q.value(0).toString(); !v.isEmpty()) out << v;
  return out;
}

int LocalStore::recordCount() const {
  QSqlQuery q(QSqlDatabase::database(m_connection));
  q.exec(QStringLiteral("SELECT count(*) FROM records"));
  return q.next() ? q.value(0).toInt() : 0;
}

bool LocalStore::saveTransfer(const QString& id, const QJsonObject& state) {
  QSqlQuery q(QSqlDatabase::database(m_connection));
  // An upsert keeps the row (and its place in the queue's order), unlike INSERT OR REPLACE.
  q.prepare(QStringLiteral("INSERT INTO transfers(id, state) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET state = excluded.state"));
  q.addBindValue(id);
  q.addBindValue(toText(state));
  return q.exec();
}

bool LocalStore::removeTransfer(const QString& id) {
  QSqlQuery q(QSqlDatabase::database(m_connection));
  q.prepare(QStringLiteral("DELETE FROM transfers WHERE id = ?"));
  q.addBindValue(id);
  return q.exec();
}

bool LocalStore::completeTransfer(const QString& id, const QString& collection, const QString& recordId,
                                  const QJsonObject& data) {
  auto db = QSqlDatabase::database(m_connection);
  db.transaction();
  bool ok = recordId.isEmpty() ? !createInTransaction(collection, data).isEmpty()
                               : updateInTransaction(collection, recordId, data);
  QSqlQuery q(db);
  q.prepare(QStringLiteral("DELETE FROM transfers WHERE id = ?"));
  q.addBindValue(id);
  ok = ok && q.exec() && db.commit();
  if (!ok) db.rollback();
  return ok;
}

QList<QJsonObject> LocalStore::transfers() const {
  QList<QJsonObject> out;
  QSqlQuery q(QSqlDatabase::database(m_connection));
  if (!q.exec(QStringLiteral("SELECT state FROM transfers ORDER BY rowid"))) return out;
  while (q.next()) out << toObject(q.value(0).toString());
  return out;
}

}  // namespace kete::app
