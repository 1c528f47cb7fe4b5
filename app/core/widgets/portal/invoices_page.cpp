#include "widgets/portal/invoices_page.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QMap>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QPushButton>
#include <QSaveFile>
#include <QTableWidget>
#include <QTextDocument>
#include <QVBoxLayout>
#include <algorithm>

#include "store/local_store.h"
#include "widgets/app_window.h"
#include "widgets/portal/portal_format.h"
#include "widgets/portal/portal_widgets.h"
#include "widgets/portal/xero_import_dialog.h"

namespace kete::app {

using portal::InvoiceState;

InvoicesPage::InvoicesPage(AppWindow& window, QWidget* parent) : CachePage(window, parent) {
  m_totals = new QLabel(this);
  m_totals->setObjectName(QStringLiteral("invoiceTotals"));
  m_table = portal::makeTable(this, QStringLiteral("invoiceTable"),
                              {tr("Invoice"), tr("Issued"), tr("Due"), tr("Amount"), tr("Still to pay"), tr("Status")});
  m_payments = portal::makeTable(this, QStringLiteral("paymentTable"), {tr("Paid"), tr("Amount"), tr("Reference")});
  m_payments->setMaximumHeight(140);
  m_pdf = new QPushButton(tr("Save as PDF…"), this);
  m_import = new QPushButton(tr("Import from Xero…"), this);
  m_import->setObjectName(QStringLiteral("importInvoices"));

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_totals);
  layout->addWidget(m_table, 1);
  auto* paymentsTitle = new QLabel(tr("Payments for the selected invoice"), this);
  paymentsTitle->setObjectName(QStringLiteral("sectionTitle"));
  layout->addWidget(paymentsTitle);
  layout->addWidget(m_payments);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(m_pdf);
  buttons->addWidget(m_import);
  buttons->addStretch();
  layout->addLayout(buttons);

  connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] { showPayments(); });
  connect(m_pdf, &QPushButton::clicked, this, [this] {
    const QString id = selectedInvoice();
    const QString number = portal::text(store()->record(id), "number");
    const QString path = QFileDialog::getSaveFileName(this, tr("Save invoice"), number + QStringLiteral(".pdf"),
                                                      tr("PDF files (*.pdf)"));
    QString error;
    if (!path.isEmpty() && !savePdf(id, path, &error)) m_totals->setText(error);
  });
  connect(m_import, &QPushButton::clicked, this, [this] {
    XeroImportDialog dialog(m_window, this);
    dialog.exec();
    reload();
  });
}

void InvoicesPage::reload() {
  const QString selected = selectedInvoice();
  auto invoices = store() ? store()->records(QStringLiteral("invoices"), m_tenant) : QList<QJsonObject>{};
  // Most recent first (by issue date, then due date).
  std::sort(invoices.begin(), invoices.end(), [](const QJsonObject& a, const QJsonObject& b) {
    const QString ia = portal::text(a, "issued"), ib = portal::text(b, "issued");
    return ia != ib ? ia > ib : portal::text(a, "due") > portal::text(b, "due");
  });
  QSignalBlocker quiet(m_table);
  m_table->setRowCount(int(invoices.size()));
  QMap<QString, qint64> owed, overdue;  // per currency: amounts in different ones never add up
  for (int row = 0; row < invoices.size(); ++row) {
    const auto& r = invoices[row];
    const auto d = portal::dataOf(r);
    const auto state = portal::invoiceState(d);
    const qint64 left = portal::outstandingCents(d);
    const QString cur = d.value("currency").toString();
    if (state == InvoiceState::Due || state == InvoiceState::Overdue) {
      owed[cur] += left;
      if (state == InvoiceState::Overdue) overdue[cur] += left;
    }
    auto* number = new QTableWidgetItem(d.value("number").toString());
    number->setData(Qt::UserRole, r.value("id").toString());
    m_table->setItem(row, 0, number);
    m_table->setItem(row, 1, new QTableWidgetItem(portal::date(d.value("issued").toString())));
    m_table->setItem(row, 2, new QTableWidgetItem(portal::date(d.value("due").toString())));
    m_table->setItem(row, 3, new QTableWidgetItem(portal::money(d.value("amount_cents").toInteger(), cur)));
    m_table->setItem(row, 4, new QTableWidgetItem(portal::money(left, cur)));
    auto* status = new QTableWidgetItem(portal::invoiceStateText(state));
    if (state == InvoiceState::Overdue) status->setForeground(QColor(0xb0, 0x2a, 0x2a));
    if (state == InvoiceState::Paid) status->setForeground(QColor(0x2e, 0x7d, 0x32));
    m_table->setItem(row, 5, status);
    if (r.value("id").toString() == selected) m_table->selectRow(row);
  }
  const auto sum = [](const QMap<QString, qint64>& amounts) {
    QStringList parts;
    for (auto it = amounts.begin(); it != amounts.end(); ++it)
      if (it.value() != 0) parts << portal::money(it.value(), it.key());
    return parts.join(QStringLiteral(" + "));
  };
  if (invoices.isEmpty()) m_totals->setText(tr("No invoices."));
  else if (sum(owed).isEmpty()) m_totals->setText(tr("Nothing to pay. Thank you!"));
  else if (!sum(overdue).isEmpty()) m_totals->setText(tr("To pay: %1, of which %2 is overdue.").arg(sum(owed), sum(overdue)));
  else m_totals->setText(tr("To pay: %1.").arg(sum(owed)));
  m_import->setVisible(staffMode());
  showPayments();
}

