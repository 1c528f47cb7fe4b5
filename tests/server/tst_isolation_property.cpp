// Isolation as a property (issue "Proof"): a random business — tenants, people, roles,
// assignments, invoice access, records in every collection, files — and random requests from
// random people: reads of any record id, full pulls, pushes with forged tenant and user ids,
// creates into other tenants, file downloads, and scope changes in between. An independent model
// of DESIGN.md §2 says what each person may see; the server must never return or change anything
// outside it, and what is out of scope must look exactly like what does not exist.
//
// ctest runs a fixed seed. A long run on demand:
//   KETE_PROPERTY_SEED=7 KETE_PROPERTY_STEPS=5000 build/tests/server/tst_isolation_property
#include <QJsonArray>
#include <QRandomGenerator>
#include <QtTest>
#include <set>

#include "test_world.h"

using namespace kete::test;

namespace {

struct ModelUser {
  QString key, id, role, tenant, manager;
  bool seesInvoices = true;
  QSet<QString> assigned;  // client tenants (staff and managers)
};

struct ModelRecord {
  QString id, collection;
  QStringList buckets;
  QString blob;
  bool deleted = false;
};

QString env(const char* name, const QString& fallback) {
  const QByteArray v = qgetenv(name);
  return v.isEmpty() ? fallback : QString::fromLocal8Bit(v);
}

}  // namespace

class IsolationProperty : public QObject {
  Q_OBJECT
  ServerProcess m_server;
  std::unique_ptr<TestWorld> m_world;
  QRandomGenerator m_random;
  QHash<QString, QString> m_tenantKind;  // tenant id -> client | partner | internal
  QList<QString> m_clients, m_partners;
  std::map<QString, ModelUser> m_users;  // key -> user
  QStringList m_keys;
  QHash<QString, ModelRecord> m_records;
  QHash<QString, QString> m_blobOwner;  // sha -> uploader key
  int m_checks = 0;

  // ---- the model: DESIGN.md §2, written again from the table, not from the server's code ----
  bool readsBucket(const ModelUser& u, const QString& b) const {
    const QString internal = m_world->tenant("internal");
    const auto rest = [&](const char* prefix) { return b.mid(int(qstrlen(prefix))); };
    if (u.tenant == internal) {
      const bool admin = u.role == "admin";
      if (b == "internal" || b == "partners" || b.startsWith("partner:")) return true;
      if (b == "user:" + u.id || b == "approvals:" + u.id) return true;
      if (b.startsWith("user:")) return admin;
      for (const char* p : {"client:", "client-internal:", "client-billing:"})
        if (b.startsWith(p)) return admin || u.assigned.contains(rest(p));
      return false;
    }
    if (m_tenantKind.value(u.tenant) == "client")
      return b == "client:" + u.tenant || (u.seesInvoices && b == "client-billing:" + u.tenant);
    return b == "partners" || b == "partner:" + u.tenant;
  }
  bool reads(const ModelUser& u, const ModelRecord& r) const {
    if (r.deleted) return false;
    for (const auto& b : r.buckets)
      if (readsBucket(u, b)) return true;
    return false;
  }
  bool readsBlob(const ModelUser& u, const QString& sha) const {
    if (m_blobOwner.value(sha) == u.key) return true;
    for (const auto& r : m_records)
      if (r.blob == sha && reads(u, r)) return true;
    return false;
  }

  // ---- helpers ----
  QString pick(const QStringList& list) { return list.at(int(m_random.bounded(quint32(list.size())))); }
  template <typename T>
  const T& pickOf(const QList<T>& list) { return list.at(int(m_random.bounded(quint32(list.size())))); }
  ModelUser& user(const QString& key) { return m_users.at(key); }
  QString internalOf(const QString& role) {
    QStringList out;
    for (const auto& [k, u] : m_users)
      if (u.role == role) out << k;
    return out.isEmpty() ? QString() : pick(out);
  }

  // Creates a record as `author`; the model learns its buckets only if the server applied it.
  QString create(const QString& author, const QString& collection, QJsonObject data, QStringList buckets,
                 const QString& blob = {}) {
    const QString id = newId();
    const auto r = m_world->push(author, collection, "create", id, 0, data);
    if (r.value("status").toString() != "applied") {
      qWarning() << "setup create refused" << collection << author << QJsonDocument(r).toJson(QJsonDocument::Compact);
      return {};
    }
    m_records.insert(id, {id, collection, buckets, blob, false});
    return id;
  }

