#include "storage/audit_writer.h"

#include <chrono>

#include "kete/time_format.h"
#include "log/logger.h"
#include "storage/database_pool.h"

namespace kete::storage {
namespace {

constexpr auto kBatchWindow = std::chrono::milliseconds(25);
constexpr std::size_t kBatchSize = 1000;

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
      continue;
    }
    std::vector<AuditEntry> batch;
    batch.swap(queue_);
    flush_wanted_ = false;
    lock.unlock();
    bool ok = false;
    try {
      auto& db = pool_.for_this_thread();
      Transaction tx(db);
      AuditStore store(db);
      for (const auto& e : batch) store.append(e);
      tx.commit();
      ok = true;
    } catch (const std::exception& e) {
      log::error("audit_write_failed", {{"what", e.what()}, {"entries", static_cast<std::int64_t>(batch.size())}});
    }
    lock.lock();
    if (ok) {
      committed_ += batch.size();
      written_.notify_all();
    } else {
      // Kept, in order, for the next round (a full disk may come back); never dropped silently.
      batch.insert(batch.end(), std::make_move_iterator(queue_.begin()), std::make_move_iterator(queue_.end()));
      queue_.swap(batch);
      if (stopping_) return;
      lock.unlock();
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
      lock.lock();
    }
  }
}

}  // namespace kete::storage