QString InvoicesPage::selectedInvoice() const {
  const auto rows = m_table->selectionModel()->selectedRows();
  return rows.isEmpty() ? QString() : m_table->item(rows.first().row(), 0)->data(Qt::UserRole).toString();
}

void InvoicesPage::showPayments() {
  const QString id = selectedInvoice();
  m_pdf->setEnabled(!id.isEmpty());
  m_payments->setRowCount(0);
  if (id.isEmpty() || !store()) return;
  for (const auto& p : store()->records(QStringLiteral("payments"), m_tenant)) {
    const auto d = portal::dataOf(p);
    if (d.value("invoice_id").toString() != id) continue;
    const int row = m_payments->rowCount();
    m_payments->insertRow(row);
    m_payments->setItem(row, 0, new QTableWidgetItem(portal::when(d.value("paid_at").toString())));
    m_payments->setItem(row, 1, new QTableWidgetItem(portal::money(d.value("amount_cents").toInteger(), d.value("currency").toString())));
    m_payments->setItem(row, 2, new QTableWidgetItem(d.value("reference").toString()));
  }
}

bool InvoicesPage::savePdf(const QString& invoiceId, const QString& path, QString* error) const {
  const QJsonObject invoice = store() ? store()->record(invoiceId) : QJsonObject{};
  if (invoice.isEmpty()) {
    if (error) *error = tr("Choose an invoice first.");
    return false;
  }
  const auto d = portal::dataOf(invoice);
  const QString cur = d.value("currency").toString();
  const auto esc = [](const QString& s) { return s.toHtmlEscaped(); };
  QString html = QStringLiteral("<h1>%1</h1><h2>%2 %3</h2>")
                     .arg(esc(m_window.windowTitle()), tr("Invoice"), esc(d.value("number").toString()));
  html += QStringLiteral("<p>%1: %2<br>%3: %4<br>%5: %6</p>")
              .arg(tr("Issued"), portal::date(d.value("issued").toString()), tr("Due"),
                   portal::date(d.value("due").toString()), tr("Status"), portal::invoiceStateText(portal::invoiceState(d)));
  if (!d.value("reference").toString().isEmpty()) html += QStringLiteral("<p>%1: %2</p>").arg(tr("Reference"), esc(d.value("reference").toString()));
  html += QStringLiteral("<table border='1' cellpadding='6' cellspacing='0' width='100%'><tr><th align='left'>%1</th></tr>").arg(tr("Description"));
  for (const auto& line : d.value("lines").toArray()) html += QStringLiteral("<tr><td>%1</td></tr>").arg(esc(line.toString()));
  html += QStringLiteral("</table><p><b>%1: %2</b><br>%3: %4<br>%5: %6</p>")
              .arg(tr("Total"), portal::money(d.value("amount_cents").toInteger(), cur), tr("Paid"),
                   portal::money(d.value("amount_paid_cents").toInteger(), cur), tr("Still to pay"),
                   portal::money(portal::outstandingCents(d), cur));
  // Written beside the target and moved into place, so a half-written PDF is never left behind.
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    if (error) *error = tr("%1 could not be written: %2").arg(path, file.errorString());
    return false;
  }
  {
    QPdfWriter pdf(&file);
    pdf.setPageSize(QPageSize(QPageSize::A4));
    pdf.setTitle(tr("Invoice %1").arg(d.value("number").toString()));
    pdf.setCreator(m_window.windowTitle());
    QTextDocument doc;
    doc.setHtml(html);
    doc.setPageSize(pdf.pageLayout().paintRectPixels(pdf.resolution()).size());
    doc.print(&pdf);
  }
  if (!file.commit()) {
    if (error) *error = tr("%1 could not be written: %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

}  // namespace kete::app
