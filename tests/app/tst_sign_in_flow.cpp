// A person signing in to the real staff app against the real server: first-contact fingerprint,
// wrong then right password, the token in the real keychain, resuming at the next start, working
// offline, signing out, and a server whose certificate changed.
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QDialog>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QtTest>
#include <csignal>

#include "transfer/transfer_queue.h"

#include "app_setup.h"
#include "auth/totp.h"
#include "session/keychain_store.h"
#include "staff_app.h"
#include "store/local_store.h"
#include "sync/sync_engine.h"
#include "test_world.h"
#include "widgets/app_window.h"

using namespace kete::test;
using kete::app::AppWindow;

class SignInFlow : public QObject {
  Q_OBJECT
  std::unique_ptr<ServerProcess> m_server;
  std::unique_ptr<TestWorld> m_world;

  std::unique_ptr<AppWindow> openWindow() {
    auto window = kete::staff::createMainWindow(kete::staff::profile());
    window->resize(1000, 700);
    window->show();
    window->start();
    if (!QTest::qWaitForWindowExposed(window.get())) return nullptr;
    return window;
  }

  std::optional<QString> keychainToken() {
    kete::app::KeychainStore store("nz.kete.staff");
    bool done = false;
    std::optional<QString> value;
    store.read("session-token", [&](const std::optional<QString>& v, const QString&) { value = v, done = true; });
    if (!QTest::qWaitFor([&] { return done; }, 10000)) qWarning("keychain read timed out");
    return value;
  }

  void signIn(AppWindow& w, const QString& password) {
    w.findChild<QLineEdit*>("serverAddress")->setText(QString("127.0.0.1:%1").arg(m_server->port()));
    w.findChild<QLineEdit*>("email")->setText("staff@people.nz");
    w.findChild<QLineEdit*>("password")->setText(password);
    QTest::mouseClick(w.findChild<QPushButton*>("signInButton"), Qt::LeftButton);
  }

