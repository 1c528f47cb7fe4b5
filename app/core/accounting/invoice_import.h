#pragma once
// Bringing invoices from the accounting system into Kete: which invoices are new, which changed
// (paid since), which are already here, and which belong to a contact no one has matched to a
// client yet. Matching is by a contact (name + e-mail) that staff confirmed once for a client,
// kept as an `accounting_contacts` record of that client — never a guess from the name.
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include "accounting/xero_import.h"

namespace kete::app {

class LocalStore;

// The key a contact is remembered by: case and surrounding spaces do not matter.
QString contactKey(const QString& name, const QString& email);
// Contacts confirmed before (from the cache): key -> client tenant id.
QHash<QString, QString> rememberedContacts(const LocalStore& store, const QString& source = QStringLiteral("xero"));

struct ImportAction {
  enum class Kind { Create, Update, Unchanged, NoClient, Conflict };
  Kind kind = Kind::NoClient;
  XeroInvoice invoice;
  QString tenantId;
  QString existingId;      // Update, Unchanged
  QJsonObject data;        // Create: the whole invoice; Update: only what changed
  qint64 newPaymentCents = 0;  // paid in the accounting system since the last import
  QString note;            // for the person: what will happen, or why not
};

struct ImportPlan {
  QList<ImportAction> actions;
  QList<XeroProblem> problems;
  QList<XeroProblem> skipped;
  int count(ImportAction::Kind kind) const;
};

ImportPlan planImport(const XeroParseResult& parsed, const QHash<QString, QString>& contactToTenant,
                      const LocalStore& store);

struct ImportSummary {
  int created = 0, updated = 0, unchanged = 0, notImported = 0, payments = 0;
  QString text() const;
};

// Writes the plan to the cache's outbox (it goes to the server with the next sync), and
// remembers the contacts confirmed in this import (key -> tenant) that were not known before.
ImportSummary applyImport(const ImportPlan& plan, LocalStore& store, const QHash<QString, QString>& confirmed);

}  // namespace kete::app