  QString uploadBlob(const QString& who) {
    const QByteArray bytes = randomBytes(2000 + int(m_random.bounded(4000u)), m_random.generate());
    const QString sha = sha256Hex(bytes);
    const auto r = (*m_world)[who].http->send("PUT", m_server.url("/api/v1/blobs/" + sha), bytes);
    if (r.status != 201) return {};
    m_blobOwner.insert(sha, who);
    return sha;
  }

  void seedRecords(int perCollection) {
    const QString internalBucket = "internal";
    for (int i = 0; i < perCollection; ++i) {
      const QString A = pickOf(m_clients), P = pickOf(m_partners);
      const QString staffKey = internalOf(m_random.bounded(2u) ? "staff" : "manager");
      const QString staffId = user(staffKey).id;
      create("admin", "announcements", {{"title", "News"}, {"body", "b"}, {"pinned", false}}, {internalBucket});
      create("admin", "policies", {{"title", "Privacy"}, {"body", "b"}, {"version_label", "1"}, {"requires_ack", true}},
             {internalBucket});
      create("admin", "payslips",
             {{"user_id", staffId}, {"period_start", "2026-11-01"}, {"period_end", "2026-11-14"}, {"gross_cents", 1}, {"net_cents", 1}},
             {"user:" + staffId});
      if (!user(staffKey).manager.isEmpty())
        create(staffKey, "leave_requests",
               {{"leave_type", "annual"}, {"start", "2026-12-22"}, {"end", "2026-12-24"}, {"hours", 16}, {"reason", "r"}},
               {"user:" + staffId, "approvals:" + user(staffKey).manager});
      create(staffKey, "acknowledgements", {{"policy_id", newId()}, {"policy_version", "1"}, {"content_sha256", QString(64, 'b')}},
             {"user:" + staffId});
      const bool visible = m_random.bounded(2u);
      create("admin", "documents",
             {{"tenant_id", A}, {"folder", "f"}, {"title", "t"}, {"client_visible", visible}},
             {(visible ? "client:" : "client-internal:") + A});
      create("admin", "document_requests", {{"tenant_id", A}, {"title", "Statements"}, {"due", "2026-12-12"}, {"status", "open"}},
             {"client:" + A});
      create("admin", "jobs", {{"tenant_id", A}, {"title", "Job"}, {"stage", "s"}}, {"client:" + A});
      create("admin", "invoices",
             {{"tenant_id", A}, {"number", "INV"}, {"amount_cents", 100}, {"currency", "NZD"}, {"due", "2026-12-20"}, {"status", "due"}},
             {"client-billing:" + A});
      create("admin", "payments", {{"tenant_id", A}, {"invoice_id", newId()}, {"amount_cents", 100}, {"paid_at", "2026-11-27T01:00:00Z"}},
             {"client-billing:" + A});
      create("admin", "messages", {{"tenant_id", A}, {"body", "Kia ora"}}, {"client:" + A});
      create("admin", "client_notes", {{"tenant_id", A}, {"body", "note"}}, {"client-internal:" + A});
      create("admin", "accounting_contacts", {{"tenant_id", A}, {"source", "xero"}, {"contact_name", "A"}, {"email", "a@a.nz"}},
             {"client-internal:" + A});
      create("admin", "signature_envelopes",
             {{"tenant_id", A}, {"document_id", newId()}, {"document_sha256", QString(64, 'c')}, {"status", "sent"}}, {"client:" + A});
      create("admin", "partner_resources", {{"title", "Guide"}, {"category", "brand"}}, {"partners"});
      create("admin", "partner_metrics", {{"tenant_id", P}, {"period", "2026-10"}, {"metric", "m"}, {"value", 1}}, {"partner:" + P});
      // A client's own upload, as a document with its file.
      QStringList contacts;
      for (const auto& [k, u] : m_users)
        if (u.tenant == A) contacts << k;
      if (!contacts.isEmpty()) {
        const QString who = pick(contacts);
        const QString sha = uploadBlob(who);
        if (!sha.isEmpty())
          create(who, "documents", {{"folder", "up"}, {"title", "upload"}, {"blob", sha}}, {"client:" + A}, sha);
      }
    }
  }

