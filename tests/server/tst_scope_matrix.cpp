// Who may see and change what (DESIGN.md §2), checked as an attacker would: for every core
// collection, a record in each kind of bucket, and every role reading, updating and deleting it.
// Out of scope must look exactly like "does not exist".
#include <QJsonArray>
#include <QtTest>

#include "test_world.h"

using namespace kete::test;

namespace {

const QStringList kRoles{"admin",   "manager",  "staff",    "staff2",  "clientA",
                         "clientA2", "clientB", "partnerP", "partnerQ"};

struct Case {
  QString name;
  QString collection;
  QString author;
  QString bucket;  // which readers: see readersOf()
  QJsonObject patch;
  QStringList updaters;
  QStringList deleters;
};

QStringList readersOf(const QString& bucket) {
  if (bucket == "internal") return {"admin", "manager", "staff", "staff2"};
  if (bucket == "user:staff") return {"admin", "staff"};
  if (bucket == "request") return {"admin", "staff", "manager"};
  if (bucket == "partner:P") return {"admin", "manager", "staff", "staff2", "partnerP"};
  if (bucket == "client:A") return {"admin", "staff", "clientA", "clientA2"};
  if (bucket == "client-billing:A") return {"admin", "staff", "clientA"};  // not clientA2: no invoice access
  if (bucket == "client-internal:A") return {"admin", "staff"};
  if (bucket == "partners") return {"admin", "manager", "staff", "staff2", "partnerP", "partnerQ"};
  return {};
}

QList<Case> cases() {
  const QStringList adminManager{"admin", "manager"}, adminOnly{"admin"}, clientWork{"admin", "staff"};
  return {
      {"announcements", "announcements", "admin", "internal", {{"title", "Changed"}}, adminManager, adminManager},
      {"policies", "policies", "admin", "internal", {{"title", "Changed"}}, adminOnly, adminOnly},
      {"procedures", "procedures", "admin", "internal", {{"title", "Changed"}}, adminManager, adminManager},
      {"shifts", "shifts", "admin", "internal", {{"location", "Petone"}}, adminManager, adminManager},
      {"form_templates", "form_templates", "admin", "internal", {{"name", "Changed"}}, adminOnly, adminOnly},
      {"payslips", "payslips", "admin", "user:staff", {{"net_cents", 1}}, adminOnly, adminOnly},
      {"employment_records", "employment_records", "admin", "user:staff", {{"title", "Changed"}}, adminOnly, adminOnly},
      {"leave_balances", "leave_balances", "admin", "user:staff", {{"balance", 5}}, adminOnly, adminOnly},
      {"leave_requests", "leave_requests", "staff", "request", {{"reason", "Changed"}}, {"staff"}, {}},
      {"form_submissions", "form_submissions", "staff", "request", {{"values", QJsonObject{{"a", 1}}}}, {"staff"}, {}},
      {"acknowledgements (staff)", "acknowledgements", "staff", "user:staff", {{"policy_version", "2"}}, {}, {}},
      {"acknowledgements (partner)", "acknowledgements", "partnerP", "partner:P", {{"policy_version", "2"}}, {}, {}},
      {"documents (client visible)", "documents", "admin", "client:A", {{"title", "Changed"}}, clientWork, clientWork},
      {"documents (internal only)", "documents", "admin", "client-internal:A", {{"title", "Changed"}}, clientWork, clientWork},
      {"document_requests", "document_requests", "admin", "client:A", {{"title", "Changed"}}, clientWork, clientWork},
      {"jobs", "jobs", "admin", "client:A", {{"stage", "valuation"}}, clientWork, clientWork},
      {"invoices", "invoices", "admin", "client-billing:A", {{"status", "paid"}}, clientWork, clientWork},
      {"payments", "payments", "admin", "client-billing:A", {{"amount_cents", 1}}, clientWork, clientWork},
      {"messages", "messages", "clientA", "client:A", {{"body", "Changed"}}, {}, {}},
      {"signature_envelopes", "signature_envelopes", "admin", "client:A", {{"status", "signed"}},
       {"admin", "staff", "clientA", "clientA2"}, clientWork},
      {"client_notes", "client_notes", "admin", "client-internal:A", {{"body", "Changed"}}, clientWork, clientWork},
      {"accounting_contacts", "accounting_contacts", "staff", "client-internal:A", {{"email", "ap@a.nz"}}, clientWork, clientWork},
      {"partner_resources", "partner_resources", "admin", "partners", {{"title", "Changed"}}, adminOnly, adminOnly},
      {"partner_metrics", "partner_metrics", "admin", "partner:P", {{"value", 7}}, adminOnly, adminOnly},
  };
}

const QString kSha = QString(64, 'a');

}  // namespace

class ScopeMatrix : public QObject {
  Q_OBJECT
  ServerProcess m_server;
  std::unique_ptr<TestWorld> m_world;

