#include "widgets/portal/xero_import_dialog.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

#include "store/local_store.h"
#include "sync/sync_engine.h"
#include "widgets/app_window.h"
#include "widgets/portal/portal_format.h"
#include "widgets/portal/portal_widgets.h"

namespace kete::app {

XeroImportDialog::XeroImportDialog(AppWindow& window, QWidget* parent) : QDialog(parent), m_window(window) {
  setWindowTitle(tr("Import invoices from Xero"));
  resize(900, 600);
  if (window.store()) {
    // The clients this person looks after, as last fetched (the Clients area keeps it).
    for (const auto& c : QJsonDocument::fromJson(window.store()->value(QStringLiteral("clients")).toUtf8()).array())
      m_clients.append({c.toObject().value("id").toString(), c.toObject().value("name").toString()});
    m_matches = rememberedContacts(*window.store());
  }
  m_file = new QLabel(tr("Export “Sales invoices” from Xero as CSV, then choose the file."), this);
  m_file->setWordWrap(true);
  auto* choose = new QPushButton(tr("Choose file…"), this);
  m_contacts = new QTableWidget(0, 2, this);
  m_contacts->setObjectName(QStringLiteral("importContacts"));
  m_contacts->setHorizontalHeaderLabels({tr("Contact in Xero"), tr("Client in Kete")});
  m_contacts->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  m_contacts->verticalHeader()->hide();
  m_contacts->setMaximumHeight(160);
  m_preview = portal::makeTable(this, QStringLiteral("importPreview"),
                                {tr("Line"), tr("Invoice"), tr("Contact"), tr("Amount"), tr("What happens")}, 4);
  m_summary = new QLabel(this);
  m_summary->setObjectName(QStringLiteral("importSummary"));
  m_summary->setWordWrap(true);
  auto* copy = new QPushButton(tr("Copy report"), this);
  m_import = new QPushButton(tr("Import"), this);
  m_import->setEnabled(false);
  auto* close = new QPushButton(tr("Close"), this);

  auto* top = new QHBoxLayout;
  top->addWidget(m_file, 1);
  top->addWidget(choose);
  auto* bottom = new QHBoxLayout;
  bottom->addWidget(copy);
  bottom->addStretch();
  bottom->addWidget(m_import);
  bottom->addWidget(close);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addWidget(new QLabel(tr("Which client is each contact? You confirm this once; later imports remember it."), this));
  layout->addWidget(m_contacts);
  layout->addWidget(m_preview, 1);
  layout->addWidget(m_summary);
  layout->addLayout(bottom);

  connect(choose, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Xero export"), {}, tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty()) load(path);
  });
  connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(report()); });
  connect(m_import, &QPushButton::clicked, this, [this] { import(); });
  connect(close, &QPushButton::clicked, this, &QDialog::accept);
}

bool XeroImportDialog::load(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    m_file->setText(tr("%1 could not be read: %2").arg(path, file.errorString()));
    return false;
  }
  if (file.size() > 50 * 1024 * 1024) {
    m_file->setText(tr("%1 is larger than 50 MB; export a shorter period.").arg(path));
    return false;
  }
  m_parsed = parseXeroInvoices(file.readAll());
  m_file->setText(path);
  if (!m_parsed.ok()) {
    m_summary->setText(m_parsed.problems.value(0).message);
    m_plan = {};
    m_import->setEnabled(false);
    fillContacts();
    fillPreview();
    return false;
  }
  fillContacts();
  replan();
  return true;
}

void XeroImportDialog::matchContact(const QString& name, const QString& email, const QString& tenantId) {
  m_matches.insert(contactKey(name, email), tenantId);
  fillContacts();
  replan();
}