  // ---- the random requests ----
  void checkRead(const QString& key) {
    const ModelRecord& r = *std::next(m_records.cbegin(), int(m_random.bounded(quint32(m_records.size()))));
    const auto got = m_world->get(key, QString("/api/v1/records/%1/%2").arg(r.collection, r.id));
    const auto missing = m_world->get(key, QString("/api/v1/records/%1/%2").arg(r.collection, newId()));
    ++m_checks;
    if (reads(user(key), r)) {
      QVERIFY2(got.status == 200, qPrintable(QString("%1 should read %2 %3").arg(key, r.collection, r.buckets.join(','))));
    } else {
      QVERIFY2(got.status == 404, qPrintable(QString("%1 read %2 in %3").arg(key, r.collection, r.buckets.join(','))));
      QCOMPARE(got.body, missing.body);
    }
  }

  void checkPull(const QString& key) {
    Person& p = (*m_world)[key];
    p.sync = SyncState{};
    QVERIFY2(m_world->pull(key), qPrintable(m_world->error()));
    QSet<QString> expected, got;
    for (const auto& r : m_records)
      if (reads(user(key), r)) expected.insert(r.id);
    for (auto it = p.sync.bucketsOf.cbegin(); it != p.sync.bucketsOf.cend(); ++it)
      if (!it.value().isEmpty() && m_records.contains(it.key())) got.insert(it.key());
    for (auto it = p.sync.bucketsOf.cbegin(); it != p.sync.bucketsOf.cend(); ++it)
      for (const auto& b : it.value())
        QVERIFY2(readsBucket(user(key), b), qPrintable(key + " was sent bucket " + b));
    ++m_checks;
    const QSet<QString> leaked = got - expected, lost = expected - got;
    const auto example = [&](const QSet<QString>& ids) {
      if (ids.isEmpty()) return QString();
      const auto& r = m_records.value(*ids.begin());
      return r.collection + " in " + r.buckets.join(',');
    };
    QVERIFY2(leaked.isEmpty(), qPrintable(QString("%1 pulled %2 record(s) outside its scope, e.g. %3")
                                              .arg(key).arg(leaked.size()).arg(example(leaked))));
    QVERIFY2(lost.isEmpty(), qPrintable(QString("%1 is missing %2 record(s) it may read, e.g. %3")
                                            .arg(key).arg(lost.size()).arg(example(lost))));
  }

  // An update or delete of any record, with forged ids in the body: never applied out of scope,
  // and a record's owner fields never move.
  void checkForgedWrite(const QString& key) {
    const ModelRecord& r = *std::next(m_records.cbegin(), int(m_random.bounded(quint32(m_records.size()))));
    if (r.deleted) return;
    const auto before = m_world->get("admin", QString("/api/v1/records/%1/%2").arg(r.collection, r.id)).json();
    const qint64 version = before.value("version").toInteger();
    QJsonObject forged{{"tenant_id", pickOf(m_clients)}};
    if (m_random.bounded(2u)) forged = {{"user_id", user(pick(m_keys)).id}};
    if (m_random.bounded(3u) == 0) forged = {{"title", "changed"}};
    // A file's size and type are the server's, on every collection (docs/security.md, finding 1).
    if (m_random.bounded(5u) == 0)
      forged = m_random.bounded(2u) ? QJsonObject{{"mime", "application/x-msdownload"}} : QJsonObject{{"size", 7}};
    const bool remove = m_random.bounded(4u) == 0;
    const auto result = m_world->push(key, r.collection, remove ? "delete" : "update", r.id, version, remove ? QJsonObject{} : forged);
    const auto after = m_world->get("admin", QString("/api/v1/records/%1/%2").arg(r.collection, r.id)).json();
    ++m_checks;
    const bool serverField = !remove && (forged.contains("size") || forged.contains("mime"));
    if (!reads(user(key), r)) {
      QCOMPARE(result.value("status").toString(), QString("rejected"));
      // A body naming a field nobody writes is refused before any record is looked up: the same
      // answer as for an id that never existed, so it tells nothing either.
      if (serverField) {
        auto none = m_world->push(key, r.collection, "update", newId(), version, forged);
        QCOMPARE(result.value("error"), none.value("error"));
      } else {
        QCOMPARE(result.value("error").toObject().value("code").toString(), QString("not_found"));
      }
      QVERIFY(!result.contains("current"));
      QCOMPARE(after.value("version").toInteger(), version);
      return;
    }
    if (result.value("status").toString() == "applied" && remove) {
      m_records[r.id].deleted = true;
      return;
    }
    for (const char* owner : {"tenant_id", "user_id", "approver_id", "size", "mime"})
      QCOMPARE(after.value("data").toObject().value(owner), before.value("data").toObject().value(owner));
    if (serverField) QCOMPARE(result.value("status").toString(), QString("rejected"));
  }