  QJsonObject dataFor(const Case& c) {
    TestWorld& w = *m_world;
    const QString A = w.tenant("clientA"), P = w.tenant("partnerP"), staff = w["staff"].id;
    const QString col = c.collection;
    if (col == "announcements") return {{"title", "Office closed Friday"}, {"body", "Anniversary Day"}, {"pinned", true}};
    if (col == "policies") return {{"title", "Privacy"}, {"body", "..."}, {"version_label", "1"}, {"requires_ack", true}};
    if (col == "procedures") return {{"title", "GST returns"}, {"body", "..."}, {"category", "tax"}};
    if (col == "shifts")
      return {{"user_id", staff}, {"start", "2026-12-01T20:00:00Z"}, {"end", "2026-12-02T04:00:00Z"}, {"location", "Wellington"}};
    if (col == "form_templates") return {{"name", "Expense claim"}, {"fields", QJsonArray{}}, {"routing", QJsonObject{}}};
    if (col == "payslips")
      return {{"user_id", staff}, {"period_start", "2026-11-01"}, {"period_end", "2026-11-14"}, {"gross_cents", 250000}, {"net_cents", 190000}};
    if (col == "employment_records") return {{"user_id", staff}, {"kind", "contract"}, {"title", "Employment agreement"}};
    if (col == "leave_balances")
      return {{"user_id", staff}, {"leave_type", "annual"}, {"balance", 80}, {"unit", "hours"}, {"as_at", "2026-11-27"}};
    if (col == "leave_requests")
      return {{"leave_type", "annual"}, {"start", "2026-12-22"}, {"end", "2027-01-05"}, {"hours", 56}, {"reason", "Summer"}};
    if (col == "form_submissions") return {{"template_id", newId()}, {"values", QJsonObject{{"amount", 42}}}};
    if (col == "acknowledgements") return {{"policy_id", newId()}, {"policy_version", "1"}, {"content_sha256", kSha}};
    if (col == "documents")
      return {{"tenant_id", A}, {"folder", "2026/GST"}, {"title", "Return"},
              {"client_visible", c.bucket == "client:A"}};
    if (col == "document_requests") return {{"tenant_id", A}, {"title", "Bank statements"}, {"due", "2026-12-15"}, {"status", "open"}};
    if (col == "jobs") return {{"tenant_id", A}, {"title", "Mortgage application"}, {"stage", "submitted"}};
    if (col == "invoices")
      return {{"tenant_id", A}, {"number", "INV-0042"}, {"amount_cents", 115000}, {"currency", "NZD"}, {"due", "2026-12-20"}, {"status", "due"}};
    if (col == "payments") return {{"tenant_id", A}, {"invoice_id", newId()}, {"amount_cents", 115000}, {"paid_at", "2026-11-27T01:00:00Z"}};
    if (col == "messages") return {{"body", "Kia ora, the statements are attached."}};
    if (col == "signature_envelopes") return {{"tenant_id", A}, {"document_id", newId()}, {"document_sha256", kSha}, {"status", "sent"}};
    if (col == "client_notes") return {{"tenant_id", A}, {"body", "Prefers phone calls"}};
    if (col == "accounting_contacts")
      return {{"tenant_id", A}, {"source", "xero"}, {"contact_name", "Tenant A Ltd"}, {"email", "accounts@a.nz"}};
    if (col == "partner_resources") return {{"title", "Brand guide"}, {"category", "brand"}};
    if (col == "partner_metrics") return {{"tenant_id", P}, {"period", "2026-10"}, {"metric", "revenue_cents"}, {"value", 1000}};
    return {};
  }

  QString create(const Case& c) {
    const QString id = newId();
    auto r = m_world->push(c.author, c.collection, "create", id, 0, dataFor(c));
    return r.value("status").toString() == "applied" ? id : QString("failed: ") + QJsonDocument(r).toJson();
  }

  qint64 currentVersion(const Case& c, const QString& id) {
    return m_world->get("admin", QString("/api/v1/records/%1/%2").arg(c.collection, id)).json().value("version").toInteger();
  }

 private slots:
  void initTestCase() {
    m_world = std::make_unique<TestWorld>(m_server);
    QVERIFY2(m_world->build(), qPrintable(m_world->error()));
  }

