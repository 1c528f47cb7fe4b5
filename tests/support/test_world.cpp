#include "test_world.h"

#include <QJsonArray>

namespace kete::test {

bool TestWorld::build() {
  auto made = ServerProcess::run({"admin", "create-user", "--data", m_server.dataDir(), "--email", "admin@business.nz",
                                  "--name", "Ada Admin", "--business", "Test Business", "--password-stdin"},
                                 kPassword.toUtf8() + "\n");
  if (made.exitCode != 0) return m_error = "create-user: " + QString::fromUtf8(made.err), false;
  if (!m_server.start(m_serveArgs)) return m_error = "server did not start: " + QString::fromUtf8(m_server.log()), false;
  auto admin = std::make_unique<Person>();
  admin->email = "admin@business.nz";
  admin->http = std::make_unique<HttpsClient>(m_server.fingerprint());
  m_people["admin"] = std::move(admin);
  if (!signIn("admin")) return false;
  auto me = m_people["admin"]->http->get(m_server.url("/api/v1/me")).json();
  m_people["admin"]->id = me.value("id").toString();
  m_people["admin"]->tenantId = me.value("tenant").toObject().value("id").toString();
  m_tenants["internal"] = m_people["admin"]->tenantId;

  for (auto [key, kind] : {std::pair{"clientA", "client"}, std::pair{"clientB", "client"},
                           std::pair{"partnerP", "partner"}, std::pair{"partnerQ", "partner"}}) {
    const QString id = createTenant(kind, QStringLiteral("Tenant %1").arg(key));
    if (id.isEmpty()) return false;
    m_tenants[key] = id;
  }
  const QString internal = m_tenants["internal"];
  if (createUser("manager", "manager", internal).isEmpty()) return false;
  const QString managerId = m_people["manager"]->id;
  if (createUser("staff", "staff", internal, managerId).isEmpty()) return false;
  if (createUser("staff2", "staff", internal, managerId).isEmpty()) return false;
  for (auto [key, role] : {std::pair{"clientA", "client"}, std::pair{"clientB", "client"},
                           std::pair{"partnerP", "partner"}, std::pair{"partnerQ", "partner"}})
    if (createUser(key, role, m_tenants[key]).isEmpty()) return false;
  // A second contact of clientA whom the business does not let see invoices.
  if (createUser("clientA2", "client", m_tenants["clientA"]).isEmpty()) return false;
  auto noInvoices = m_people["admin"]->http->send("PATCH", m_server.url("/api/v1/users/" + m_people["clientA2"]->id),
                                                  R"({"sees_invoices": false})");
  if (noInvoices.status != 200) return m_error = "invoice access: " + QString::fromUtf8(noInvoices.body), false;
  auto assigned = m_people["admin"]->http->post(
      m_server.url("/api/v1/assignments"), {{"user_id", m_people["staff"]->id}, {"tenant_id", m_tenants["clientA"]}});
  if (assigned.status != 204) return m_error = "assignment failed: " + QString::fromUtf8(assigned.body), false;
  for (const auto& [key, person] : m_people)
    if (key != "admin" && !signIn(key)) return false;
  return true;
}

QString TestWorld::createTenant(const QString& kind, const QString& name) {
  auto r = m_people["admin"]->http->post(m_server.url("/api/v1/tenants"), {{"kind", kind}, {"name", name}});
  if (r.status != 201) m_error = "create tenant: " + QString::fromUtf8(r.body);
  return r.status == 201 ? r.json().value("id").toString() : QString();
}

QString TestWorld::createUser(const QString& key, const QString& role, const QString& tenantId, const QString& managerId) {
  QJsonObject body{{"email", key.toLower() + "@people.nz"}, {"name", "Person " + key}, {"role", role},
                   {"tenant_id", tenantId}, {"password", kPassword}};
  if (!managerId.isEmpty()) body["manager_id"] = managerId;
  auto r = m_people["admin"]->http->post(m_server.url("/api/v1/users"), body);
  if (r.status != 201) return m_error = "create user " + key + ": " + QString::fromUtf8(r.body), QString();
  auto person = std::make_unique<Person>();
  person->id = r.json().value("id").toString();
  person->email = body["email"].toString();
  person->tenantId = tenantId;
  person->http = std::make_unique<HttpsClient>(m_server.fingerprint());
  m_people[key] = std::move(person);
  return m_people[key]->id;
}

bool TestWorld::signIn(const QString& key) {
  Person& p = *m_people.at(key);
  auto r = p.http->post(m_server.url("/api/v1/auth/login"), {{"email", p.email}, {"password", kPassword}});
  if (r.status != 200) return m_error = "sign-in " + key + ": " + QString::fromUtf8(r.body), false;
  p.token = r.json().value("token").toString();
  p.http->setToken(p.token);
  return true;
}

QJsonObject TestWorld::push(const QString& who, const QString& collection, const QString& op, const QString& recordId,
                            qint64 baseVersion, const QJsonObject& data) {
  QJsonObject m{{"id", newId()}, {"collection", collection}, {"op", op}, {"record_id", recordId}};
  if (op != "create") m["base_version"] = baseVersion;
  if (op != "delete") m["data"] = data;
  auto r = m_people.at(who)->http->post(m_server.url("/api/v1/sync/push"),
                                        {{"client_id", "test"}, {"mutations", QJsonArray{m}}});
  if (r.status != 200) return {{"status", "http"}, {"http_status", r.status}, {"body", QString::fromUtf8(r.body)}};
  return r.json().value("results").toArray().at(0).toObject();
}

HttpReply TestWorld::get(const QString& who, const QString& path) { return m_people.at(who)->http->get(m_server.url(path)); }

bool TestWorld::pull(const QString& who, int limit) {
  Person& p = *m_people.at(who);
  for (int round = 0; round < 1000; ++round) {
    auto r = p.http->post(m_server.url("/api/v1/sync/pull"), {{"cursors", p.sync.cursors}, {"limit", limit}});
    if (r.status != 200) return m_error = "pull: " + QString::fromUtf8(r.body), false;
    const auto body = r.json();
    p.sync.epoch = body.value("epoch").toString();
    p.sync.removedBuckets.clear();
    for (const auto& b : body.value("removed_buckets").toArray()) {
      const QString bucket = b.toString();
      p.sync.removedBuckets << bucket;
      p.sync.cursors.remove(bucket);
      for (auto& set : p.sync.bucketsOf) set.remove(bucket);
    }
    for (const auto& c : body.value("changes").toArray()) {
      const auto change = c.toObject();
      const QString id = change.value("id").toString();
      if (change.value("deleted").toBool()) {
        p.sync.bucketsOf[id].remove(change.value("bucket").toString());
      } else {
        p.sync.bucketsOf[id].insert(change.value("bucket").toString());
        p.sync.data[id] = change.value("data").toObject();
      }
      if (p.sync.bucketsOf.value(id).isEmpty()) p.sync.data.remove(id);
    }
    p.sync.cursors = body.value("cursors").toObject();
    if (!body.value("more").toBool()) return true;
  }
  return m_error = "pull never finished", false;
}

}  // namespace kete::test