  // A client's access log names only the business's people and its own company's (finding 6:
  // another company's denied writes must not land there).
  void checkAccessLogActors(const QString& key) {
    const ModelUser& reader = user(key);
    const auto entries = m_world->get(key, "/api/v1/audit?limit=1000").json().value("entries").toArray();
    for (const auto& e : entries) {
      const QString actor = e.toObject().value("actor").toObject().value("id").toString();
      if (actor.isEmpty()) continue;
      const ModelUser* who = nullptr;
      for (const auto& [k, u] : m_users)
        if (u.id == actor) who = &u;
      QVERIFY2(who, qPrintable("an unknown actor in " + key + "'s access log"));
      ++m_checks;
      QVERIFY2(m_tenantKind.value(who->tenant) == "internal" || who->tenant == reader.tenant,
               qPrintable(key + "'s access log names " + who->key));
    }
  }

  // A create aimed at another tenant or person: refused, and nothing with that id exists.
  void checkForeignCreate(const QString& key) {
    const ModelUser& u = user(key);
    QString target;
    for (int i = 0; i < 10 && (target.isEmpty() || target == u.tenant); ++i) target = pickOf(m_clients);
    if (target == u.tenant) return;
    const QString collection = pick({"messages", "documents", "jobs", "invoices", "client_notes", "document_requests"});
    QJsonObject data{{"tenant_id", target}, {"body", "x"}, {"title", "x"}, {"folder", "x"}};
    if (collection == "jobs") data = {{"tenant_id", target}, {"title", "x"}, {"stage", "x"}};
    if (collection == "invoices")
      data = {{"tenant_id", target}, {"number", "X"}, {"amount_cents", 1}, {"currency", "NZD"}, {"due", "2026-12-01"}, {"status", "due"}};
    if (collection == "document_requests") data = {{"tenant_id", target}, {"title", "x"}, {"due", "2026-12-01"}, {"status", "open"}};
    if (collection == "messages" || collection == "client_notes") data = {{"tenant_id", target}, {"body", "x"}};
    if (collection == "documents") data = {{"tenant_id", target}, {"title", "x"}, {"folder", "x"}};
    const QString id = newId();
    const auto result = m_world->push(key, collection, "create", id, 0, data);
    ++m_checks;
    const bool allowed = u.role == "admin" || (u.assigned.contains(target) && collection != "messages") ||
                         (u.assigned.contains(target) && collection == "messages");
    if (!allowed) {
      QVERIFY2(result.value("status").toString() == "rejected",
               qPrintable(key + " created " + collection + " in another tenant: " + QJsonDocument(result).toJson()));
      QCOMPARE(m_world->get("admin", QString("/api/v1/records/%1/%2").arg(collection, id)).status, 404);
    } else if (result.value("status").toString() == "applied") {
      QStringList buckets{"client:" + target};
      if (collection == "invoices") buckets = {"client-billing:" + target};
      if (collection == "client_notes") buckets = {"client-internal:" + target};
      m_records.insert(id, {id, collection, buckets, {}, false});
    }
  }

  void checkBlob(const QString& key) {
    if (m_blobOwner.isEmpty()) return;
    const QString sha = *std::next(m_blobOwner.keyBegin(), int(m_random.bounded(quint32(m_blobOwner.size()))));
    const auto got = m_world->get(key, "/api/v1/blobs/" + sha);
    const auto missing = m_world->get(key, "/api/v1/blobs/" + QString(64, 'e'));
    ++m_checks;
    if (readsBlob(user(key), sha)) {
      QVERIFY2(got.status == 200, qPrintable(key + " should read a blob"));
      QCOMPARE(sha256Hex(got.body), sha);
    } else {
      QVERIFY2(got.status == 404, qPrintable(key + " read someone else's file"));
      QCOMPARE(got.body, missing.body);
    }
  }

