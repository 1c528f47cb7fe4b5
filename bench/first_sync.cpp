// kete-bench-first-sync URL FINGERPRINT EMAIL PASSWORD: signs in, syncs everything into a fresh
// offline cache with the real sync engine, then reopens that cache and loads the largest list
// as the app does at start. Prints the record count and both times.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTimer>
#include <cstdio>

#include "models/record_list_model.h"
#include "net/api_client.h"
#include "store/local_store.h"
#include "sync/sync_engine.h"

using namespace kete::app;

int main(int argc, char** argv) {
  QGuiApplication app(argc, argv);
  const QStringList args = app.arguments();
  if (args.size() != 5) {
    std::fprintf(stderr, "usage: kete-bench-first-sync URL FINGERPRINT EMAIL PASSWORD\n");
    return 2;
  }
  QTemporaryDir dir;
  ApiClient api;
  api.setServer(QUrl(args[1]), args[2]);
  LocalStore store;
  QString error;
  if (!store.open(dir.path() + "/cache.db", &error)) return std::fprintf(stderr, "%s\n", qPrintable(error)), 1;
  SyncEngine engine(api, store);
  engine.setAutoRetry(false);
  QElapsedTimer clock;
  int status = 1;
  api.post("/api/v1/auth/login", {{"email", args[3]}, {"password", args[4]}}, [&](const ApiReply& reply) {
    if (!reply.ok()) {
      std::fprintf(stderr, "sign-in failed: %s\n", qPrintable(reply.errorMessage));
      app.exit(1);
      return;
    }
    api.setToken(reply.json.value("token").toString());
    QObject::connect(&engine, &SyncEngine::stateChanged, [&] {
      if (engine.state() == SyncEngine::State::Syncing) return;
      const double syncSeconds = clock.elapsed() / 1000.0;
      const int records = store.recordCount();
      store.close();
      // Opening: the cache, then the largest list, as AppWindow does before any network.
      QElapsedTimer open;
      open.start();
      LocalStore reopened;
      QString openError;
      reopened.open(dir.path() + "/cache.db", &openError);
      RecordListModel model("announcements", "title", "body");
      model.reload(&reopened);
      const double openSeconds = open.elapsed() / 1000.0;
      std::printf("records %d\nfirst sync %.2f s\nopen cache + first page of the announcements list (%d rows shown): %.3f s\n",
                  records, syncSeconds, model.rowCount(), openSeconds);
      status = engine.state() == SyncEngine::State::UpToDate ? 0 : 1;
      app.exit(status);
    });
    clock.start();
    engine.syncNow();
  });
  return app.exec();
}
