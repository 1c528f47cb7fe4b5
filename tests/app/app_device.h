#pragma once
// One app install for the app suites: its API client, offline cache and sync engine, signed in
// as one person of a TestWorld, with automatic retries off so that each sync is the test's.
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <memory>

#include "net/api_client.h"
#include "store/local_store.h"
#include "sync/sync_engine.h"
#include "test_world.h"

namespace kete::test {

struct Device {
  app::ApiClient api;
  app::LocalStore store;
  std::unique_ptr<app::SyncEngine> engine;
  QTemporaryDir dir;

  Device(ServerProcess& server, const Person& person) {
    api.setServer(QUrl(QString("https://127.0.0.1:%1").arg(server.port())), server.fingerprint());
    api.setToken(person.token);
    QString error;
    if (!store.open(dir.path() + "/cache.db", &error)) qFatal("cache: %s", qPrintable(error));
    engine = std::make_unique<app::SyncEngine>(api, store);
    engine->setAutoRetry(false);
  }

  // One sync, waited for; the state it ended in.
  app::SyncEngine::State sync() {
    engine->syncNow();
    if (!QTest::qWaitFor([&] { return engine->state() != app::SyncEngine::State::Syncing; }, 20000))
      qWarning("sync did not finish in 20 s");
    return engine->state();
  }
};

}  // namespace kete::test