void XeroImportDialog::fillContacts() {
  QList<QPair<QString, QString>> contacts;  // (name, email), once each, in file order
  QSet<QString> seen;
  for (const auto& x : m_parsed.invoices)
    if (!seen.contains(contactKey(x.contactName, x.email))) {
      seen.insert(contactKey(x.contactName, x.email));
      contacts.append({x.contactName, x.email});
    }
  m_contacts->setRowCount(int(contacts.size()));
  for (int row = 0; row < contacts.size(); ++row) {
    const auto [name, email] = contacts[row];
    m_contacts->setItem(row, 0, new QTableWidgetItem(email.isEmpty() ? name : QStringLiteral("%1 <%2>").arg(name, email)));
    auto* pick = new QComboBox(m_contacts);
    pick->addItem(tr("— not imported —"), QString());
    for (const auto& [id, client] : m_clients) pick->addItem(client, id);
    pick->setCurrentIndex(qMax(0, pick->findData(m_matches.value(contactKey(name, email)))));
    connect(pick, &QComboBox::currentIndexChanged, this, [this, pick, name = name, email = email] {
      m_matches.insert(contactKey(name, email), pick->currentData().toString());
      replan();
    });
    m_contacts->setCellWidget(row, 1, pick);
  }
}

void XeroImportDialog::replan() {
  if (!m_window.store()) return;
  m_plan = planImport(m_parsed, m_matches, *m_window.store());
  fillPreview();
  const int doing = m_plan.count(ImportAction::Kind::Create) + m_plan.count(ImportAction::Kind::Update);
  m_import->setEnabled(doing > 0);
  m_summary->setText(tr("%1 invoice(s) to add, %2 to update, %3 already here, %4 not imported; %5 row(s) refused and %6 "
                        "left out — each is listed above with its line.")
                         .arg(m_plan.count(ImportAction::Kind::Create))
                         .arg(m_plan.count(ImportAction::Kind::Update))
                         .arg(m_plan.count(ImportAction::Kind::Unchanged))
                         .arg(m_plan.count(ImportAction::Kind::NoClient) + m_plan.count(ImportAction::Kind::Conflict))
                         .arg(m_plan.problems.size())
                         .arg(m_plan.skipped.size()));
}

void XeroImportDialog::fillPreview() {
  m_preview->setRowCount(0);
  const auto add = [this](int line, const QString& number, const QString& contact, const QString& amount,
                          const QString& what, const QColor& colour = {}) {
    const int row = m_preview->rowCount();
    m_preview->insertRow(row);
    const QStringList cells{line > 0 ? QString::number(line) : QString(), number, contact, amount, what};
    for (int c = 0; c < cells.size(); ++c) {
      auto* item = new QTableWidgetItem(cells[c]);
      if (colour.isValid()) item->setForeground(colour);
      m_preview->setItem(row, c, item);
    }
  };
  for (const auto& a : m_plan.actions) {
    const auto& x = a.invoice;
    QString what = a.note;
    if (a.newPaymentCents > 0) what += tr("; records a payment of %1").arg(portal::money(a.newPaymentCents, x.currency));
    const bool refused = a.kind == ImportAction::Kind::NoClient || a.kind == ImportAction::Kind::Conflict;
    add(x.lines.value(0), x.number, x.contactName, portal::money(x.totalCents, x.currency), what,
        refused ? QColor(0xb0, 0x2a, 0x2a) : QColor());
  }
  for (const auto& p : m_plan.problems) add(p.line, p.invoiceNumber, {}, {}, tr("Refused: %1").arg(p.message), QColor(0xb0, 0x2a, 0x2a));
  for (const auto& p : m_plan.skipped) add(p.line, p.invoiceNumber, {}, {}, tr("Left out: %1").arg(p.message), QColor(0x70, 0x70, 0x70));
}

ImportSummary XeroImportDialog::import() {
  if (!m_window.store()) return {};
  const ImportSummary summary = applyImport(m_plan, *m_window.store(), m_matches);
  m_summary->setText(tr("Imported: %1 It goes to the server with the next sync.").arg(summary.text()));
  emit m_window.cacheChanged();
  if (m_window.sync()) m_window.sync()->syncNow();
  replan();  // what remains: now everything imported shows as already here
  m_import->setEnabled(false);
  return summary;
}

QString XeroImportDialog::report() const {
  QStringList lines;
  for (int row = 0; row < m_preview->rowCount(); ++row) {
    QStringList cells;
    for (int c = 0; c < m_preview->columnCount(); ++c) cells << (m_preview->item(row, c) ? m_preview->item(row, c)->text() : QString());
    lines << cells.join(QLatin1Char('\t'));
  }
  return lines.join(QLatin1Char('\n'));
}

}  // namespace kete::app