  void matrix_data() {
    QTest::addColumn<int>("caseIndex");
    QTest::addColumn<QString>("role");
    const auto all = cases();
    for (int i = 0; i < all.size(); ++i)
      for (const auto& role : kRoles)
        QTest::newRow(qPrintable(all[i].name + " / " + role)) << i << role;
  }
  void matrix() {
    QFETCH(int, caseIndex);
    QFETCH(QString, role);
    const Case c = cases()[caseIndex];
    const QString id = create(c);
    QVERIFY2(!id.startsWith("failed"), qPrintable(id));
    const bool reads = readersOf(c.bucket).contains(role);
    const QString path = QString("/api/v1/records/%1/%2").arg(c.collection, id);

    // Read: the record, or a 404 identical to that of an id that never existed.
    auto read = m_world->get(role, path);
    auto missing = m_world->get(role, QString("/api/v1/records/%1/%2").arg(c.collection, newId()));
    QCOMPARE(missing.status, 404);
    if (reads) {
      QCOMPARE(read.status, 200);
      QCOMPARE(read.json().value("id").toString(), id);
    } else {
      QCOMPARE(read.status, 404);
      QCOMPARE(read.body, missing.body);
    }

    // Pull: the record reaches exactly the people who may read it.
    QVERIFY2(m_world->pull(role), qPrintable(m_world->error()));
    QCOMPARE((*m_world)[role].sync.visible(id), reads);
    if (!reads) QVERIFY(!(*m_world)[role].sync.data.contains(id));

    // Update with the right base version.
    auto update = m_world->push(role, c.collection, "update", id, currentVersion(c, id), c.patch);
    const QString expectUpdate = c.updaters.contains(role) ? "applied" : reads ? "forbidden" : "not_found";
    const QString gotUpdate = update.value("status").toString() == "applied"
                                  ? "applied" : update.value("error").toObject().value("code").toString();
    QVERIFY2(gotUpdate == expectUpdate, qPrintable("update: expected " + expectUpdate + ", got " + QJsonDocument(update).toJson()));
    if (!reads) QVERIFY2(!update.contains("current"), "a refused update leaked the record");

    // Delete.
    auto remove = m_world->push(role, c.collection, "delete", id, currentVersion(c, id), {});
    const QString expectDelete = c.deleters.contains(role) ? "applied" : reads ? "forbidden" : "not_found";
    const QString gotDelete = remove.value("status").toString() == "applied"
                                  ? "applied" : remove.value("error").toObject().value("code").toString();
    QVERIFY2(gotDelete == expectDelete, qPrintable("delete: expected " + expectDelete + ", got " + QJsonDocument(remove).toJson()));
    if (gotDelete == "applied") {
      QCOMPARE(m_world->get("admin", path).status, 404);
      QVERIFY(m_world->pull(role));
      QVERIFY(!(*m_world)[role].sync.visible(id));  // the deletion reached the deleter's cache too
    }
  }

  // Creating into someone else's tenant or on someone else's behalf is refused as "not found".
  void foreignCreates_data() {
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("collection");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("target");  // a tenant or person key of the world
    QTest::addColumn<QString>("expect");
    QTest::newRow("client message into other client") << "clientA" << "messages" << "tenant_id" << "clientB" << "not_found";
    QTest::newRow("client document into other client") << "clientA" << "documents" << "tenant_id" << "clientB" << "not_found";
    QTest::newRow("staff job for unassigned client") << "staff" << "jobs" << "tenant_id" << "clientB" << "not_found";
    QTest::newRow("staff2 note for unassigned client") << "staff2" << "client_notes" << "tenant_id" << "clientA" << "not_found";
    QTest::newRow("partner ack for other partner") << "partnerP" << "acknowledgements" << "tenant_id" << "partnerQ" << "not_found";
    QTest::newRow("staff leave for a colleague") << "staff" << "leave_requests" << "user_id" << "staff2" << "not_found";
    QTest::newRow("client invoice for itself") << "clientA" << "invoices" << "tenant_id" << "clientA" << "forbidden";
    QTest::newRow("partner metric for itself") << "partnerP" << "partner_metrics" << "tenant_id" << "partnerP" << "forbidden";
    QTest::newRow("manager payslip") << "manager" << "payslips" << "user_id" << "staff" << "forbidden";
    QTest::newRow("admin payslip for a client user") << "admin" << "payslips" << "user_id" << "clientA" << "not_found";
  }
  void foreignCreates() {
    QFETCH(QString, role);
    QFETCH(QString, collection);
    QFETCH(QString, field);
    QFETCH(QString, target);
    QFETCH(QString, expect);
    Case c;
    c.collection = collection;
    c.bucket = "client:A";
    QJsonObject data = dataFor(c);
    data[field] = field == "tenant_id" ? m_world->tenant(target) : (*m_world)[target].id;
    auto r = m_world->push(role, collection, "create", newId(), 0, data);
    QCOMPARE(r.value("status").toString(), QString("rejected"));
    QCOMPARE(r.value("error").toObject().value("code").toString(), expect);
  }

  void clientMayNotSetInternalFields() {
    Case c{"", "documents", "clientA", "client:A", {}, {}, {}};
    QJsonObject data = dataFor(c);
    data.remove("tenant_id");
    data["client_visible"] = false;
    auto r = m_world->push("clientA", "documents", "create", newId(), 0, data);
    QCOMPARE(r.value("error").toObject().value("code").toString(), QString("forbidden"));
    data.remove("client_visible");
    const QString id = newId();
    QCOMPARE(m_world->push("clientA", "documents", "create", id, 0, data).value("status").toString(), QString("applied"));
    // The server put it in the client's own tenant, visible to the client.
    auto read = m_world->get("clientA", "/api/v1/records/documents/" + id).json().value("data").toObject();
    QCOMPARE(read.value("tenant_id").toString(), m_world->tenant("clientA"));
    QCOMPARE(read.value("client_visible").toBool(), true);
  }

