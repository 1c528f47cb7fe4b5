// The README's demo, as a person would try it: seed the demo business, serve it, sign in to each
// app with a printed login, trust the printed fingerprint, and see that login's own data only.
// Saves the screenshots the README shows.
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSettings>
#include <QtTest>

#include "app_setup.h"
#include "client_app.h"
#include "partner_app.h"
#include "server_process.h"
#include "staff_app.h"
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

  void staffSeesTheirClientsWork() {
    auto w = signIn("staff", "mere@harbourlane.co.nz");
    QVERIFY(w);
    QTRY_VERIFY(rows(*w, "announcements").join(' ').contains("Wellington Anniversary"));
    QVERIFY(rows(*w, "jobs").join(' ').contains("2026 annual accounts"));  // Kauri Joinery, assigned to Mere
    screenshot(*w, "demo-staff");
    QTest::mouseClick(w->findChild<QPushButton*>("signOutButton"), Qt::LeftButton);
    QTRY_VERIFY(!w->isSignedIn());
  }

  void clientSeesOnlyItsOwnCompany() {
    auto sam = signIn("client", "sam@kaurijoinery.co.nz");
    QVERIFY(sam);
    QTRY_VERIFY(rows(*sam, "invoices").join(' ').contains("INV-2026-0142"));
    QVERIFY(rows(*sam, "document_requests").isEmpty());  // the café's request is not Kauri's
    QVERIFY(!sam->findChild<QListView*>("announcements"));  // nothing internal in the client app
    screenshot(*sam, "demo-client");
    QTest::mouseClick(sam->findChild<QPushButton*>("signOutButton"), Qt::LeftButton);
    QTRY_VERIFY(!sam->isSignedIn());
    sam.reset();

    auto lena = signIn("client", "lena@pohutukawacafe.co.nz");
    QVERIFY(lena);
    QTRY_VERIFY(rows(*lena, "document_requests").join(' ').contains("Bank statements"));
    QVERIFY(rows(*lena, "invoices").isEmpty());
    QVERIFY(rows(*lena, "jobs").isEmpty());
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
