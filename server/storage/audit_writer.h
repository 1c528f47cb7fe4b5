#pragma once
// Audit entries for reads (who opened whose records) written in batches by one background
// thread, so a read never waits for a write transaction and its disk flush. Entries carry the
// time they were made; a reader of the audit log calls flush() first and sees every entry queued
// before it. Entries of writes and sign-ins are not queued: they commit with what they describe.
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

#include "storage/audit_store.h"

namespace kete::storage {

class DatabasePool;

class AuditWriter {
 public:
  explicit AuditWriter(DatabasePool& pool);
  ~AuditWriter();  // writes what is queued, then stops
  AuditWriter(const AuditWriter&) = delete;
  AuditWriter& operator=(const AuditWriter&) = delete;

  void append(AuditEntry entry);
  void flush();  // returns once every entry appended before the call is committed

 private:
  void run();
  enum class Written { ok, busy, failed };
  Written write(const std::vector<AuditEntry>& entries);
  DatabasePool& pool_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable written_;
  std::vector<AuditEntry> queue_;
  std::uint64_t appended_ = 0;
  std::uint64_t committed_ = 0;
  bool flush_wanted_ = false;
  int failures_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace kete::storage