  void onlyTheApproverDecides() {
    Case c = cases()[8];  // leave_requests
    const QString id = create(c);
    const QString path = "/api/v1/records/leave_requests/" + id;
    auto stored = m_world->get("staff", path).json();
    QCOMPARE(stored.value("data").toObject().value("approver_id").toString(), (*m_world)["manager"].id);
    QCOMPARE(stored.value("data").toObject().value("status").toString(), QString("pending"));
    auto selfApprove = m_world->push("staff", "leave_requests", "update", id, 1, {{"status", "approved"}});
    QCOMPARE(selfApprove.value("error").toObject().value("code").toString(), QString("forbidden"));
    auto adminApprove = m_world->push("admin", "leave_requests", "update", id, 1, {{"status", "approved"}});
    QCOMPARE(adminApprove.value("error").toObject().value("code").toString(), QString("forbidden"));
    auto approve = m_world->push("manager", "leave_requests", "update", id, 1, {{"status", "approved"}, {"decision_note", "Enjoy"}});
    QCOMPARE(approve.value("status").toString(), QString("applied"));
    auto again = m_world->push("manager", "leave_requests", "update", id, 2, {{"status", "declined"}});
    QCOMPARE(again.value("error").toObject().value("code").toString(), QString("forbidden"));
    // The approver reaches the request through their approvals bucket only, not the rest of the
    // requester's personal records.
    Case payslip = cases()[5];
    QCOMPARE(m_world->get("manager", "/api/v1/records/payslips/" + create(payslip)).status, 404);
  }

  void assignmentOpensAndClosesAClient() {
    Case c = cases()[15];  // jobs for clientA
    const QString id = create(c);
    const QString path = "/api/v1/records/jobs/" + id;
    QCOMPARE(m_world->get("staff2", path).status, 404);
    auto& admin = (*m_world)["admin"];
    const QJsonObject link{{"user_id", (*m_world)["staff2"].id}, {"tenant_id", m_world->tenant("clientA")}};
    QCOMPARE(admin.http->post(m_server.url("/api/v1/assignments"), link).status, 204);
    QCOMPARE(m_world->get("staff2", path).status, 200);
    QVERIFY(m_world->pull("staff2"));
    QVERIFY((*m_world)["staff2"].sync.visible(id));  // a bucket new to the app starts from zero
    QCOMPARE(admin.http->send("DELETE", m_server.url("/api/v1/assignments"), QJsonDocument(link).toJson()).status, 204);
    QCOMPARE(m_world->get("staff2", path).status, 404);
    QVERIFY(m_world->pull("staff2"));
    const QString clientBucket = "client:" + m_world->tenant("clientA");
    QVERIFY((*m_world)["staff2"].sync.removedBuckets.contains(clientBucket));
    QVERIFY(!(*m_world)["staff2"].sync.visible(id));
  }

  // An up-to-date pull is answered from memory (committed bucket heads and a cached bucket list);
  // every commit that matters must show in the very next pull, with no wait and no polling.
  void upToDatePullsNeverGoStale() {
    auto& admin = (*m_world)["admin"];
    const QString job = create(cases()[15]);  // in clientA's bucket, which staff2 does not read yet
    QVERIFY(m_world->pull("staff2"));
    QVERIFY(m_world->pull("staff2"));  // nothing new: from here on staff2's pulls are answered from memory
    QVERIFY(!(*m_world)["staff2"].sync.visible(job));

    const QString news = create(cases()[0]);  // someone else's commit in a bucket staff2 reads
    QVERIFY(m_world->pull("staff2"));
    QVERIFY((*m_world)["staff2"].sync.visible(news));

    // A new assignment changes no bucket's head, only what staff2 may read: seen at once.
    const QJsonObject link{{"user_id", (*m_world)["staff2"].id}, {"tenant_id", m_world->tenant("clientA")}};
    QCOMPARE(admin.http->post(m_server.url("/api/v1/assignments"), link).status, 204);
    QVERIFY(m_world->pull("staff2"));
    QVERIFY((*m_world)["staff2"].sync.visible(job));
    QCOMPARE(admin.http->send("DELETE", m_server.url("/api/v1/assignments"), QJsonDocument(link).toJson()).status, 204);
    QVERIFY(m_world->pull("staff2"));
    QVERIFY((*m_world)["staff2"].sync.removedBuckets.contains("client:" + m_world->tenant("clientA")));
    QVERIFY(!(*m_world)["staff2"].sync.visible(job));
    // And a foreign bucket named beside up-to-date cursors (the memory path) is still reported
    // removed.
    QJsonObject cursors = (*m_world)["staff2"].sync.cursors;
    cursors.insert("client:" + m_world->tenant("clientA"), 0);
    auto probe = (*m_world)["staff2"].http->post(m_server.url("/api/v1/sync/pull"), {{"cursors", cursors}});
    QVERIFY(probe.json().value("removed_buckets").toArray().contains("client:" + m_world->tenant("clientA")));
  }

