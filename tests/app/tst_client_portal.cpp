// The client portal and the staff Clients area as people use them, under Xvfb against the real
// server: staff import invoices from a Xero export and decide which contacts see them, each
// client contact sees only their own company (and invoices only when allowed), and work done
// offline (an upload for a document request, a message) goes out when the server is back.
#include <QCheckBox>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QTableView>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "accounting/invoice_import.h"
#include "app_setup.h"
#include "client_app.h"
#include "staff_app.h"
#include "store/local_store.h"
#include "test_world.h"
#include "transfer/transfer_queue.h"
#include "widgets/app_window.h"
#include "widgets/document_browser.h"
#include "widgets/portal/access_log_page.h"
#include "widgets/portal/client_home_page.h"
#include "widgets/portal/clients_page.h"
#include "widgets/portal/invoices_page.h"
#include "widgets/portal/jobs_page.h"
#include "widgets/portal/messages_page.h"
#include "widgets/portal/requests_page.h"
#include "widgets/portal/xero_import_dialog.h"

using namespace kete::test;
using kete::app::AppWindow;
using kete::app::ImportAction;

namespace {

// A list's lines as shown, whether an item widget or a view over a model of the cache.
QStringList listItems(QWidget* root, const char* name) {
  QStringList out;
  if (auto* list = root->findChild<QAbstractItemView*>(name))
    for (int i = 0; i < list->model()->rowCount(); ++i) out << list->model()->index(i, 0).data().toString();
  return out;
}

QStringList column(QWidget* root, const char* name, int c) {
  QStringList out;
  if (auto* table = root->findChild<QTableWidget*>(name))
    for (int i = 0; i < table->rowCount(); ++i) out << (table->item(i, c) ? table->item(i, c)->text() : QString());
  return out;
}

}  // namespace

class ClientPortal : public QObject {
  Q_OBJECT
  std::unique_ptr<ServerProcess> m_server;
  std::unique_ptr<TestWorld> m_world;
  QTemporaryDir m_files;
  QString m_jobA, m_jobB, m_request;
  QList<QUrl> m_opened;  // what the app handed to the desktop to open

 public slots:
  void opened(const QUrl& url) { m_opened << url; }

 private:

