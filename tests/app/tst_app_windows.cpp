// Each app's main window opens on a real display with its own name, style and sign-in form.
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QtTest>

#include "app_setup.h"
#include "client_app.h"
#include "partner_app.h"
#include "staff_app.h"

using kete::app::AppProfile;
using kete::app::AppWindow;

namespace {

AppProfile profileFor(const QString& app) {
  if (app == "staff") return kete::staff::profile();
  if (app == "partner") return kete::partner::profile();
  QString error;
  auto p = kete::client::profile(&error);
  if (!p) qFatal("client brand failed to load: %s", qPrintable(error));
  return *p;
}

std::unique_ptr<AppWindow> windowFor(const QString& app, const AppProfile& p) {
  if (app == "staff") return kete::staff::createMainWindow(p);
  if (app == "partner") return kete::partner::createMainWindow(p);
  return kete::client::createMainWindow(p);
}

}  // namespace

class AppWindows : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void mainWindowOpens_data() {
    QTest::addColumn<QString>("app");
    QTest::addColumn<QString>("title");
    QTest::newRow("staff") << "staff" << "Kete Staff";
    QTest::newRow("client") << "client" << KETE_BRAND_APP_NAME;
    QTest::newRow("partner") << "partner" << "Kete Partner";
  }
  void mainWindowOpens() {
    QFETCH(QString, app);
    QFETCH(QString, title);
    const AppProfile profile = profileFor(app);
    kete::app::prepareApplication(*qApp, profile);
    auto window = windowFor(app, profile);
    window->resize(1000, 700);
    window->show();
    window->start();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    QCOMPARE(window->windowTitle(), title);

    // A fresh install lands on the sign-in form with every field a person needs.
    auto* server = window->findChild<QLineEdit*>("serverAddress");
    auto* email = window->findChild<QLineEdit*>("email");
    auto* password = window->findChild<QLineEdit*>("password");
    auto* signIn = window->findChild<QPushButton*>("signInButton");
    QVERIFY(server && email && password && signIn);
    QTRY_VERIFY(signIn->isVisible());
    QCOMPARE(password->echoMode(), QLineEdit::Password);
    QVERIFY(!window->findChild<QFrame*>("fingerprintBox")->isVisible());
    QCOMPARE(window->findChild<QLabel*>("connectionState")->text(), QString("Not signed in"));
    // Styled from the profile: the sign-in button carries the app's primary colour.
    QVERIFY(qApp->styleSheet().contains(profile.primary.name()));

    // Bad input is answered on the form, not by a crash or a network call.
    server->setText("http://portal.example.co.nz");
    email->setText("someone@example.co.nz");
    password->setText("x");
    QTest::mouseClick(signIn, Qt::LeftButton);
    auto* error = window->findChild<QLabel*>("error");
    QTRY_VERIFY(error->isVisible());
    QVERIFY(error->text().contains("https"));

    QDir().mkpath(KETE_SCREENSHOT_DIR);
    server->clear();
    email->clear();
    password->clear();
    error->hide();
    QTest::qWait(100);
    QVERIFY(window->grab().save(QStringLiteral(KETE_SCREENSHOT_DIR "/%1-sign-in.png").arg(app)));
  }

  void clientCarriesTheBrand() {
    QString error;
    auto p = kete::client::profile(&error);
    QVERIFY2(p.has_value(), qPrintable(error));
    QCOMPARE(p->displayName, QString(KETE_BRAND_APP_NAME));
    QVERIFY(!p->supportEmail.isEmpty());
    QVERIFY(QIcon(p->logoResource).pixmap(32, 32).toImage().pixelColor(16, 16).alpha() > 0);
  }

  void badBrandIsAClearError() {
    QString error;
    QVERIFY(!AppProfile::fromBrandJson("{\"name\": \"x\"}", "client", ":/brand", &error));
    QVERIFY(error.contains("client_app_name"));
    QVERIFY(!AppProfile::fromBrandJson("not json", "client", ":/brand", &error));
  }

  void teReoMaoriTranslationLoads() {
    QVERIFY(kete::app::installTranslations(*qApp, QLocale(QLocale::Maori, QLocale::NewZealand)));
    QCOMPARE(QCoreApplication::translate("kete::app::SignInPage", "Sign in"), QString("Takiuru"));
    QCOMPARE(QCoreApplication::translate("kete::app::SignInPage", "Password"), QString("Kupuhipa"));
  }
};

QTEST_MAIN(AppWindows)
#include "tst_app_windows.moc"