  // A document turned internal-only leaves the client's bucket: the client's next pull removes it
  // and never sees what it became.
  void recordMovingOutOfABucketIsRemovedThere() {
    Case c = cases()[12];  // documents, client visible
    const QString id = create(c);
    QVERIFY(m_world->pull("clientA"));
    QVERIFY((*m_world)["clientA"].sync.visible(id));
    auto hide = m_world->push("staff", "documents", "update", id, 1, {{"client_visible", false}, {"title", "Internal draft"}});
    QCOMPARE(hide.value("status").toString(), QString("applied"));
    QVERIFY(m_world->pull("clientA"));
    QVERIFY(!(*m_world)["clientA"].sync.visible(id));
    QVERIFY(m_world->pull("staff"));
    QCOMPARE((*m_world)["staff"].sync.data.value(id).value("title").toString(), QString("Internal draft"));

    // A client starting from zero after the move gets a removal without data.
    (*m_world)["clientA"].sync = SyncState{};
    auto& client = (*m_world)["clientA"];
    auto r = client.http->post(m_server.url("/api/v1/sync/pull"), {{"cursors", QJsonObject{}}});
    QVERIFY(!r.body.contains("Internal draft"));
  }

  void pullPagesAndRefusesBadCursors() {
    auto& staff = (*m_world)["staff"];
    staff.sync = SyncState{};
    QVERIFY(m_world->pull("staff", 3));  // many small pages reach the same state as one big one
    const auto paged = staff.sync.bucketsOf;
    staff.sync = SyncState{};
    QVERIFY(m_world->pull("staff", 5000));
    QCOMPARE(staff.sync.bucketsOf, paged);
    QVERIFY(!staff.sync.epoch.isEmpty());
    const QUrl url = m_server.url("/api/v1/sync/pull");
    QCOMPARE(staff.http->post(url, {{"cursors", QJsonObject{{"internal", -1}}}}).status, 400);
    QCOMPARE(staff.http->post(url, {{"cursors", QJsonArray{}}}).status, 400);
    QCOMPARE(staff.http->post(url, {{"limit", 0}}).status, 400);
    QCOMPARE(staff.http->post(url, {{"since", 1}}).status, 400);
    // Naming a bucket one may not read gets it back as removed, with nothing from it.
    auto probe = staff.http->post(url, {{"cursors", QJsonObject{{"client:" + m_world->tenant("clientB"), 0}}}}).json();
    QVERIFY(probe.value("removed_buckets").toArray().contains("client:" + m_world->tenant("clientB")));
    for (const auto& ch : probe.value("changes").toArray())
      QVERIFY(!ch.toObject().value("bucket").toString().contains(m_world->tenant("clientB")));
  }

  void conflictsAndDuplicates() {
    Case c = cases()[0];
    const QString id = create(c);
    auto first = m_world->push("admin", "announcements", "update", id, 1, {{"title", "First"}});
    QCOMPARE(first.value("version").toInt(), 2);
    auto stale = m_world->push("manager", "announcements", "update", id, 1, {{"title", "Stale"}});
    QCOMPARE(stale.value("status").toString(), QString("conflict"));
    QCOMPARE(stale.value("current").toObject().value("data").toObject().value("title").toString(), QString("First"));

    // The same mutation id twice: applied once, then "duplicate".
    QJsonObject m{{"id", newId()}, {"collection", "announcements"}, {"op", "update"}, {"record_id", id},
                  {"base_version", 2}, {"data", QJsonObject{{"title", "Once"}}}};
    const QJsonObject batch{{"client_id", "t"}, {"mutations", QJsonArray{m}}};
    auto& admin = (*m_world)["admin"];
    auto r1 = admin.http->post(m_server.url("/api/v1/sync/push"), batch).json()["results"].toArray()[0].toObject();
    auto r2 = admin.http->post(m_server.url("/api/v1/sync/push"), batch).json()["results"].toArray()[0].toObject();
    QCOMPARE(r1.value("status").toString(), QString("applied"));
    QCOMPARE(r2.value("status").toString(), QString("duplicate"));
    QCOMPARE(m_world->get("admin", "/api/v1/records/announcements/" + id).json().value("version").toInt(), 3);
  }

