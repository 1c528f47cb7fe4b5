#include "session/keychain_store.h"

#include <qt6keychain/keychain.h>

namespace kete::app {

// kJobsOutliveTheStore: a job has no parent and deletes itself when it has finished. Deleting a
// job while the OS keychain is still answering it (a window closed mid-read) crashes inside the
// keychain library; its answer is simply not delivered once this store is gone (the connections
// below use the store as their context).

KeychainStore::KeychainStore(QString service, QObject* parent) : QObject(parent), m_service(std::move(service)) {}

void KeychainStore::write(const QString& key, const QString& value, Done done) {
  auto* job = new QKeychain::WritePasswordJob(m_service);  // see kJobsOutliveTheStore
  job->setInsecureFallback(false);
  job->setKey(key);
  job->setTextData(value);
  connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job* j) {
    done(j->error() == QKeychain::NoError ? QString() : j->errorString());
  });
  job->start();
}

void KeychainStore::read(const QString& key, Read done) {
  auto* job = new QKeychain::ReadPasswordJob(m_service);  // see kJobsOutliveTheStore
  job->setInsecureFallback(false);
  job->setKey(key);
  connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job* j) {
    auto* read = static_cast<QKeychain::ReadPasswordJob*>(j);
    if (j->error() == QKeychain::NoError) done(read->textData(), QString());
    else if (j->error() == QKeychain::EntryNotFound) done(std::nullopt, QString());
    else done(std::nullopt, j->errorString());
  });
  job->start();
}

void KeychainStore::remove(const QString& key, Done done) {
  auto* job = new QKeychain::DeletePasswordJob(m_service);  // see kJobsOutliveTheStore
  job->setInsecureFallback(false);
  job->setKey(key);
  connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job* j) {
    const bool ok = j->error() == QKeychain::NoError || j->error() == QKeychain::EntryNotFound;
    done(ok ? QString() : j->errorString());
  });
  job->start();
}

}  // namespace kete::app
