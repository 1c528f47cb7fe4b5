#include "app_setup.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QWindow>
#include <QIcon>
#include <QLocale>
#include <QPalette>
#include <QStyleFactory>
#include <QMessageBox>
#include <QTextStream>
#include <QTimer>
#include <QTranslator>

#include "store/local_store.h"
#include "widgets/app_window.h"

namespace kete::app {

bool installTranslations(QCoreApplication& app, const QLocale& locale) {
  auto* translator = new QTranslator(&app);
  // A language we have no translation for gets English (the source texts' plural forms, "1 item"
  // and "3 items", come from the English translation).
  if (translator->load(locale, QStringLiteral("kete"), QStringLiteral("_"), QStringLiteral(":/i18n")) ||
      translator->load(QStringLiteral("kete_en"), QStringLiteral(":/i18n"))) {
    app.installTranslator(translator);
    return true;
  }
  delete translator;
  return false;
}

QString styleSheetFor(const AppProfile& p) {
  return QStringLiteral(
             "QMainWindow, QWidget#page { background: %1; color: %2; }"
             "QLabel#title { font-size: 20pt; font-weight: 600; color: %3; }"
             "QLabel#subtitle { color: %2; }"
             "QLabel#sectionTitle { font-size: 13pt; font-weight: 600; color: %3; padding-top: 4px; }"
             "QLabel#unsentNote { color: #8A5A00; }"
             "QListWidget#needsList::item, QListWidget#latestMessages::item, QListWidget#jobsGlance::item { padding: 6px; }"
             "QLabel#error { color: #B3261E; }"
             "QFrame#card { background: white; border: 1px solid #D8D4CC; border-radius: 10px; }"
             "QFrame#fingerprintBox { background: #FFF8E1; border: 1px solid %4; border-radius: 8px; }"
             "QPushButton[primary=\"true\"] { background: %3; color: %5; border: none; border-radius: 6px; padding: 8px 18px; font-weight: 600; }"
             "QPushButton[primary=\"true\"]:disabled { background: #9AA7A6; }"
             "QLineEdit { padding: 6px; border: 1px solid #C9C4BA; border-radius: 6px; background: white; }"
             "QLineEdit:focus { border: 2px solid %3; }")
      .arg(p.background.name(), p.text.name(), p.primary.name(), p.accent.name(), p.onPrimary.name());
}

void prepareApplication(QApplication& app, const AppProfile& profile) {
  // Clients open the app now and then, often on a laptop: bigger type than the staff apps.
  if (profile.appId == QLatin1String("client")) {
    QFont font = QApplication::font();
    font.setPointSizeF(font.pointSizeF() * 1.15);
    QApplication::setFont(font);
  }
  QCoreApplication::setOrganizationName(QStringLiteral("Kete"));
  QCoreApplication::setOrganizationDomain(QStringLiteral("kete.nz"));
  QCoreApplication::setApplicationName(QStringLiteral("kete-") + profile.appId);
  QGuiApplication::setApplicationDisplayName(profile.displayName);
  QGuiApplication::setWindowIcon(QIcon(profile.logoResource));
  app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
  QPalette palette = app.palette();
  palette.setColor(QPalette::Window, profile.background);
  palette.setColor(QPalette::WindowText, profile.text);
  palette.setColor(QPalette::Highlight, profile.primary);
  palette.setColor(QPalette::HighlightedText, profile.onPrimary);
  palette.setColor(QPalette::Button, profile.background);
  app.setPalette(palette);
  app.setStyleSheet(styleSheetFor(profile));
  installTranslations(app, QLocale::system());
}

int runApp(int argc, char** argv, const ProfileLoader& loadProfile, const WindowFactory& createWindow) {
  QElapsedTimer sinceStart;
  sinceStart.start();
  QApplication app(argc, argv);
  QString error;
  const auto profile = loadProfile(&error);
  if (!profile) {
    QMessageBox::critical(nullptr, QStringLiteral("Kete"), error);
    return 1;
  }
  QCommandLineParser options;
  options.setApplicationDescription(profile->displayName);
  options.addHelpOption();
  const QCommandLineOption server(QStringLiteral("server"),
                                  QCoreApplication::translate("kete::app", "Server address to offer at sign-in."),
                                  QStringLiteral("address"));
  options.addOption(server);
  // For installers' smoke tests and documentation: the first window as this build draws it.
  const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                      QCoreApplication::translate("kete::app", "Save the first window as a PNG and quit."),
                                      QStringLiteral("file"));
  options.addOption(screenshot);
  // For performance checks (bench/window_start): the time to the first usable window.
  const QCommandLineOption startupTime(QStringLiteral("startup-time"),
                                       QCoreApplication::translate("kete::app", "Print how long the first usable window took, and quit."));
  options.addOption(startupTime);
  options.process(app);
  AppProfile effective = *profile;
  if (options.isSet(server)) effective.defaultServer = options.value(server);
  prepareApplication(app, effective);
  auto window = createWindow(effective);
  window->show();
  if (options.isSet(screenshot)) {
    const QString file = options.value(screenshot);
    QTimer::singleShot(800, window.get(), [w = window.get(), file] {
      const bool saved = w->grab().save(file, "PNG");
      QTextStream(stdout) << "window: " << w->windowTitle() << "\n" << (saved ? "saved: " : "not saved: ") << file << Qt::endl;
      QCoreApplication::exit(saved ? 0 : 1);
    });
    return app.exec();  // no session is resumed: nothing of a person is touched
  }
  if (options.isSet(startupTime)) {
    // Usable: the sign-in form, or the home page with what the cache holds, drawn on screen.
    AppWindow* w = window.get();
    auto* ready = new QObject(w);
    QTimer::singleShot(30000, ready, [] {  // the cache could not be opened, or the keychain never answered
      QTextStream(stderr) << "no usable window after 30 s" << Qt::endl;
      QCoreApplication::exit(1);
    });
    QObject::connect(w, &AppWindow::stateChanged, ready, [w, ready, sinceStart] {
      if (w->isSignedIn() && !w->store()) return;
      delete ready;  // once
      QTimer::singleShot(0, w, [w, sinceStart] {
        QElapsedTimer waited;
        waited.start();
        while (!(w->windowHandle() && w->windowHandle()->isExposed()) && waited.elapsed() < 5000)
          QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 10);
        w->repaint();
        QTextStream(stdout) << "usable window after " << sinceStart.nsecsElapsed() / 1000000.0 << " ms ("
                            << (w->isSignedIn() ? "home page, " + QString::number(w->store()->recordCount()) + " cached records"
                                                : QStringLiteral("sign-in page"))
                            << ")" << Qt::endl;
        QCoreApplication::exit(0);
      });
    });
  }
  window->start();
  return app.exec();
}

}  // namespace kete::app