  // Scope moves while requests go on: an assignment, an unassignment, invoice access switched.
  void changeScope() {
    auto& admin = (*m_world)["admin"];
    if (m_random.bounded(2u)) {
      const QString key = pick({"staff", "staff2", "manager"});
      const QString tenant = pickOf(m_clients);
      const bool assign = !user(key).assigned.contains(tenant);
      const QJsonObject link{{"user_id", user(key).id}, {"tenant_id", tenant}};
      const auto r = assign ? admin.http->post(m_server.url("/api/v1/assignments"), link)
                            : admin.http->send("DELETE", m_server.url("/api/v1/assignments"), QJsonDocument(link).toJson());
      QCOMPARE(r.status, 204);
      if (assign) user(key).assigned.insert(tenant);
      else user(key).assigned.remove(tenant);
    } else {
      QStringList contacts;
      for (const auto& [k, u] : m_users)
        if (u.role == "client") contacts << k;
      const QString key = pick(contacts);
      const bool sees = !user(key).seesInvoices;
      const auto r = admin.http->send("PATCH", m_server.url("/api/v1/users/" + user(key).id),
                                      QJsonDocument(QJsonObject{{"sees_invoices", sees}}).toJson());
      QCOMPARE(r.status, 200);
      user(key).seesInvoices = sees;
    }
  }

 private slots:
  void initTestCase() {
    const quint32 seed = env("KETE_PROPERTY_SEED", "20261127").toUInt();
    qInfo("seed %u (KETE_PROPERTY_SEED to repeat)", seed);
    m_random.seed(seed);
    m_world = std::make_unique<TestWorld>(m_server);
    QVERIFY2(m_world->build(), qPrintable(m_world->error()));
    TestWorld& w = *m_world;
    m_tenantKind.insert(w.tenant("internal"), "internal");
    for (const QString t : {"clientA", "clientB"}) m_clients << w.tenant(t), m_tenantKind.insert(w.tenant(t), "client");
    for (const QString t : {"partnerP", "partnerQ"}) m_partners << w.tenant(t), m_tenantKind.insert(w.tenant(t), "partner");
    // A third client company with a random number of contacts.
    const QString C = w.createTenant("client", "Tenant clientC");
    QVERIFY(!C.isEmpty());
    m_clients << C;
    m_tenantKind.insert(C, "client");
    const int extra = 1 + int(m_random.bounded(3u));
    for (int i = 0; i < extra; ++i) {
      const QString key = QString("clientC%1").arg(i);
      QVERIFY(!w.createUser(key, "client", C).isEmpty());
      QVERIFY(w.signIn(key));
    }
    const QString manager = w["manager"].id;
    for (const QString key : {"admin", "manager", "staff", "staff2"})
      m_users[key] = {key, w[key].id, key == "admin" ? "admin" : key == "manager" ? "manager" : "staff",
                      w.tenant("internal"), key.startsWith("staff") ? manager : QString(), true, {}};
    m_users["staff"].assigned.insert(w.tenant("clientA"));
    for (const QString key : {"clientA", "clientA2", "clientB"})
      m_users[key] = {key, w[key].id, "client", w[key].tenantId, {}, key != "clientA2", {}};
    for (int i = 0; i < extra; ++i) {
      const QString key = QString("clientC%1").arg(i);
      m_users[key] = {key, w[key].id, "client", C, {}, true, {}};
    }
    for (const QString key : {"partnerP", "partnerQ"}) m_users[key] = {key, w[key].id, "partner", w[key].tenantId, {}, true, {}};
    for (const auto& [k, u] : m_users) m_keys << k;
    // Random assignments to start from.
    for (int i = 0; i < 3; ++i) changeScope();
    seedRecords(env("KETE_PROPERTY_RECORDS", "3").toInt());
    QVERIFY(m_records.size() > 40);
  }

  void nothingOutsideScopeIsEverReturnedOrChanged() {
    const int steps = env("KETE_PROPERTY_STEPS", "400").toInt();
    for (int step = 0; step < steps; ++step) {
      const QString key = pick(m_keys);
      switch (m_random.bounded(10u)) {
        case 0: case 1: case 2: checkRead(key); break;
        case 3: checkPull(key); break;
        case 4: case 5: checkForgedWrite(key); break;
        case 6: checkForeignCreate(key); break;
        case 7: case 8: checkBlob(key); break;
        case 9: changeScope(); break;
      }
      if (QTest::currentTestFailed()) {
        qWarning("failed at step %d as %s", step, qPrintable(key));
        return;
      }
    }
    // Finally every person's full view, after all the scope changes, and every client's log.
    for (const auto& key : m_keys) {
      checkPull(key);
      if (user(key).role == "client") checkAccessLogActors(key);
      if (QTest::currentTestFailed()) return;
    }
    qInfo("%d checks over %lld records", m_checks, qlonglong(m_records.size()));
  }
};

QTEST_GUILESS_MAIN(IsolationProperty)
#include "tst_isolation_property.moc"
