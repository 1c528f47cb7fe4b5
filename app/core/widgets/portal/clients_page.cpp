#include "widgets/portal/clients_page.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

#include "net/api_client.h"
#include "session/session.h"
#include "store/local_store.h"
#include "widgets/app_window.h"
#include "widgets/document_browser.h"
#include "widgets/portal/invoices_page.h"
#include "widgets/portal/jobs_page.h"
#include "widgets/portal/messages_page.h"
#include "widgets/portal/portal_format.h"
#include "widgets/portal/portal_widgets.h"
#include "widgets/portal/requests_page.h"

namespace kete::app {

ClientsPage::ClientsPage(AppWindow& window, QWidget* parent) : CachePage(window, parent) {
  m_filter = new QLineEdit(this);
  m_filter->setPlaceholderText(tr("Find a client"));
  m_filter->setClearButtonEnabled(true);
  m_list = new QListWidget(this);
  m_list->setObjectName(QStringLiteral("clientList"));
  auto* refresh = new QPushButton(tr("Refresh list"), this);
  auto* left = new QWidget(this);
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(0, 0, 0, 0);
  leftLayout->addWidget(m_filter);
  leftLayout->addWidget(m_list, 1);
  leftLayout->addWidget(refresh);

  m_name = new QLabel(this);
  m_name->setObjectName(QStringLiteral("title"));
  m_tabs = new QTabWidget(this);
  m_tabs->setObjectName(QStringLiteral("clientTabs"));
  m_documents = new DocumentBrowser(m_tabs);
  m_requests = new RequestsPage(window, m_tabs);
  m_jobs = new JobsPage(window, m_tabs);
  m_invoices = new InvoicesPage(window, m_tabs);
  m_messages = new MessagesPage(window, m_tabs);
  auto* notesPage = new QWidget(m_tabs);
  m_notes = new QPlainTextEdit(notesPage);
  m_notes->setObjectName(QStringLiteral("clientNotes"));
  m_notes->setReadOnly(true);
  m_newNote = new QPlainTextEdit(notesPage);
  m_newNote->setPlaceholderText(tr("A note for the team (never shown to the client)"));
  m_newNote->setMaximumHeight(80);
  auto* addNoteButton = new QPushButton(tr("Add note"), notesPage);
  auto* notesLayout = new QVBoxLayout(notesPage);
  notesLayout->addWidget(m_notes, 1);
  notesLayout->addWidget(m_newNote);
  notesLayout->addWidget(addNoteButton, 0, Qt::AlignRight);
  auto* contactsPage = new QWidget(m_tabs);
  m_contacts = portal::makeTable(contactsPage, QStringLiteral("clientContacts"), {tr("Contact"), tr("E-mail"), tr("Sees invoices")});
  m_contactStatus = new QLabel(contactsPage);
  m_contactStatus->setWordWrap(true);
  auto* contactsLayout = new QVBoxLayout(contactsPage);
  contactsLayout->addWidget(m_contacts, 1);
  contactsLayout->addWidget(m_contactStatus);

  m_tabs->addTab(m_documents, tr("Documents"));
  m_tabs->addTab(m_requests, tr("Requests"));
  m_tabs->addTab(m_jobs, tr("Jobs"));
  m_tabs->addTab(m_invoices, tr("Invoices"));
  m_tabs->addTab(m_messages, tr("Messages"));
  m_tabs->addTab(notesPage, tr("Internal notes"));
  m_tabs->addTab(contactsPage, tr("Contacts"));

  auto* right = new QWidget(this);
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->setContentsMargins(0, 0, 0, 0);
  rightLayout->addWidget(m_name);
  rightLayout->addWidget(m_tabs, 1);
  auto* split = new QSplitter(this);
  split->addWidget(left);
  split->addWidget(right);
  split->setStretchFactor(1, 4);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(split);

  connect(m_filter, &QLineEdit::textChanged, this, [this] { fillClients(); });
  connect(m_list, &QListWidget::currentRowChanged, this, [this] { showClient(); });
  connect(refresh, &QPushButton::clicked, this, &ClientsPage::refreshClients);
  connect(addNoteButton, &QPushButton::clicked, this, [this] {
    if (addNote(m_newNote->toPlainText())) m_newNote->clear();
  });
  connect(m_messages, &MessagesPage::unreadChanged, this, [this](int n) {
    m_tabs->setTabText(m_tabs->indexOf(m_messages), n > 0 ? tr("Messages (%1)").arg(n) : tr("Messages"));
  });
  // The page's own document browser follows the window's cache and file transfers (set again
  // only when they change: setting them drops the transfers it is waiting for).
  connect(&window, &AppWindow::stateChanged, this, [this] { followSources(); });
}

void ClientsPage::followSources() {
  if (m_documentsStore == store() && m_documentsTransfers == m_window.transfers()) return;
  m_documentsStore = store();
  m_documentsTransfers = m_window.transfers();
  m_documents->setSources(m_documentsStore, m_documentsTransfers);
}

void ClientsPage::reload() {
  followSources();  // first: after sign-out the browser must let go of the closed cache
  if (!store()) {
    m_clients = {};
    fillClients();
    return;
  }
  if (m_clients.isEmpty()) m_clients = QJsonDocument::fromJson(store()->value(QStringLiteral("clients")).toUtf8()).array();
  fillClients();
  fillNotes();
}

void ClientsPage::refreshClients() {
  QPointer<ClientsPage> alive(this);
  const QString asked = m_window.user().value("id").toString();
  m_window.session().api().get(QStringLiteral("/api/v1/clients"), [this, alive, asked](const ApiReply& reply) {
    // An answer for someone who has signed out since is dropped, never shown to the next person.
    if (!alive || m_window.user().value("id").toString() != asked) return;
    if (!reply.ok()) {
      emit clientsRefreshed(false);
      return;
    }
    m_clients = reply.json.value("clients").toArray();
    if (store())
      store()->setValue(QStringLiteral("clients"), QString::fromUtf8(QJsonDocument(m_clients).toJson(QJsonDocument::Compact)));
    fillClients();
    emit clientsRefreshed(true);
  });
}

void ClientsPage::fillClients() {
  const QString selected = selectedClient();
  const QString filter = m_filter->text().trimmed();
  QList<QJsonObject> clients;
  for (const auto& c : m_clients)
    if (filter.isEmpty() || c.toObject().value("name").toString().contains(filter, Qt::CaseInsensitive)) clients << c.toObject();
  std::sort(clients.begin(), clients.end(), [](const QJsonObject& a, const QJsonObject& b) {
    return a.value("name").toString().compare(b.value("name").toString(), Qt::CaseInsensitive) < 0;
  });
  {
    QSignalBlocker quiet(m_list);
    m_list->clear();
    for (const auto& c : clients) {
      auto* item = new QListWidgetItem(c.value("name").toString(), m_list);
      item->setData(Qt::UserRole, c.value("id").toString());
      if (c.value("id").toString() == selected) m_list->setCurrentItem(item);
    }
    if (!m_list->currentItem() && m_list->count() > 0) m_list->setCurrentRow(0);
  }
  if (selectedClient() != selected || selected.isEmpty()) showClient();
  else fillContacts();
}

QString ClientsPage::selectedClient() const { return portal::currentId(m_list); }

void ClientsPage::selectClient(const QString& tenantId) { portal::selectId(m_list, tenantId); }

void ClientsPage::showClient() {
  const QString tenant = selectedClient();
  m_tenant = tenant;
  m_name->setText(m_list->currentItem() ? m_list->currentItem()->text()
                                        : (store() ? tr("No clients are assigned to you yet.") : QString()));
  m_tabs->setEnabled(!tenant.isEmpty());
  m_documents->setTenant(tenant);
  for (CachePage* page : std::initializer_list<CachePage*>{m_requests, m_jobs, m_invoices, m_messages}) page->setTenant(tenant);
  fillNotes();
  fillContacts();
}

void ClientsPage::fillNotes() {
  QStringList text;
  if (store() && !m_tenant.isEmpty()) {
    auto notes = store()->records(QStringLiteral("client_notes"), m_tenant);
    for (const auto& n : notes) text << portal::text(n, "body");
  }
  m_notes->setPlainText(text.join(QStringLiteral("\n\n— — —\n\n")));
}

bool ClientsPage::addNote(const QString& text) {
  if (!store() || m_tenant.isEmpty() || text.trimmed().isEmpty()) return false;
  if (store()->create(QStringLiteral("client_notes"), withTenant({{"body", text.trimmed()}})).isEmpty()) return false;
  fillNotes();
  syncSoon();
  return true;
}

void ClientsPage::fillContacts() {
  m_contacts->setRowCount(0);
  for (const auto& c : m_clients) {
    if (c.toObject().value("id").toString() != m_tenant) continue;
    for (const auto& v : c.toObject().value("contacts").toArray()) {
      const auto contact = v.toObject();
      const int row = m_contacts->rowCount();
      m_contacts->insertRow(row);
      m_contacts->setItem(row, 0, new QTableWidgetItem(contact.value("name").toString()));
      m_contacts->setItem(row, 1, new QTableWidgetItem(contact.value("email").toString()));
      auto* box = new QCheckBox(m_contacts);
      box->setChecked(contact.value("sees_invoices").toBool());
      const QString id = contact.value("id").toString();
      connect(box, &QCheckBox::toggled, this, [this, id](bool on) { setInvoiceAccess(id, on); });
      m_contacts->setCellWidget(row, 2, box);
    }
  }
}

void ClientsPage::setInvoiceAccess(const QString& contactId, bool sees) {
  QPointer<ClientsPage> alive(this);
  m_contactStatus->setText(tr("Saving…"));
  m_window.session().api().patch(QStringLiteral("/api/v1/users/") + contactId, {{"sees_invoices", sees}},
                                 [this, alive, contactId](const ApiReply& reply) {
                                   if (!alive) return;
                                   if (reply.ok()) {
                                     m_contactStatus->setText(reply.json.value("sees_invoices").toBool()
                                                                  ? tr("%1 now sees invoices and payments.").arg(reply.json.value("name").toString())
                                                                  : tr("%1 no longer sees invoices and payments; they are removed from their "
                                                                       "computer at their next sync.").arg(reply.json.value("name").toString()));
                                   } else {
                                     m_contactStatus->setText(tr("Not changed: %1").arg(reply.status == 0 ? tr("you are offline")
                                                                                                          : reply.errorMessage));
                                     fillContacts();  // the switch shows what the server still holds
                                   }
                                   refreshClients();  // the list shows what the server now holds
                                   emit contactChanged(reply.ok());
                                 });
}

}  // namespace kete::app
