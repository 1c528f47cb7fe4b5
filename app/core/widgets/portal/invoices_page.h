#pragma once
// Invoices and payments: what is due, overdue and paid, each invoice's payments, and a PDF of it;
// staff bring invoices in from the accounting system's CSV export (Xero first).
#include "widgets/portal/cache_page.h"

class QLabel;
class QPushButton;
class QTableWidget;

namespace kete::app {

class InvoicesPage : public CachePage {
  Q_OBJECT
 public:
  explicit InvoicesPage(AppWindow& window, QWidget* parent = nullptr);
  void reload() override;

  // Writes the invoice as a PDF (the business's name, the invoice, its payments); false with the
  // reason in *error.
  bool savePdf(const QString& invoiceId, const QString& path, QString* error = nullptr) const;
  QString selectedInvoice() const;

 private:
  void showPayments();

  QLabel* m_totals;
  QTableWidget* m_table;
  QTableWidget* m_payments;
  QPushButton* m_pdf;
  QPushButton* m_import;
};

}  // namespace kete::app