  void badRecordInputIsRefusedAndNothingWritten_data() {
    QTest::addColumn<QJsonObject>("data");
    QTest::addColumn<QString>("part");
    QTest::newRow("unknown field") << QJsonObject{{"title", "x"}, {"colour", "red"}} << "not a field";
    QTest::newRow("wrong type") << QJsonObject{{"title", 5}} << "must be a string";
    QTest::newRow("oversize") << QJsonObject{{"title", QString(400, 'x')}} << "too long";
    QTest::newRow("bool as string") << QJsonObject{{"title", "x"}, {"pinned", "yes"}} << "true or false";
  }
  void badRecordInputIsRefusedAndNothingWritten() {
    QFETCH(QJsonObject, data);
    QFETCH(QString, part);
    const QString id = newId();
    auto r = m_world->push("admin", "announcements", "create", id, 0, data);
    QCOMPARE(r.value("error").toObject().value("code").toString(), QString("bad_request"));
    QVERIFY2(r.value("error").toObject().value("message").toString().contains(part), qPrintable(QJsonDocument(r).toJson()));
    QCOMPARE(m_world->get("admin", "/api/v1/records/announcements/" + id).status, 404);
  }

  void malformedPushBodies() {
    auto& admin = (*m_world)["admin"];
    const QUrl url = m_server.url("/api/v1/sync/push");
    QCOMPARE(admin.http->send("POST", url, "{not json", {{"Content-Type", "application/json"}}).status, 400);
    QCOMPARE(admin.http->send("POST", url, "[]", {{"Content-Type", "application/json"}}).status, 400);
    QCOMPARE(admin.http->send("POST", url, "{}", {{"Content-Type", "text/plain"}}).status, 415);
    QCOMPARE(admin.http->post(url, {{"mutations", "nope"}}).status, 400);
    QCOMPARE(admin.http->post(url, {{"mutations", QJsonArray{}}, {"extra", 1}}).status, 400);
    auto notUuid = m_world->push("admin", "announcements", "create", "../../etc/passwd", 0, {{"title", "x"}});
    QCOMPARE(notUuid.value("error").toObject().value("code").toString(), QString("bad_request"));
    auto unknownCollection = m_world->push("admin", "secrets", "create", newId(), 0, {{"title", "x"}});
    QCOMPARE(unknownCollection.value("error").toObject().value("code").toString(), QString("not_found"));
    QCOMPARE(m_world->get("admin", "/api/v1/records/secrets/" + newId()).status, 404);
    QCOMPARE(m_world->get("admin", "/api/v1/records/announcements/not-a-uuid").status, 404);
  }

  // The business decides per contact whether invoices and payments reach them; the bucket comes
  // and goes with that choice, and only those who look after the client may make it.
  void invoiceAccessIsPerContact() {
    TestWorld& w = *m_world;
    const QString invoice = create(cases()[16]);
    const QString path = "/api/v1/records/invoices/" + invoice;
    const QString billing = "client-billing:" + w.tenant("clientA");
    QCOMPARE(w.get("clientA2", path).status, 404);
    QVERIFY(w.pull("clientA2"));
    QVERIFY(!w["clientA2"].sync.visible(invoice));
    QVERIFY(w.pull("clientA"));
    QVERIFY(w["clientA"].sync.visible(invoice));
    // Nor does the access log tell them that someone opened it.
    QCOMPARE(w.get("staff", path).status, 200);
    const auto opened = [&](const QString& who) {
      for (const auto& e : w.get(who, "/api/v1/audit?limit=1000").json().value("entries").toArray())
        if (e.toObject().value("record_id").toString() == invoice) return true;
      return false;
    };
    QVERIFY(opened("clientA"));
    QVERIFY(!opened("clientA2"));
    // Nor that staff pulled invoices: a pull of only the billing bucket shows to clientA alone.
    QVERIFY(w.pull("staff"));
    create(cases()[16]);
    QVERIFY(w.pull("staff"));
    const auto syncReads = [&](const QString& who) {
      QSet<qint64> seqs;
      for (const auto& e : w.get(who, "/api/v1/audit?action=sync_read&limit=1000").json().value("entries").toArray())
        if (e.toObject().value("actor").toObject().value("id").toString() == w["staff"].id)
          seqs.insert(e.toObject().value("seq").toInteger());
      return seqs;
    };
    const auto seenByA = syncReads("clientA"), seenByA2 = syncReads("clientA2");
    QVERIFY(!seenByA.isEmpty());
    QVERIFY(seenByA.contains(*std::max_element(seenByA.begin(), seenByA.end())));
    QVERIFY(!seenByA2.contains(*std::max_element(seenByA.begin(), seenByA.end())));

    const auto patch = [&](const QString& who, const QString& userId, bool sees) {
      return w[who].http->send("PATCH", m_server.url("/api/v1/users/" + userId),
                               QJsonDocument(QJsonObject{{"sees_invoices", sees}}).toJson());
    };
    const QString a2 = w["clientA2"].id;
    // Nobody but admins and assigned staff can tell the contact exists.
    const auto unknown = patch("staff2", newId(), true);
    QCOMPARE(unknown.status, 404);
    for (const QString who : {"staff2", "clientA", "clientA2", "clientB", "partnerP"}) {
      const auto refused = patch(who, a2, true);
      QCOMPARE(refused.status, 404);
      QCOMPARE(refused.body, unknown.body);
    }
    QCOMPARE(patch("admin", w["staff"].id, false).status, 404);  // only client contacts have this switch
    QCOMPARE(w["staff"].http->send("PATCH", m_server.url("/api/v1/users/" + a2), R"({"sees_invoices": "yes"})").status, 400);

    auto on = patch("staff", a2, true);  // assigned staff may
    QCOMPARE(on.status, 200);
    QCOMPARE(on.json().value("sees_invoices").toBool(), true);
    QCOMPARE(w.get("clientA2", path).status, 200);
    QVERIFY(w.pull("clientA2"));
    QVERIFY(w["clientA2"].sync.visible(invoice));

    QCOMPARE(patch("admin", a2, false).status, 200);
    QCOMPARE(w.get("clientA2", path).status, 404);
    QVERIFY(w.pull("clientA2"));
    QVERIFY(w["clientA2"].sync.removedBuckets.contains(billing));
    QVERIFY(!w["clientA2"].sync.visible(invoice));
    // The rest of the company's records stay.
    QVERIFY(!w["clientA2"].sync.removedBuckets.contains("client:" + w.tenant("clientA")));

    // The client list: what the caller looks after, with each contact's switch.
    const auto clients = w.get("staff", "/api/v1/clients").json().value("clients").toArray();
    QCOMPARE(clients.size(), 1);
    QCOMPARE(clients[0].toObject().value("id").toString(), w.tenant("clientA"));
    QMap<QString, bool> sees;
    for (const auto& c : clients[0].toObject().value("contacts").toArray())
      sees[c.toObject().value("id").toString()] = c.toObject().value("sees_invoices").toBool();
    QCOMPARE(sees.size(), 2);
    QCOMPARE(sees.value(w["clientA"].id), true);
    QCOMPARE(sees.value(a2), false);
    QCOMPARE(w.get("staff2", "/api/v1/clients").json().value("clients").toArray().size(), 0);
    QVERIFY(w.get("admin", "/api/v1/clients").json().value("clients").toArray().size() >= 2);
    QCOMPARE(w.get("clientA", "/api/v1/clients").status, 403);
    QCOMPARE(w.get("partnerP", "/api/v1/clients").status, 403);
  }

