#include "storage/audit_writer.h"

#include <chrono>
#include <thread>

#include "kete/time_format.h"
#include "log/logger.h"
#include "storage/database_pool.h"
#include "storage/sqlite_database.h"

namespace kete::storage {
namespace {

constexpr auto kBatchWindow = std::chrono::milliseconds(25);
constexpr std::size_t kBatchSize = 1000;
constexpr int kTriesBeforeOneByOne = 3;

}  // namespace

AuditWriter::AuditWriter(DatabasePool& pool) : pool_(pool), thread_([this] { run(); }) {}

AuditWriter::~AuditWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void AuditWriter::append(AuditEntry entry) {
  if (entry.at.empty()) entry.at = rfc3339_utc_now(true);
  std::lock_guard lock(mutex_);
  queue_.push_back(std::move(entry));
  ++appended_;
  if (queue_.size() >= kBatchSize) wake_.notify_all();
}

void AuditWriter::flush() {
  std::unique_lock lock(mutex_);
  const auto target = appended_;
  if (committed_ >= target) return;
  flush_wanted_ = true;
  wake_.notify_all();
  written_.wait(lock, [&] { return committed_ >= target; });
}

void AuditWriter::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait_for(lock, kBatchWindow, [&] { return stopping_ || flush_wanted_ || queue_.size() >= kBatchSize; });
    if (queue_.empty()) {
      if (stopping_) return;
      // A flush asked for while the last batch was being written is already served: without this
      // the wait above returned at once, forever, and the thread spun holding the lock (found by
      // fuzzing: a flush then starved for the mutex).
      flush_wanted_ = false;
      continue;
    }
    std::vector<AuditEntry> batch;
    batch.swap(queue_);
    flush_wanted_ = false;
    lock.unlock();
    const Written outcome = write(batch);
    lock.lock();
    if (outcome == Written::busy && !stopping_) {
      // The database was only busy (a long write elsewhere, a loaded machine): nothing is wrong
      // with the entries, so they wait, in order, however long it takes. Dropping to one-by-one
      // here used to lose entries under load.
      batch.insert(batch.end(), std::make_move_iterator(queue_.begin()), std::make_move_iterator(queue_.end()));
      queue_.swap(batch);
      flush_wanted_ = true;
      lock.unlock();
      std::this_thread::sleep_for(std::chrono::milliseconds(50));  // some busy answers come at once
      lock.lock();
      continue;
    }
    if (outcome != Written::ok) {
      // Kept, in order, for another try (a full disk may come back); after a few, each entry is
      // tried alone so that one that can never be stored holds up no other. What still fails is
      // logged whole, never dropped silently.
      if (++failures_ < kTriesBeforeOneByOne && !stopping_) {
        batch.insert(batch.end(), std::make_move_iterator(queue_.begin()), std::make_move_iterator(queue_.end()));
        queue_.swap(batch);
        lock.unlock();
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        lock.lock();
        continue;
      }
      lock.unlock();
      for (auto& e : batch)
        if (write({e}) != Written::ok)
          log::error("audit_entry_not_stored", {{"at", e.at}, {"action", e.action}, {"outcome", e.outcome},
                                                {"actor_id", e.actor_id}, {"subject_tenant_id", e.subject_tenant_id},
                                                {"subject_user_id", e.subject_user_id}, {"collection", e.collection},
                                                {"record_id", e.record_id}, {"remote", e.remote_address},
                                                {"detail", e.detail}});
      lock.lock();
    }
    failures_ = 0;
    committed_ += batch.size();
    written_.notify_all();
  }
}

AuditWriter::Written AuditWriter::write(const std::vector<AuditEntry>& entries) {
  try {
    auto& db = pool_.for_this_thread();
    Transaction tx(db);
    AuditStore store(db);
    for (const auto& e : entries) store.append(e);
    tx.commit();
    return Written::ok;
  } catch (const StorageError& e) {
    log::error("audit_write_failed", {{"what", e.what()}, {"entries", static_cast<std::int64_t>(entries.size())},
                                      {"busy", e.busy}});
    return e.busy ? Written::busy : Written::failed;
  } catch (const std::exception& e) {
    log::error("audit_write_failed", {{"what", e.what()}, {"entries", static_cast<std::int64_t>(entries.size())}});
    return Written::failed;
  }
}

}  // namespace kete::storage