  QString errorText(AppWindow& w) {
    auto* e = w.findChild<QLabel*>("error");
    return e->isVisible() ? e->text() : QString();
  }

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    kete::app::prepareApplication(*qApp, kete::staff::profile());
    m_server = std::make_unique<ServerProcess>();
    m_world = std::make_unique<TestWorld>(*m_server);
    QVERIFY2(m_world->build(), qPrintable(m_world->error()));
  }

  // What the announcements page lists, read from the window as a person sees it.
  QStringList announcements(AppWindow& w) {
    auto* view = w.findChild<QListView*>("announcements");
    QStringList out;
    if (!view) return out;
    for (int i = 0; i < view->model()->rowCount(); ++i) out << view->model()->index(i, 0).data().toString();
    return out;
  }

  void firstContactAsksThenSignsIn() {
    auto posted = m_world->push("admin", "announcements", "create", newId(), 0,
                                {{"title", "Office closed Friday"}, {"body", "Wellington Anniversary"}});
    QCOMPARE(posted.value("status").toString(), QString("applied"));
    auto w = openWindow();
    QVERIFY(w);
    QVERIFY(!w->isSignedIn());
    signIn(*w, "not-the-password");
    auto* box = w->findChild<QFrame*>("fingerprintBox");
    QTRY_VERIFY_WITH_TIMEOUT(box->isVisible(), 10000);
    QCOMPARE(w->findChild<QLabel*>("fingerprint")->text(), m_server->fingerprint());
    QVERIFY(!keychainToken());  // nothing is sent or kept before the person trusts the server
    QTest::mouseClick(w->findChild<QPushButton*>("trustButton"), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(errorText(*w).contains("not right"), qPrintable("error shown: " + errorText(*w)), 10000);
    QVERIFY(!w->isSignedIn());

    signIn(*w, kPassword);  // trusted now: no second question
    QTRY_VERIFY_WITH_TIMEOUT(w->isSignedIn(), 10000);
    QVERIFY(!box->isVisible());
    // The cache opens and the first sync runs at once.
    QTRY_VERIFY_WITH_TIMEOUT(w->findChild<QLabel*>("connectionState")->text() == "127.0.0.1 · Up to date", 10000);
    QVERIFY(w->store() && QFile::exists(w->store()->path()));
    QVERIFY(w->findChild<QLabel*>("cacheSummary")->text().contains("kept on this computer"));
    QTRY_COMPARE(announcements(*w), QStringList{"Office closed Friday — Wellington Anniversary"});
    QDir().mkpath(KETE_SCREENSHOT_DIR);
    QVERIFY(w->grab().save(KETE_SCREENSHOT_DIR "/staff-home.png"));

    // The token is in the OS keychain and nowhere in the settings file.
    auto token = keychainToken();
    QVERIFY(token && token->size() == 64);
    QSettings settings;
    for (const auto& key : settings.allKeys()) QVERIFY2(!settings.value(key).toString().contains(*token), qPrintable(key));
    HttpsClient http(m_server->fingerprint());
    http.setToken(*token);
    QCOMPARE(http.get(m_server->url("/api/v1/me")).json().value("email").toString(), QString("staff@people.nz"));
  }

  void nextStartResumesTheSession() {
    auto w = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(w->isSignedIn(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(w->findChild<QLabel*>("connectionState")->text().contains("Up to date"), 10000);
  }

  void worksOfflineWithWhatItSaved() {
    QCOMPARE(m_server->stop(), 0);
    auto w = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(w->isSignedIn(), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(w->findChild<QLabel*>("connectionState")->text().contains("Offline"), 10000);
    QCOMPARE(announcements(*w).size(), 1);  // pages read the cache: all there without the server
    QVERIFY(m_server->start({"--listen", QString("127.0.0.1:%1").arg(m_server->port())}));
  }

  // The window does not wait for the server: a server that takes the connection but does not
  // answer (stopped, not gone) still gets the saved pages at once, as the person who was signed
  // in, with what the pages need to know about them (staff: the tenant's kind).
  void startShowsSavedPagesWithoutWaitingForTheServer() {
    const auto pid = pid_t(m_server->pid());
    QCOMPARE(::kill(pid, SIGSTOP), 0);
    auto resume = qScopeGuard([pid] { ::kill(pid, SIGCONT); });
    auto w = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(w->isSignedIn(), 3000);
    QCOMPARE(announcements(*w).size(), 1);
    QCOMPARE(w->user().value("tenant").toObject().value("kind").toString(), QString("internal"));
    QVERIFY2(!w->findChild<QLabel*>("connectionState")->text().contains("Up to date"),
             qPrintable(w->findChild<QLabel*>("connectionState")->text()));
    resume.dismiss();
    QCOMPARE(::kill(pid, SIGCONT), 0);
    QTRY_VERIFY_WITH_TIMEOUT(w->findChild<QLabel*>("connectionState")->text().contains("Up to date"), 20000);
    QCOMPARE(w->user().value("email").toString(), QString("staff@people.nz"));  // the server's answer now
  }

  void conflictIsShownWithBothVersionsAndThePersonChooses() {
    const QString job = newId();
    QCOMPARE(m_world->push("admin", "jobs", "create", job, 0,
                           {{"tenant_id", m_world->tenant("clientA")}, {"title", "Subdivision"}, {"stage", "submitted"}})
                 .value("status").toString(), QString("applied"));
    auto w = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(w->store() && !w->store()->record(job).isEmpty(), 10000);

    // The same job changed elsewhere (another device) and here, before this app synced.
    QCOMPARE(m_world->push("staff", "jobs", "update", job, 1, {{"stage", "valuation"}}).value("status").toString(), QString("applied"));
    QVERIFY(w->store()->update("jobs", job, {{"stage", "approved"}}));
    w->sync()->syncNow();
    auto* button = w->findChild<QPushButton*>("problemsButton");
    QTRY_VERIFY_WITH_TIMEOUT(button->isVisible(), 10000);
    QTest::mouseClick(button, Qt::LeftButton);
    auto* dialog = w->findChild<QDialog*>("problemsDialog");
    QTRY_VERIFY(dialog && dialog->isVisible());
    QVERIFY(dialog->findChild<QPlainTextEdit*>("mine")->toPlainText().contains("stage: approved"));
    QVERIFY(dialog->findChild<QPlainTextEdit*>("theirs")->toPlainText().contains("stage: valuation"));
    QDir().mkpath(KETE_SCREENSHOT_DIR);
    QVERIFY(dialog->grab().save(KETE_SCREENSHOT_DIR "/staff-conflict.png"));
    QTest::mouseClick(dialog->findChild<QPushButton*>("keepMine"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!button->isVisible(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_world->get("admin", "/api/v1/records/jobs/" + job).json().value("data").toObject().value("stage").toString(),
                              QString("approved"), 10000);
  }

  // A session ended elsewhere (signed out on another computer, or by an admin): the saved pages
  // show for a moment, then the server's refusal closes them and asks for a sign-in; signing in
  // again as the same person finds the same cache.
  void sessionEndedElsewhereAsksToSignInAgain() {
    HttpsClient http(m_server->fingerprint());
    http.setToken(*keychainToken());
    QCOMPARE(http.post(m_server->url("/api/v1/auth/logout"), {}).status, 204);
    auto w = openWindow();
    QTRY_VERIFY2_WITH_TIMEOUT(errorText(*w).contains("session has ended"), qPrintable(errorText(*w)), 10000);
    QVERIFY(!w->isSignedIn());
    QVERIFY(!w->store());
    QVERIFY(announcements(*w).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!keychainToken(), 10000);
    signIn(*w, kPassword);
    QTRY_VERIFY_WITH_TIMEOUT(w->isSignedIn(), 10000);
    QCOMPARE(announcements(*w).size(), 1);
  }

  void signOutRemovesTheTokenEverywhere() {
    auto w = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(w->isSignedIn(), 10000);
    const QString token = *keychainToken();
    QTRY_VERIFY(w->store());
    const QString cache = w->store()->path();
    QVERIFY(QFile::exists(cache));
    QTRY_VERIFY(w->transfers());  // once the files' key is read from the keychain
    const QString files = w->transfers()->cacheFolder();
    QVERIFY(QDir(files).exists());
    QFile opened(files + "/" + QString(64, 'a'));  // a file downloaded for offline opening
    QVERIFY(opened.open(QIODevice::WriteOnly));
    opened.write("payslip");
    opened.close();
    QTest::mouseClick(w->findChild<QPushButton*>("signOutButton"), Qt::LeftButton);
    QTRY_VERIFY(!QFile::exists(cache));  // nothing of this person stays on a shared computer
    QVERIFY(!QDir(files).exists());
    QVERIFY(announcements(*w).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!w->isSignedIn(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!keychainToken(), 10000);
    HttpsClient http(m_server->fingerprint());
    http.setToken(token);
    QTRY_COMPARE_WITH_TIMEOUT(http.get(m_server->url("/api/v1/me")).status, 401, 10000);
  }

  void twoFactorCodeIsAskedFor() {
    auto& staff2 = (*m_world)["staff2"];
    QVERIFY(m_world->signIn("staff2"));
    auto enrol = staff2.http->post(m_server->url("/api/v1/auth/totp/enrol"), {{"password", kPassword}});
    const std::string secret = kete::auth::base32_decode(enrol.json().value("secret").toString().toStdString()).value();
    const qint64 step = QDateTime::currentSecsSinceEpoch() / 30;
    QCOMPARE(staff2.http->post(m_server->url("/api/v1/auth/totp/confirm"),
                               {{"code", QString::fromStdString(kete::auth::totp_code(secret, step))}}).status, 204);

    auto w = openWindow();
    QTRY_VERIFY(!w->isSignedIn());
    w->findChild<QLineEdit*>("serverAddress")->setText(QString("127.0.0.1:%1").arg(m_server->port()));
    w->findChild<QLineEdit*>("email")->setText(staff2.email);
    w->findChild<QLineEdit*>("password")->setText(kPassword);
    QTest::mouseClick(w->findChild<QPushButton*>("signInButton"), Qt::LeftButton);
    auto* code = w->findChild<QLineEdit*>("totpCode");
    QTRY_VERIFY_WITH_TIMEOUT(code->isVisible(), 10000);
    QVERIFY(errorText(*w).contains("6-digit code"));
    w->findChild<QLineEdit*>("password")->setText(kPassword);
    code->setText(QString::fromStdString(kete::auth::totp_code(secret, step + 1)));
    QTest::mouseClick(w->findChild<QPushButton*>("signInButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(w->isSignedIn(), 10000);
    QTest::mouseClick(w->findChild<QPushButton*>("signOutButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!keychainToken(), 10000);
  }

  void changedCertificateIsRefused() {
    const int port = m_server->port();
    QCOMPARE(m_server->stop(), 0);
    QVERIFY(QDir(m_server->dataDir() + "/tls").removeRecursively());
    QVERIFY(m_server->start({"--listen", QString("127.0.0.1:%1").arg(port)}));
    auto w = openWindow();
    signIn(*w, kPassword);
    QTRY_VERIFY2_WITH_TIMEOUT(errorText(*w).contains("certificate has changed"), qPrintable(errorText(*w)), 10000);
    QVERIFY(!w->isSignedIn());
    QVERIFY(!keychainToken());
  }
};

QTEST_MAIN(SignInFlow)
#include "tst_sign_in_flow.moc"
