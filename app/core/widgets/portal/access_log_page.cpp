#include "widgets/portal/access_log_page.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "net/api_client.h"
#include "session/session.h"
#include "store/local_store.h"
#include "widgets/app_window.h"
#include "widgets/portal/portal_format.h"
#include "widgets/portal/portal_widgets.h"

namespace kete::app {

QString describeAccess(const QJsonObject& e) {
  static const QHash<QString, QString> kinds{
      {"documents", QObject::tr("a document")},       {"document_requests", QObject::tr("a document request")},
      {"jobs", QObject::tr("a job")},                 {"invoices", QObject::tr("an invoice")},
      {"payments", QObject::tr("a payment")},         {"messages", QObject::tr("a message")},
      {"signature_envelopes", QObject::tr("a document to sign")}, {"client_notes", QObject::tr("a note")}};
  const QString action = e.value("action").toString();
  const QString what = kinds.value(e.value("collection").toString(), QObject::tr("a record"));
  if (action == QLatin1String("read_record")) return QObject::tr("opened %1").arg(what);
  if (action == QLatin1String("read_blob")) return QObject::tr("downloaded the file of %1").arg(what);
  if (action == QLatin1String("sync_read")) return QObject::tr("brought your records up to date on their computer");
  if (action == QLatin1String("sign_in")) return e.value("outcome").toString() == QLatin1String("ok") ? QObject::tr("signed in")
                                                                                                      : QObject::tr("failed to sign in");
  if (action.startsWith(QLatin1String("write_"))) return QObject::tr("was refused a change to %1").arg(what);
  if (action == QLatin1String("set_invoice_access")) return QObject::tr("changed who sees invoices");
  if (action == QLatin1String("create_user")) return QObject::tr("added a contact");
  return action;
}

AccessLogPage::AccessLogPage(AppWindow& window, QWidget* parent) : CachePage(window, parent) {
  m_note = new QLabel(this);
  m_note->setWordWrap(true);
  m_table = portal::makeTable(this, QStringLiteral("accessLog"), {tr("When"), tr("Who"), tr("What")}, 2);
  m_refresh = new QPushButton(tr("Refresh"), this);
  auto* top = new QHBoxLayout;
  top->addWidget(m_note, 1);
  top->addWidget(m_refresh);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addWidget(m_table, 1);
  connect(m_refresh, &QPushButton::clicked, this, &AccessLogPage::refresh);
}

void AccessLogPage::reload() {
  if (!store()) return show({}, {});
  const auto saved = QJsonDocument::fromJson(store()->value(QStringLiteral("access-log")).toUtf8()).object();
  show(saved.value("entries").toArray(), saved.value("as_of").toString());
}

void AccessLogPage::refresh() {
  QPointer<AccessLogPage> alive(this);
  const QString asked = m_window.user().value("id").toString();
  m_window.session().api().get(QStringLiteral("/api/v1/audit?limit=500"), [this, alive, asked](const ApiReply& reply) {
    if (!alive || m_window.user().value("id").toString() != asked) return;  // someone else is signed in now
    if (!reply.ok() || !store()) {
      m_note->setText(tr("The list could not be fetched (%1). What is shown was saved earlier.")
                          .arg(reply.errorMessage.isEmpty() ? tr("offline") : reply.errorMessage));
      emit refreshed(false);
      return;
    }
    const QJsonObject saved{{"entries", reply.json.value("entries")},
                            {"as_of", QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}};
    store()->setValue(QStringLiteral("access-log"), QString::fromUtf8(QJsonDocument(saved).toJson(QJsonDocument::Compact)));
    reload();
    emit refreshed(true);
  });
}

void AccessLogPage::show(const QJsonArray& entries, const QString& asOf) {
  m_note->setText(asOf.isEmpty() ? tr("Everyone at the business who opens your records is recorded here. Refresh to see the latest.")
                                 : tr("Everyone at the business who opened your records, newest first (as of %1).")
                                       .arg(portal::when(asOf)));
  m_table->setRowCount(0);
  for (const auto& v : entries) {
    const auto e = v.toObject();
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(portal::when(e.value("at").toString())));
    m_table->setItem(row, 1, new QTableWidgetItem(e.value("actor").toObject().value("name").toString()));
    m_table->setItem(row, 2, new QTableWidgetItem(describeAccess(e)));
  }
}

int AccessLogPage::rowCount() const { return m_table->rowCount(); }

QString AccessLogPage::rowText(int row) const {
  QStringList cells;
  for (int c = 0; c < m_table->columnCount(); ++c) cells << (m_table->item(row, c) ? m_table->item(row, c)->text() : QString());
  return cells.join(QStringLiteral(" | "));
}

}  // namespace kete::app
