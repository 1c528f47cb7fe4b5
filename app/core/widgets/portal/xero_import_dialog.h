#pragma once
// Staff import invoices and payments from a Xero CSV export: choose the file, confirm once which
// client each accounting contact is, look at what will happen to every invoice (new, now paid,
// already here, not imported and why) and at every row that was refused, then import.
#include <QDialog>
#include <QHash>

#include "accounting/invoice_import.h"

class QLabel;
class QPushButton;
class QTableWidget;

namespace kete::app {

class AppWindow;

class XeroImportDialog : public QDialog {
  Q_OBJECT
 public:
  explicit XeroImportDialog(AppWindow& window, QWidget* parent = nullptr);

  // Reads a file and shows the preview; false (with the reason shown) when it cannot be used.
  bool load(const QString& path);
  // Staff confirm which client a contact is (the same as choosing in the contact table).
  void matchContact(const QString& name, const QString& email, const QString& tenantId);
  const ImportPlan& plan() const { return m_plan; }
  // Imports what the preview shows; the summary is shown and returned.
  ImportSummary import();
  QString report() const;  // the preview as text: every invoice, problem and skipped row

 private:
  void replan();
  void fillContacts();
  void fillPreview();

  AppWindow& m_window;
  XeroParseResult m_parsed;
  ImportPlan m_plan;
  QHash<QString, QString> m_matches;  // contact key -> tenant
  QList<QPair<QString, QString>> m_clients;  // (id, name) the person looks after
  QLabel* m_file;
  QTableWidget* m_contacts;
  QTableWidget* m_preview;
  QLabel* m_summary;
  QPushButton* m_import;
};

}  // namespace kete::app
