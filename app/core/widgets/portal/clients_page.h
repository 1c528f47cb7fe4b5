#pragma once
// The staff app's Clients area: the clients this person looks after (admins: all), and for the
// chosen one the same records the client sees plus internal notes, document requests, job
// editing, invoice import, and which contacts see invoices.
#include <QJsonArray>
#include <QPointer>
#include <QSet>

#include "transfer/transfer_queue.h"

#include "widgets/portal/cache_page.h"

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace kete::app {

class DocumentBrowser;
class RequestsPage;
class JobsPage;
class InvoicesPage;
class MessagesPage;

class ClientsPage : public CachePage {
  Q_OBJECT
 public:
  explicit ClientsPage(AppWindow& window, QWidget* parent = nullptr);
  void reload() override;
  // Fetches the client list from the server (kept with the cache for offline use).
  void refreshClients();
  void selectClient(const QString& tenantId);
  QString selectedClient() const;

  DocumentBrowser* documents() const { return m_documents; }
  RequestsPage* requests() const { return m_requests; }
  JobsPage* jobs() const { return m_jobs; }
  InvoicesPage* invoices() const { return m_invoices; }
  MessagesPage* messages() const { return m_messages; }
  bool addNote(const QString& text);
  // Asks the server to let a contact see invoices, or not.
  void setInvoiceAccess(const QString& contactId, bool sees);

 signals:
  void clientsRefreshed(bool ok);
  void contactChanged(bool ok);

 private:
  void fillClients();
  void showClient();
  void fillNotes();
  void fillContacts();
  void followSources();

  QLineEdit* m_filter;
  QListWidget* m_list;
  QLabel* m_name;
  QTabWidget* m_tabs;
  DocumentBrowser* m_documents;
  RequestsPage* m_requests;
  JobsPage* m_jobs;
  InvoicesPage* m_invoices;
  MessagesPage* m_messages;
  QPlainTextEdit* m_notes;
  QPlainTextEdit* m_newNote;
  QTableWidget* m_contacts;
  QLabel* m_contactStatus;
  QJsonArray m_clients;
  LocalStore* m_documentsStore = nullptr;
  QPointer<TransferQueue> m_documentsTransfers;
};

}  // namespace kete::app