  std::unique_ptr<AppWindow> signIn(const QString& app, const QString& who) {
    QSettings().clear();
    QString error;
    const auto profile = app == "staff" ? kete::staff::profile() : *kete::client::profile(&error);
    kete::app::prepareApplication(*qApp, profile);
    auto w = app == "staff" ? kete::staff::createMainWindow(profile) : kete::client::createMainWindow(profile);
    w->resize(1100, 720);
    w->show();
    w->start();
    if (!QTest::qWaitForWindowExposed(w.get())) return nullptr;
    w->findChild<QLineEdit*>("serverAddress")->setText(QString("127.0.0.1:%1").arg(m_server->port()));
    w->findChild<QLineEdit*>("email")->setText((*m_world)[who].email);
    w->findChild<QLineEdit*>("password")->setText(kPassword);
    QTest::mouseClick(w->findChild<QPushButton*>("signInButton"), Qt::LeftButton);
    auto* trust = w->findChild<QPushButton*>("trustButton");
    if (!QTest::qWaitFor([&] { return trust->isVisible() || w->isSignedIn(); }, 10000)) return nullptr;
    if (!w->isSignedIn()) QTest::mouseClick(trust, Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return w->isSignedIn() && w->transfers(); }, 10000)) return nullptr;
    return w;
  }

  // Signs in again in a window whose person signed out (a shared computer).
  bool signInAgain(AppWindow& w, const QString& who) {
    w.findChild<QLineEdit*>("serverAddress")->setText(QString("127.0.0.1:%1").arg(m_server->port()));
    w.findChild<QLineEdit*>("email")->setText((*m_world)[who].email);
    w.findChild<QLineEdit*>("password")->setText(kPassword);
    QTest::mouseClick(w.findChild<QPushButton*>("signInButton"), Qt::LeftButton);
    auto* trust = w.findChild<QPushButton*>("trustButton");
    if (!QTest::qWaitFor([&] { return trust->isVisible() || w.isSignedIn(); }, 10000)) return false;
    if (!w.isSignedIn()) QTest::mouseClick(trust, Qt::LeftButton);
    return QTest::qWaitFor([&] { return w.isSignedIn() && w.transfers(); }, 10000);
  }

  static void signOut(std::unique_ptr<AppWindow>& w) {
    QTest::mouseClick(w->findChild<QPushButton*>("signOutButton"), Qt::LeftButton);
    QTRY_VERIFY(!w->isSignedIn());
    w.reset();
  }

  static QStringList invoiceNumbers(AppWindow& w) {
    QStringList out;
    for (const auto& r : w.store()->records("invoices")) out << r.value("data").toObject().value("number").toString();
    out.sort();
    return out;
  }

  QString writeFile(const QString& name, const QByteArray& bytes) {
    QFile f(m_files.path() + "/" + name);
    if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(f.fileName()));
    f.write(bytes);
    return f.fileName();
  }

  QString sampleExport() const { return QFINDTESTDATA("data/xero-sales-invoices.csv"); }

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    m_server = std::make_unique<ServerProcess>();
    m_world = std::make_unique<TestWorld>(*m_server);
    QVERIFY2(m_world->build(), qPrintable(m_world->error()));
    TestWorld& w = *m_world;
    const auto stages = QJsonArray{QJsonObject{{"name", "Submitted"}, {"done_on", "2026-11-02"}}, QJsonObject{{"name", "Valuation"}},
                                   QJsonObject{{"name", "Approved"}}, QJsonObject{{"name", "Settled"}}};
    m_jobA = newId();
    m_jobB = newId();
    m_request = newId();
    QCOMPARE(w.push("staff", "jobs", "create", m_jobA, 0,
                    {{"tenant_id", w.tenant("clientA")}, {"title", "Mortgage for 12 Rata St"}, {"stage", "Submitted"}, {"stages", stages}})
                 .value("status").toString(), QString("applied"));
    QCOMPARE(w.push("admin", "jobs", "create", m_jobB, 0,
                    {{"tenant_id", w.tenant("clientB")}, {"title", "Company B restructure"}, {"stage", "Submitted"}, {"stages", stages}})
                 .value("status").toString(), QString("applied"));
    QCOMPARE(w.push("staff", "document_requests", "create", m_request, 0,
                    {{"tenant_id", w.tenant("clientA")}, {"title", "Bank statements"}, {"due", "2026-12-12"}, {"status", "open"},
                     {"items", QJsonArray{QJsonObject{{"name", "March"}, {"status", "open"}}, QJsonObject{{"name", "April"}, {"status", "open"}}}}})
                 .value("status").toString(), QString("applied"));
  }

  // Staff bring invoices in from a Xero export: contacts are matched once, by hand; rows that
  // cannot be read are listed with their line; importing the same file again adds nothing.
  void staffImportInvoicesFromXero() {
    auto w = signIn("staff", "staff");
    QVERIFY(w);
    auto* clients = w->findChild<kete::app::ClientsPage*>("clientsPage");
    QTRY_COMPARE(listItems(clients, "clientList"), QStringList{"Tenant clientA"});  // assigned only
    const QString A = m_world->tenant("clientA");

    kete::app::XeroImportDialog dialog(*w);
    QVERIFY(dialog.load(sampleExport()));
    QCOMPARE(dialog.plan().count(ImportAction::Kind::NoClient), 5);  // nothing is guessed from names
    QCOMPARE(dialog.plan().problems.size(), 4);
    QCOMPARE(dialog.plan().skipped.size(), 4);
    QVERIFY(dialog.report().contains("31/13/2026"));  // the refused row, named with its value
    dialog.matchContact("Kōwhai Plumbing Ltd", "accounts@kowhaiplumbing.co.nz", A);
    QCOMPARE(dialog.plan().count(ImportAction::Kind::Create), 3);
    auto summary = dialog.import();
    QCOMPARE(summary.created, 3);
    QCOMPARE(summary.notImported, 2);  // Tui & Rata: no client chosen yet
    QCOMPARE(invoiceNumbers(*w), (QStringList{"INV-0101", "INV-0103", "INV-0106"}));

    dialog.matchContact("Tui & Rata Design Ltd", "hello@tuirata.co.nz", A);
    QCOMPARE(dialog.plan().count(ImportAction::Kind::Unchanged), 3);
    QCOMPARE(dialog.plan().count(ImportAction::Kind::Create), 2);
    summary = dialog.import();
    QCOMPARE(summary.created, 2);
    QCOMPARE(summary.payments, 2);  // INV-0102 paid in full, INV-0107 in part

    // Sent to the server, where the client (and only the client) reads them.
    const auto outbox = [&] {
      QStringList out;
      for (const auto& e : w->store()->pending(100)) out << e.collection + " " + e.state + " " + e.error;
      for (const auto& e : w->store()->problems()) out << e.collection + " " + e.state + " " + e.error;
      return out.join("; ");
    };
    QTRY_VERIFY2_WITH_TIMEOUT(w->store()->pendingCount() == 0 && w->store()->problems().isEmpty(), qPrintable(outbox()), 20000);
    QVERIFY(m_world->pull("clientA"));
    QStringList seen;
    for (const auto& d : (*m_world)["clientA"].sync.data)
      if (d.contains("number") && d.value("source").toString() == "xero") seen << d.value("number").toString();
    seen.sort();
    QCOMPARE(seen, (QStringList{"INV-0101", "INV-0102", "INV-0103", "INV-0106", "INV-0107"}));

    // A later import of the same export: the contacts are remembered, nothing is doubled.
    kete::app::XeroImportDialog again(*w);
    QVERIFY(again.load(sampleExport()));
    QCOMPARE(again.plan().count(ImportAction::Kind::Unchanged), 5);
    QCOMPARE(again.plan().count(ImportAction::Kind::Create), 0);
    QCOMPARE(again.import().created, 0);
    QCOMPARE(invoiceNumbers(*w).size(), 5);
    signOut(w);
  }

  // The business decides per contact who sees invoices, with the switch on the Contacts tab;
  // the contact's app gains or loses the billing bucket at its next pull.
  void staffDecideWhoSeesInvoices() {
    auto w = signIn("staff", "staff");
    QVERIFY(w);
    auto* clients = w->findChild<kete::app::ClientsPage*>("clientsPage");
    QTRY_COMPARE(column(clients, "clientContacts", 0).size(), 2);
    auto* table = clients->findChild<QTableWidget*>("clientContacts");
    const auto switchFor = [&](const QString& name) -> QCheckBox* {
      for (int row = 0; row < table->rowCount(); ++row)
        if (table->item(row, 0)->text() == name) return qobject_cast<QCheckBox*>(table->cellWidget(row, 2));
      return nullptr;
    };
    QSignalSpy changed(clients, &kete::app::ClientsPage::contactChanged);
    auto* a2 = switchFor("Person clientA2");
    QVERIFY(a2);
    QVERIFY(!a2->isChecked());  // as the world was built
    a2->click();
    QTRY_COMPARE(changed.size(), 1);
    QCOMPARE(changed[0][0].toBool(), true);
    const QString billing = "client-billing:" + m_world->tenant("clientA");
    (*m_world)["clientA2"].sync = SyncState{};
    QVERIFY(m_world->pull("clientA2"));
    QVERIFY((*m_world)["clientA2"].sync.cursors.contains(billing));
    QTRY_VERIFY(switchFor("Person clientA2") && switchFor("Person clientA2")->isChecked());  // the list was fetched again
    switchFor("Person clientA2")->click();
    QTRY_COMPARE(changed.size(), 2);
    QVERIFY(m_world->pull("clientA2"));
    QVERIFY((*m_world)["clientA2"].sync.removedBuckets.contains(billing));
    QCOMPARE(m_world->get("clientA2", "/api/v1/me").json().value("sees_invoices").toBool(true), false);
    signOut(w);
  }

  // On a shared computer: staff sign out and someone signs in again in the same window. Nothing
  // of the first session may linger or crash, and the Clients area is filled again.
  void signOutAndInAgainInOneWindow() {
    auto w = signIn("staff", "staff");
    QVERIFY(w);
    auto* clients = w->findChild<kete::app::ClientsPage*>("clientsPage");
    QTRY_COMPARE(listItems(clients, "clientList"), QStringList{"Tenant clientA"});
    QTest::mouseClick(w->findChild<QPushButton*>("signOutButton"), Qt::LeftButton);
    QTRY_VERIFY(!w->isSignedIn());
    QVERIFY(listItems(clients, "clientList").isEmpty());
    QVERIFY(signInAgain(*w, "staff"));  // the same person again: the list is fetched again
    QTRY_COMPARE(listItems(clients, "clientList"), QStringList{"Tenant clientA"});
    QTest::mouseClick(w->findChild<QPushButton*>("signOutButton"), Qt::LeftButton);
    QTRY_VERIFY(!w->isSignedIn());
    QVERIFY(signInAgain(*w, "staff2"));  // not assigned to anyone
    QTest::qWait(500);
    QVERIFY(listItems(clients, "clientList").isEmpty());
    signOut(w);
  }

  void eachContactSeesOnlyTheirOwn() {
    auto a = signIn("client", "clientA");
    QVERIFY(a);
    QTRY_COMPARE_WITH_TIMEOUT(invoiceNumbers(*a).size(), 5, 15000);
    auto* invoices = a->findChild<kete::app::InvoicesPage*>("invoicesPage");
    QVERIFY(column(invoices, "invoiceTable", 0).contains("INV-0107"));
    QVERIFY(listItems(a.get(), "jobsGlance").join(' ').contains("Mortgage for 12 Rata St: Submitted (1 of 4)"));
    QVERIFY(!listItems(a.get(), "jobsGlance").join(' ').contains("Company B"));
    QVERIFY(listItems(a.get(), "needsList").join(' ').contains("Pay invoice INV-0107"));
    QVERIFY(listItems(a.get(), "needsList").join(' ').contains("Send us: Bank statements"));
    // An invoice saved as a PDF.
    const QString pdf = m_files.path() + "/INV-0107.pdf";
    QString error;
    QString id;
    for (const auto& r : a->store()->records("invoices"))
      if (r.value("data").toObject().value("number").toString() == "INV-0107") id = r.value("id").toString();
    QVERIFY2(invoices->savePdf(id, pdf, &error), qPrintable(error));
    QFile file(pdf);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(5) == "%PDF-");
    // Who at the business opened Company A's records: staff did, when they imported and synced.
    auto* log = a->findChild<kete::app::AccessLogPage*>("accessLogPage");
    QSignalSpy fetched(log, &kete::app::AccessLogPage::refreshed);
    log->refresh();
    QTRY_COMPARE(fetched.size(), 1);
    QCOMPARE(fetched[0][0].toBool(), true);
    QStringList rows;
    for (int i = 0; i < log->rowCount(); ++i) rows << log->rowText(i);
    QVERIFY2(rows.join('\n').contains("Person staff | brought your records up to date"), qPrintable(rows.join('\n')));
    signOut(a);

    // The same company's second contact, without invoice access: no page, nothing cached.
    auto a2 = signIn("client", "clientA2");
    QVERIFY(a2);
    QTRY_VERIFY_WITH_TIMEOUT(listItems(a2.get(), "jobsGlance").join(' ').contains("Mortgage for 12 Rata St"), 15000);
    auto* tabs = a2->findChild<QTabWidget*>("sections");
    QVERIFY(!tabs->isTabVisible(tabs->indexOf(a2->findChild<QWidget*>("invoicesPage"))));
    QVERIFY(a2->store()->records("invoices").isEmpty());
    QVERIFY(a2->store()->records("payments").isEmpty());
    QVERIFY(!listItems(a2.get(), "needsList").join(' ').contains("invoice"));
    QVERIFY(listItems(a2.get(), "needsList").join(' ').contains("Bank statements"));
    signOut(a2);

    auto b = signIn("client", "clientB");
    QVERIFY(b);
    QTRY_VERIFY_WITH_TIMEOUT(listItems(b.get(), "jobsGlance").join(' ').contains("Company B restructure"), 15000);
    QVERIFY(b->store()->records("invoices").isEmpty());
    QVERIFY(!listItems(b.get(), "jobsGlance").join(' ').contains("Rata St"));
    QVERIFY(listItems(b.get(), "requestList").isEmpty());
    signOut(b);
  }

  // With the server away, the client uploads a statement for a request and writes a message;
  // both are marked as not sent, and both arrive once the server is back.
  void offlineWorkGoesOutOnReconnect() {
    auto a = signIn("client", "clientA");
    QVERIFY(a);
    auto* requests = a->findChild<kete::app::RequestsPage*>("requestsPage");
    auto* messages = a->findChild<kete::app::MessagesPage*>("messagesPage");
    QTRY_VERIFY(listItems(requests, "requestList").join(' ').contains("Bank statements"));
    const int port = m_server->port();
    QCOMPARE(m_server->stop(), 0);

    const QByteArray bytes = "%PDF-1.7\n" + randomBytes(300'000, 61);
    const QString statement = writeFile("march.pdf", bytes);
    QVERIFY(requests->uploadForItem(m_request, 0, statement));
    QVERIFY(messages->send("Here is March; April follows next week."));
    QVERIFY(messages->threadText().contains("not sent yet"));
    auto* home = a->findChild<kete::app::ClientHomePage*>("clientHome");
    QTRY_VERIFY(home->findChild<QLabel*>("unsentNote")->text().contains("not sent yet"));

    QVERIFY(m_server->start({"--listen", QString("127.0.0.1:%1").arg(port)}));
    // The file, the document naming the request's item, the ticked item and the message arrive.
    QString documentId;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
          const auto r = m_world->get("staff", "/api/v1/records/document_requests/" + m_request).json();
          const auto item = r.value("data").toObject().value("items").toArray().at(0).toObject();
          documentId = item.value("document_id").toString();
          return item.value("status").toString() == "uploaded";
        }(),
        30000);
    const auto document = m_world->get("staff", "/api/v1/records/documents/" + documentId).json().value("data").toObject();
    QCOMPARE(document.value("blob").toString(), sha256Hex(bytes));
    QCOMPARE(document.value("request_id").toString(), m_request);
    QCOMPARE(document.value("uploaded_by_client").toBool(), true);
    QVERIFY(m_world->pull("staff"));
    bool messageArrived = false;
    for (const auto& d : (*m_world)["staff"].sync.data)
      messageArrived = messageArrived || d.value("body").toString().startsWith("Here is March");
    QVERIFY(messageArrived);
    QTRY_VERIFY_WITH_TIMEOUT(!messages->threadText().contains("not sent yet"), 15000);
    QTRY_VERIFY(listItems(requests, "requestList").join(' ').contains("1 of 2 sent"));

    // A message with a file: it appears once the file is up, and staff can fetch the file.
    const QByteArray wages = "%PDF-1.7\n" + randomBytes(200'000, 63);
    const QString payslip = writeFile("wages.pdf", wages);
    QVERIFY(messages->send("Wages report attached", payslip));
    QTRY_VERIFY_WITH_TIMEOUT(messages->threadText().contains("wages.pdf"), 20000);
    QString withFile;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
          if (!m_world->pull("staff")) return false;
          for (auto it = (*m_world)["staff"].sync.data.cbegin(); it != (*m_world)["staff"].sync.data.cend(); ++it)
            if (it.value().value("file_name").toString() == "wages.pdf") withFile = it.value().value("blob").toString();
          return !withFile.isEmpty();
        }(),
        20000);
    QCOMPARE(withFile, sha256Hex(wages));
    QCOMPARE(m_world->get("staff", "/api/v1/blobs/" + withFile).body, wages);
    QCOMPARE(m_world->get("clientB", "/api/v1/blobs/" + withFile).status, 404);
    signOut(a);
  }

  // Staff with the app open are told when a client sends a file, and see the client's message.
  void staffAreToldOfClientUploads() {
    auto w = signIn("staff", "staff");
    QVERIFY(w);
    auto* clients = w->findChild<kete::app::ClientsPage*>("clientsPage");
    QTRY_VERIFY(listItems(clients, "clientList").contains("Tenant clientA"));
    QTRY_VERIFY_WITH_TIMEOUT(w->store()->records("documents").size() >= 1, 15000);
    // The client sends another file while staff watch.
    const QByteArray bytes = "%PDF-1.7\n" + randomBytes(1000, 62);
    auto& client = (*m_world)["clientA"];
    QCOMPARE(client.http->send("PUT", m_server->url("/api/v1/blobs/" + sha256Hex(bytes)), bytes).status, 201);
    QCOMPARE(m_world->push("clientA", "documents", "create", newId(), 0,
                           {{"folder", "Requests/Bank statements"}, {"title", "april.pdf"}, {"blob", sha256Hex(bytes)}})
                 .value("status").toString(), QString("applied"));
    QTRY_VERIFY_WITH_TIMEOUT(w->notifications().join(' ').contains("sent “april.pdf”"), 15000);
    QVERIFY(!w->notifications().join(' ').contains("march.pdf"));  // older than this sign-in: not news
    auto* messages = clients->messages();
    QTRY_VERIFY(messages->threadText().contains("Here is March"));
    signOut(w);
  }
  // The review's first finding, as the attacker played it: a client uploads a Windows program as
  // "Q3 GST return.pdf" and tries to make its record say it is an executable. The server keeps
  // the type it sniffed; the staff app refuses to hand the file to the desktop; a real PDF still
  // opens, as a .pdf.
  void staffNeverOpenAProgramAClientSent() {
    QByteArray program("MZ\x90\0\x03\0\0\0\x04\0\0\0\xFF\xFF", 14);
    program += randomBytes(4000, 63);
    auto& client = (*m_world)["clientA"];
    QCOMPARE(client.http->send("PUT", m_server->url("/api/v1/blobs/" + sha256Hex(program)), program).status, 201);
    const QString id = newId();
    QCOMPARE(m_world->push("clientA", "documents", "create", id, 0,
                           {{"folder", "2026/GST"}, {"title", "Q3 GST return.pdf"}, {"blob", sha256Hex(program)}})
                 .value("status").toString(), QString("applied"));
    const auto forged = m_world->push("clientA", "documents", "update", id, 1, {{"mime", "application/x-ms-dos-executable"}});
    QCOMPARE(forged.value("status").toString(), QString("rejected"));
    const QByteArray real = "%PDF-1.7\n" + randomBytes(2000, 64);
    QCOMPARE(client.http->send("PUT", m_server->url("/api/v1/blobs/" + sha256Hex(real)), real).status, 201);
    QCOMPARE(m_world->push("clientA", "documents", "create", newId(), 0,
                           {{"folder", "2026/GST"}, {"title", "Q2 GST return"}, {"blob", sha256Hex(real)}})
                 .value("status").toString(), QString("applied"));

    auto w = signIn("staff", "staff");
    QVERIFY(w);
    auto* clients = w->findChild<kete::app::ClientsPage*>("clientsPage");
    QTRY_VERIFY(listItems(clients, "clientList").contains("Tenant clientA"));
    auto* browser = clients->findChild<kete::app::DocumentBrowser*>("documents");
    QVERIFY(browser);
    auto* list = browser->findChild<QTableView*>("documentList");
    auto rowOf = [&](const QString& title) {
      for (int row = 0; row < list->model()->rowCount(); ++row)
        if (list->model()->index(row, 0).data().toString() == title) return row;
      return -1;
    };
    QTRY_VERIFY_WITH_TIMEOUT(rowOf("Q3 GST return.pdf") >= 0 && rowOf("Q2 GST return") >= 0, 15000);
    const auto record = w->store()->record(id).value("data").toObject();
    QCOMPARE(record.value("mime").toString(), QString("application/vnd.microsoft.portable-executable"));

    QDesktopServices::setUrlHandler("file", this, "opened");
    m_opened.clear();
    list->selectRow(rowOf("Q3 GST return.pdf"));
    QTest::mouseClick(browser->findChild<QPushButton*>("openButton"), Qt::LeftButton);
    auto* status = browser->findChild<QLabel*>("documentStatus");
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains("was not opened"), 5000);
    list->selectRow(rowOf("Q2 GST return"));
    QTest::mouseClick(browser->findChild<QPushButton*>("openButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_opened.size(), 1, 20000);
    QDesktopServices::unsetUrlHandler("file");
    QCOMPARE(QFileInfo(m_opened.first().toLocalFile()).fileName(), QString("Q2 GST return.pdf"));
    // Nothing of the program was left where the desktop opens files.
    for (const auto& name : QDir(kete::app::DocumentBrowser::openFolder()).entryList(QDir::Files))
      QVERIFY2(!name.startsWith("Q3"), qPrintable(name));
    signOut(w);
  }
};

QTEST_MAIN(ClientPortal)
#include "tst_client_portal.moc"