  // Messages carry who wrote them as the session says, never as the body claims.
  void messagesNameTheirAuthor() {
    TestWorld& w = *m_world;
    const QString id = newId();
    QCOMPARE(w.push("clientA", "messages", "create", id, 0, {{"body", "Statements attached"}}).value("status").toString(),
             QString("applied"));
    const auto data = w.get("staff", "/api/v1/records/messages/" + id).json().value("data").toObject();
    QCOMPARE(data.value("author_id").toString(), w["clientA"].id);
    QCOMPARE(data.value("author_name").toString(), QString("Person clientA"));
    QCOMPARE(data.value("from_business").toBool(true), false);
    QVERIFY(QDateTime::fromString(data.value("sent_at").toString(), Qt::ISODateWithMs).isValid());
    auto forged = w.push("clientA", "messages", "create", newId(), 0,
                         {{"body", "From the boss"}, {"author_name", "Person admin"}, {"from_business", true}});
    QCOMPARE(forged.value("status").toString(), QString("rejected"));
    const QString reply = newId();
    QCOMPARE(w.push("staff", "messages", "create", reply, 0, {{"tenant_id", w.tenant("clientA")}, {"body", "Thanks"}})
                 .value("status").toString(), QString("applied"));
    QCOMPARE(w.get("clientA2", "/api/v1/records/messages/" + reply).json().value("data").toObject().value("from_business").toBool(),
             true);
  }

