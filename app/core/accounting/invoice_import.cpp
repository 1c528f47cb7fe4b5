#include "accounting/invoice_import.h"

#include <QJsonArray>
#include <QObject>
#include <QUuid>

#include "store/local_store.h"

namespace kete::app {
namespace {

QJsonObject dataOf(const QJsonObject& record) { return record.value("data").toObject(); }

// Ids made from what a record is, so the same invoice (or payment) imported twice — on two
// computers, or again before a sync — is the same record, which the server refuses to make twice.
QString importId(const QString& kind, const QStringList& parts) {
  static const QUuid kNamespace(QStringLiteral("{5c0f4f3e-9b8e-4f0a-a7d2-6b1c3f0e2a91}"));
  return QUuid::createUuidV5(kNamespace, QStringLiteral("xero|%1|%2").arg(kind, parts.join(QLatin1Char('|'))))
      .toString(QUuid::WithoutBraces);
}

QJsonObject invoiceData(const XeroInvoice& x, const QString& tenant) {
  QJsonArray lines;
  for (const auto& d : x.lineDescriptions) lines.append(d);
  QJsonObject data{{"tenant_id", tenant},
                   {"number", x.number},
                   {"amount_cents", x.totalCents},
                   {"amount_paid_cents", x.paidCents},
                   {"amount_due_cents", x.dueCents},
                   {"currency", x.currency},
                   {"status", x.status},
                   {"lines", lines},
                   {"source", "xero"}};
  if (!x.reference.isEmpty()) data["reference"] = x.reference;
  if (x.issued.isValid()) data["issued"] = x.issued.toString(Qt::ISODate);
  if (x.due.isValid()) data["due"] = x.due.toString(Qt::ISODate);
  return data;
}

}  // namespace

QString contactKey(const QString& name, const QString& email) {
  return name.simplified().toCaseFolded() + QLatin1Char('\n') + email.trimmed().toCaseFolded();
}

QHash<QString, QString> rememberedContacts(const LocalStore& store, const QString& source) {
  QHash<QString, QString> out;
  for (const auto& r : store.records(QStringLiteral("accounting_contacts"))) {
    const auto d = dataOf(r);
    if (d.value("source").toString() == source)
      out.insert(contactKey(d.value("contact_name").toString(), d.value("email").toString()), d.value("tenant_id").toString());
  }
  return out;
}

int ImportPlan::count(ImportAction::Kind kind) const {
  int n = 0;
  for (const auto& a : actions) n += a.kind == kind;
  return n;
}

ImportPlan planImport(const XeroParseResult& parsed, const QHash<QString, QString>& contactToTenant, const LocalStore& store) {
  ImportPlan plan;
  plan.problems = parsed.problems;
  plan.skipped = parsed.skipped;
  // Invoices already here, by number (numbers are unique within one accounting organisation).
  QHash<QString, QJsonObject> existing;
  for (const auto& r : store.records(QStringLiteral("invoices")))
    existing.insert(dataOf(r).value("number").toString().toCaseFolded(), r);
  QHash<QString, qint64> paidSoFar;  // invoice id -> payments recorded
  for (const auto& p : store.records(QStringLiteral("payments")))
    paidSoFar[dataOf(p).value("invoice_id").toString()] += dataOf(p).value("amount_cents").toInteger();

  for (const auto& x : parsed.invoices) {
    ImportAction a;
    a.invoice = x;
    a.tenantId = contactToTenant.value(contactKey(x.contactName, x.email));
    if (a.tenantId.isEmpty()) {
      a.kind = ImportAction::Kind::NoClient;
      a.note = QObject::tr("Choose the client for %1 <%2> to import this invoice.").arg(x.contactName, x.email);
      plan.actions << a;
      continue;
    }
    const QJsonObject wanted = invoiceData(x, a.tenantId);
    const auto found = existing.constFind(x.number.toCaseFolded());
    if (found == existing.constEnd()) {
      a.kind = ImportAction::Kind::Create;
      a.data = wanted;
      a.newPaymentCents = x.paidCents;
      a.note = QObject::tr("New invoice");
      plan.actions << a;
      continue;
    }
    a.existingId = found->value("id").toString();
    const QJsonObject have = dataOf(*found);
    if (have.value("tenant_id").toString() != a.tenantId) {
      a.kind = ImportAction::Kind::Conflict;
      a.note = QObject::tr("%1 is already recorded for another client. Check which client %2 is.").arg(x.number, x.contactName);
      plan.actions << a;
      continue;
    }
    for (const char* field : {"amount_cents", "amount_paid_cents", "amount_due_cents", "currency", "status", "due",
                              "issued", "reference", "lines"}) {
      const QString key = QLatin1String(field);
      if (have.value(key) == wanted.value(key)) continue;
      // Cleared in the accounting system (a reference removed): cleared here too.
      a.data.insert(key, wanted.contains(key) ? wanted.value(key) : QJsonValue(QJsonValue::Null));
    }
    a.newPaymentCents = x.paidCents - paidSoFar.value(a.existingId);
    if (a.data.isEmpty() && a.newPaymentCents <= 0) {
      a.kind = ImportAction::Kind::Unchanged;
      a.note = QObject::tr("Already imported; nothing changed");
    } else {
      a.kind = ImportAction::Kind::Update;
      a.note = a.data.contains("status") && x.status == QLatin1String("paid") ? QObject::tr("Now paid")
                                                                              : QObject::tr("Changed since the last import");
    }
    plan.actions << a;
  }
  return plan;
}

QString ImportSummary::text() const {
  return QObject::tr("%1 new, %2 updated, %3 already up to date, %4 not imported; %5 payment(s) recorded.")
      .arg(created).arg(updated).arg(unchanged).arg(notImported).arg(payments);
}

ImportSummary applyImport(const ImportPlan& plan, LocalStore& store, const QHash<QString, QString>& confirmed) {
  ImportSummary s;
  const auto known = rememberedContacts(store);
  for (auto it = confirmed.begin(); it != confirmed.end(); ++it) {
    if (it.value().isEmpty() || known.value(it.key()) == it.value()) continue;
    const QStringList parts = it.key().split(QLatin1Char('\n'));
    store.create(QStringLiteral("accounting_contacts"), {{"tenant_id", it.value()},
                                                          {"source", "xero"},
                                                          {"contact_name", parts.value(0)},
                                                          {"email", parts.value(1)}});
  }
  const QString today = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
  for (const auto& a : plan.actions) {
    QString invoiceId = a.existingId;
    switch (a.kind) {
      case ImportAction::Kind::Create:
        invoiceId = store.create(QStringLiteral("invoices"), a.data,
                                 importId(QStringLiteral("invoice"), {a.tenantId, a.invoice.number.toCaseFolded()}));
        if (invoiceId.isEmpty()) { ++s.notImported; continue; }
        ++s.created;
        break;
      case ImportAction::Kind::Update:
        if (!a.data.isEmpty() && !store.update(QStringLiteral("invoices"), a.existingId, a.data)) { ++s.notImported; continue; }
        ++s.updated;
        break;
      case ImportAction::Kind::Unchanged:
        ++s.unchanged;
        continue;
      case ImportAction::Kind::NoClient:
      case ImportAction::Kind::Conflict:
        ++s.notImported;
        continue;
    }
    // The export has no payment dates: a payment is recorded when an import first sees it, named
    // by how much had been paid in all, so seeing the same state twice records nothing new.
    const QString paymentId = importId(QStringLiteral("payment"), {a.tenantId, a.invoice.number.toCaseFolded(),
                                                                    QString::number(a.invoice.paidCents)});
    if (a.newPaymentCents > 0 &&
        !store.create(QStringLiteral("payments"), {{"tenant_id", a.tenantId},
                                                   {"invoice_id", invoiceId},
                                                   {"amount_cents", a.newPaymentCents},
                                                   {"currency", a.invoice.currency},
                                                   {"paid_at", today},
                                                   {"reference", QObject::tr("Recorded in Xero")},
                                                   {"source", "xero"}},
                      paymentId)
             .isEmpty())
      ++s.payments;
  }
  return s;
}

}  // namespace kete::app
