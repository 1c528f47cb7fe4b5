// kete-bench-sign-in ADDRESS FINGERPRINT EMAIL PASSWORD: signs in to the real staff app as a
// person would (the sign-in form, the server's fingerprint checked before it is trusted) and
// waits for the first sync to finish, leaving a saved session and a full offline cache for
// bench/window_start to open. Prints the number of cached records.
#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
#include <cstdio>

#include "app_setup.h"
#include "staff_app.h"
#include "store/local_store.h"
#include "sync/sync_engine.h"
#include "widgets/app_window.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  const QStringList args = app.arguments();
  if (args.size() != 5) {
    std::fprintf(stderr, "usage: kete-bench-sign-in ADDRESS FINGERPRINT EMAIL PASSWORD\n");
    return 2;
  }
  kete::app::prepareApplication(app, kete::staff::profile());
  auto w = kete::staff::createMainWindow(kete::staff::profile());
  w->show();
  w->start();
  w->findChild<QLineEdit*>("serverAddress")->setText(args[1]);
  w->findChild<QLineEdit*>("email")->setText(args[3]);
  w->findChild<QLineEdit*>("password")->setText(args[4]);
  w->findChild<QPushButton*>("signInButton")->click();
  QElapsedTimer clock;
  clock.start();
  int status = -1;
  QTimer poll;
  QObject::connect(&poll, &QTimer::timeout, [&] {
    auto* trust = w->findChild<QPushButton*>("trustButton");
    if (!w->isSignedIn() && trust->isVisible()) {
      if (w->findChild<QLabel*>("fingerprint")->text() != args[2]) {
        std::fprintf(stderr, "the server showed another certificate\n");
        return app.exit(1);
      }
      trust->click();
    }
    if (w->isSignedIn() && w->sync() && w->sync()->state() == kete::app::SyncEngine::State::UpToDate) {
      std::printf("signed in; first sync of %d records in %.1f s\n", w->store()->recordCount(), clock.elapsed() / 1000.0);
      return app.exit(0);
    }
    if (clock.elapsed() > 300000) {
      std::fprintf(stderr, "not signed in and synced after 5 minutes\n");
      app.exit(1);
    }
  });
  poll.start(50);
  status = app.exec();
  return status;
}