  // A document sent for an item of a request ticks that item off on the server, in the same
  // transaction; the checklist itself is the business's, and a request of another client (or
  // one the author cannot read) is never touched.
  void uploadsTickOffRequestItems() {
    TestWorld& w = *m_world;
    const QString id = newId();
    const QJsonArray items{QJsonObject{{"name", "March"}, {"status", "open"}}, QJsonObject{{"name", "April"}, {"status", "open"}}};
    QCOMPARE(w.push("staff", "document_requests", "create", id, 0,
                    {{"tenant_id", w.tenant("clientA")}, {"title", "Statements"}, {"due", "2026-12-12"}, {"status", "open"},
                     {"items", items}})
                 .value("status").toString(), QString("applied"));
    const auto request = [&] { return w.get("admin", "/api/v1/records/document_requests/" + id).json(); };
    const QString march = newId();
    QCOMPARE(w.push("clientA2", "documents", "create", march, 0,
                    {{"folder", "Requests"}, {"title", "march.pdf"}, {"request_id", id}, {"request_item", "March"}})
                 .value("status").toString(), QString("applied"));
    auto item = request().value("data").toObject().value("items").toArray().at(0).toObject();
    QCOMPARE(item.value("status").toString(), QString("uploaded"));
    QCOMPARE(item.value("document_id").toString(), march);
    QCOMPARE(request().value("data").toObject().value("status").toString(), QString("open"));  // April still to come
    const qint64 version = request().value("version").toInteger();

    // The client cannot edit the checklist itself, remove it, or tick items by hand.
    QJsonArray renamed = items;
    renamed[1] = QJsonObject{{"name", "Anything"}, {"status", "uploaded"}};
    for (const QJsonValue& bad : {QJsonValue(renamed), QJsonValue(QJsonValue::Null)}) {
      auto r = w.push("clientA", "document_requests", "update", id, version, {{"items", bad}});
      QCOMPARE(r.value("error").toObject().value("code").toString(), QString("forbidden"));
    }
    // A document naming another client's request, or a request id that does not exist, is refused
    // with the same answer, and nothing is ticked.
    const QString otherRequest = newId();
    QCOMPARE(w.push("admin", "document_requests", "create", otherRequest, 0,
                    {{"tenant_id", w.tenant("clientB")}, {"title", "B"}, {"due", "2026-12-12"}, {"status", "open"}, {"items", items}})
                 .value("status").toString(), QString("applied"));
    for (const QString& target : {otherRequest, newId()}) {
      auto r = w.push("clientA", "documents", "create", newId(), 0,
                      {{"folder", "x"}, {"title", "x"}, {"request_id", target}, {"request_item", "March"}});
      QCOMPARE(r.value("error").toObject().value("code").toString(), QString("not_found"));
    }
    QCOMPARE(w.get("admin", "/api/v1/records/document_requests/" + otherRequest).json().value("version").toInteger(), 1);
    // Staff filing a document of client B against client A's request: refused.
    auto crossed = w.push("admin", "documents", "create", newId(), 0,
                          {{"tenant_id", w.tenant("clientB")}, {"folder", "x"}, {"title", "x"}, {"request_id", id},
                           {"request_item", "April"}});
    QCOMPARE(crossed.value("status").toString(), QString("rejected"));
    // Marking the request done must name a document the client can see.
    const QString internalDoc = newId();
    QCOMPARE(w.push("staff", "documents", "create", internalDoc, 0,
                    {{"tenant_id", w.tenant("clientA")}, {"folder", "x"}, {"title", "x"}, {"client_visible", false}})
                 .value("status").toString(), QString("applied"));
    auto hidden = w.push("clientA", "document_requests", "update", id, version, {{"status", "fulfilled"}, {"fulfilled_document_id", internalDoc}});
    QCOMPARE(hidden.value("error").toObject().value("code").toString(), QString("bad_request"));
    // The last item's upload completes the request.
    QCOMPARE(w.push("clientA", "documents", "create", newId(), 0,
                    {{"folder", "Requests"}, {"title", "april.pdf"}, {"request_id", id}, {"request_item", "April"}})
                 .value("status").toString(), QString("applied"));
    QCOMPARE(request().value("data").toObject().value("status").toString(), QString("fulfilled"));
  }

  void clientsReadWhoOpenedTheirRecords() {
    Case c = cases()[16];  // invoices for clientA
    const QString id = create(c);
    QCOMPARE(m_world->get("staff", "/api/v1/records/invoices/" + id).status, 200);
    auto log = m_world->get("clientA", "/api/v1/audit").json().value("entries").toArray();
    bool seen = false;
    for (const auto& e : log) {
      const auto o = e.toObject();
      QCOMPARE(o.value("tenant_id").toString(), m_world->tenant("clientA"));  // never another tenant's entries
      QVERIFY(!o.contains("remote_address"));
      if (o.value("record_id").toString() == id && o.value("actor").toObject().value("id").toString() == (*m_world)["staff"].id)
        seen = true;
    }
    QVERIFY2(seen, "the client cannot see that staff opened its invoice");
    // Pulling the client's bucket is recorded too (once per pull, with the number of changes).
    (*m_world)["staff"].sync = SyncState{};
    QVERIFY(m_world->pull("staff"));
    bool pulled = false;
    for (const auto& e : m_world->get("clientA", "/api/v1/audit?action=sync_read").json().value("entries").toArray())
      pulled = pulled || e.toObject().value("actor").toObject().value("id").toString() == (*m_world)["staff"].id;
    QVERIFY2(pulled, "the client cannot see that staff pulled its records");
    QCOMPARE(m_world->get("clientA", "/api/v1/audit?tenant_id=" + m_world->tenant("clientB")).status, 200);
    for (const auto& e : m_world->get("clientA", "/api/v1/audit?tenant_id=" + m_world->tenant("clientB")).json().value("entries").toArray())
      QCOMPARE(e.toObject().value("tenant_id").toString(), m_world->tenant("clientA"));
    QCOMPARE(m_world->get("staff", "/api/v1/audit").status, 403);
    QCOMPARE(m_world->get("partnerP", "/api/v1/audit").status, 403);
  }
};

QTEST_GUILESS_MAIN(ScopeMatrix)
#include "tst_scope_matrix.moc"
