// The README's demo, as a person would try it: seed the demo business, serve it, sign in to each
// app with a printed login, trust the printed fingerprint, and see that login's own data only.
// Saves the screenshots the README shows.
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTableWidget>
#include <QPushButton>
#include <QSettings>
#include <QtTest>

#include "app_setup.h"
#include "client_app.h"
#include "partner_app.h"
#include "server_process.h"
#include "staff_app.h"
#include "store/local_store.h"
#include "widgets/app_window.h"

using kete::app::AppProfile;
using kete::app::AppWindow;
using kete::test::ServerProcess;

class DemoApps : public QObject {
  Q_OBJECT
  ServerProcess m_server;

  static QStringList rows(AppWindow& w, const char* collection) {
    QStringList out;
    if (auto* view = w.findChild<QListView*>(collection))
      for (int i = 0; i < view->model()->rowCount(); ++i) out << view->model()->index(i, 0).data().toString();
    return out;
  }

  std::unique_ptr<AppWindow> signIn(const QString& app, const QString& email) {
    QSettings().clear();
    AppProfile profile = app == "staff" ? kete::staff::profile()
                         : app == "partner" ? kete::partner::profile()
                                            : *kete::client::profile(nullptr);
    kete::app::prepareApplication(*qApp, profile);
    auto w = app == "staff" ? kete::staff::createMainWindow(profile)
             : app == "partner" ? kete::partner::createMainWindow(profile)
                                : kete::client::createMainWindow(profile);
    w->resize(1000, 680);
    w->show();
    w->start();
    if (!QTest::qWaitForWindowExposed(w.get())) return nullptr;
    w->findChild<QLineEdit*>("serverAddress")->setText(QString("127.0.0.1:%1").arg(m_server.port()));
    w->findChild<QLineEdit*>("email")->setText(email);
    w->findChild<QLineEdit*>("password")->setText("harbour-lane-demo");
    QTest::mouseClick(w->findChild<QPushButton*>("signInButton"), Qt::LeftButton);
    auto* box = w->findChild<QFrame*>("fingerprintBox");
    if (!QTest::qWaitFor([&] { return box->isVisible(); }, 10000)) return nullptr;
    if (w->findChild<QLabel*>("fingerprint")->text() != m_server.fingerprint()) return nullptr;  // as printed
    QTest::mouseClick(w->findChild<QPushButton*>("trustButton"), Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return w->findChild<QLabel*>("connectionState")->text().contains("Up to date"); }, 15000))
      return nullptr;
    return w;
  }

  void screenshot(AppWindow& w, const QString& name) {
    QDir().mkpath(KETE_SCREENSHOT_DIR);
    QTest::qWait(100);
    QVERIFY(w.grab().save(QStringLiteral(KETE_SCREENSHOT_DIR "/%1.png").arg(name)));
  }

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    auto seeded = ServerProcess::run({"seed-demo", "--data", m_server.dataDir()});
    QCOMPARE(seeded.exitCode, 0);
    QVERIFY(seeded.out.contains("aroha@harbourlane.co.nz"));
    QVERIFY(m_server.start());
  }

  // A list's lines as shown, whether an item widget or a view over a model of the cache.
  static QStringList items(QWidget* root, const char* listName) {
    QStringList out;
    if (auto* list = root ? root->findChild<QAbstractItemView*>(listName) : nullptr)
      for (int i = 0; i < list->model()->rowCount(); ++i) out << list->model()->index(i, 0).data().toString();
    return out;
  }
  static QStringList cells(QWidget* root, const char* tableName, int column) {
    QStringList out;
    if (auto* table = root ? root->findChild<QTableWidget*>(tableName) : nullptr)
      for (int i = 0; i < table->rowCount(); ++i) out << (table->item(i, column) ? table->item(i, column)->text() : QString());
    return out;
  }
  static void showTab(AppWindow& w, QWidget* page) {
    auto* tabs = w.findChild<QTabWidget*>("sections");
    tabs->setCurrentWidget(page);
  }

  void staffSeesTheirClientsWork() {
    auto w = signIn("staff", "mere@harbourlane.co.nz");
    QVERIFY(w);
    QTRY_VERIFY(rows(*w, "announcements").join(' ').contains("Wellington Anniversary"));
    // The Clients area: only Kauri Joinery (assigned to Mere), with its job, invoices and notes.
    auto* clients = w->findChild<QWidget*>("clientsPage");
    QVERIFY(clients);
    showTab(*w, clients);
    QTRY_COMPARE(items(clients, "clientList"), QStringList{"Kauri Joinery Ltd"});
    QTRY_VERIFY(items(clients, "jobList").join(' ').contains("2026 annual accounts"));
    QVERIFY(cells(clients, "invoiceTable", 0).contains("INV-2026-0142"));
    QVERIFY(clients->findChild<QPlainTextEdit*>("clientNotes")->toPlainText().contains("CNC machine"));
    QCOMPARE(cells(clients, "clientContacts", 0), (QStringList{"Priya Shah", "Sam Patel"}));
    clients->findChild<QTabWidget*>("clientTabs")->setCurrentIndex(2);  // Jobs, with the staff's buttons
    screenshot(*w, "demo-staff-clients");
    showTab(*w, w->findChild<QWidget*>("announcements"));
    screenshot(*w, "demo-staff");
    QTest::mouseClick(w->findChild<QPushButton*>("signOutButton"), Qt::LeftButton);
    QTRY_VERIFY(!w->isSignedIn());
  }

  void clientSeesOnlyItsOwnCompany() {
    auto sam = signIn("client", "sam@kaurijoinery.co.nz");
    QVERIFY(sam);
    QTRY_VERIFY(items(sam.get(), "needsList").join(' ').contains("Pay invoice INV-2026-0142"));
    QVERIFY(cells(sam.get(), "invoiceTable", 0).contains("INV-2026-0098"));  // paid, with its payment
    QVERIFY(items(sam.get(), "requestList").isEmpty());  // the café's request is not Kauri's
    QVERIFY(items(sam.get(), "jobsGlance").join(' ').contains("2026 annual accounts: In review (3 of 5)"));
    QVERIFY(items(sam.get(), "latestMessages").join(' ').contains("Aroha Ngata"));
    QVERIFY(!sam->findChild<QListView*>("announcements"));  // nothing internal in the client app
    auto* tabs = sam->findChild<QTabWidget*>("sections");
    QVERIFY(tabs->isTabVisible(tabs->indexOf(sam->findChild<QWidget*>("invoicesPage"))));
    screenshot(*sam, "demo-client");
    showTab(*sam, sam->findChild<QWidget*>("jobsPage"));
    screenshot(*sam, "demo-client-jobs");
    showTab(*sam, sam->findChild<QWidget*>("invoicesPage"));
    auto* invoiceTable = sam->findChild<QTableWidget*>("invoiceTable");
    invoiceTable->selectRow(int(cells(sam.get(), "invoiceTable", 0).indexOf("INV-2026-0098")));
    QTRY_COMPARE(cells(sam.get(), "paymentTable", 2), QStringList{"Direct credit"});  // its payment
    screenshot(*sam, "demo-client-invoices");
    QTest::mouseClick(sam->findChild<QPushButton*>("signOutButton"), Qt::LeftButton);
    QTRY_VERIFY(!sam->isSignedIn());
    sam.reset();

    // Priya works at Kauri too, but the business keeps invoices from her: no page, no rows.
    auto priya = signIn("client", "priya@kaurijoinery.co.nz");
    QVERIFY(priya);
    QTRY_VERIFY(items(priya.get(), "jobsGlance").join(' ').contains("2026 annual accounts"));
    auto* priyaTabs = priya->findChild<QTabWidget*>("sections");
    QVERIFY(!priyaTabs->isTabVisible(priyaTabs->indexOf(priya->findChild<QWidget*>("invoicesPage"))));
    QVERIFY(cells(priya.get(), "invoiceTable", 0).isEmpty());
    QVERIFY(priya->store()->records("invoices").isEmpty() && priya->store()->records("payments").isEmpty());
    QVERIFY(!items(priya.get(), "needsList").join(' ').contains("invoice"));
    QTest::mouseClick(priya->findChild<QPushButton*>("signOutButton"), Qt::LeftButton);
    QTRY_VERIFY(!priya->isSignedIn());
    priya.reset();

    auto lena = signIn("client", "lena@pohutukawacafe.co.nz");
    QVERIFY(lena);
    QTRY_VERIFY(items(lena.get(), "needsList").join(' ').contains("Send us: Bank statements, March to May (3 items to go)"));
    QVERIFY(items(lena.get(), "requestList").join(' ').contains("Bank statements"));
    QVERIFY(cells(lena.get(), "invoiceTable", 0).isEmpty());
    QVERIFY(!items(lena.get(), "jobList").join(' ').contains("annual accounts"));
    showTab(*lena, lena->findChild<QWidget*>("requestsPage"));
    screenshot(*lena, "demo-client-requests");
    QTest::mouseClick(lena->findChild<QPushButton*>("signOutButton"), Qt::LeftButton);
    QTRY_VERIFY(!lena->isSignedIn());
  }

  void partnerSeesNetworkResourcesAndOwnFigures() {
    auto w = signIn("partner", "tom@tauranga.harbourlane.co.nz");
    QVERIFY(w);
    QTRY_VERIFY(rows(*w, "partner_resources").join(' ').contains("brand guide"));
    QVERIFY(rows(*w, "partner_metrics").join(' ').contains("new_clients"));
    screenshot(*w, "demo-partner");
    QTest::mouseClick(w->findChild<QPushButton*>("signOutButton"), Qt::LeftButton);
    QTRY_VERIFY(!w->isSignedIn());
  }
};

QTEST_MAIN(DemoApps)
#include "tst_demo_apps.moc"
