// kete-bench-seed DIR COUNT [CLIENT_ID]: adds COUNT records to a seeded demo data folder
// through the real record store (same change log as every write), half where the demo's staff
// member reads (internal announcements) and half as jobs of one client (CLIENT_ID, or whichever
// the demo lists last). Prints, as JSON, cursors one short of every bucket's head: a pull with
// them is a small delta over a large store.
#include <boost/json.hpp>
#include <chrono>
#include <iostream>

#include "auth/random.h"
#include "kete/collections.h"
#include "kete/time_format.h"
#include "scope/bucket_rules.h"
#include "storage/change_feed.h"
#include "storage/database_pool.h"
#include "storage/identity_store.h"
#include "storage/record_store.h"

using namespace kete;

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::cerr << "usage: kete-bench-seed DIR COUNT [CLIENT_ID]\n";
    return 2;
  }
  const std::string dir = argv[1];
  const long count = std::stol(argv[2]);
  auto pool = storage::DatabasePool::open(dir + "/kete.db");
  if (!pool) {
    std::cerr << pool.error().message << "\n";
    return 1;
  }
  auto& db = pool.value()->for_this_thread();
  storage::IdentityStore identities(db);
  const auto clients = identities.tenant_ids("client");
  const std::string client = argc == 4 ? argv[3] : clients.back();
  const std::string now = rfc3339_utc_now(true);
  const auto started = std::chrono::steady_clock::now();
  long done = 0;
  while (done < count) {
    storage::Transaction tx(db);
    storage::RecordStore records(db);
    for (int i = 0; i < 10000 && done < count; ++i, ++done) {
      const bool internal = done % 2 == 0;
      boost::json::object data = internal
          ? boost::json::object{{"title", "Notice " + std::to_string(done)}, {"body", "Bulk benchmark record"}}
          : boost::json::object{{"tenant_id", client}, {"title", "Job " + std::to_string(done)}, {"stage", "open"}};
      const auto* spec = find_collection(internal ? "announcements" : "jobs");
      records.insert(storage::StoredRecord{auth::random_uuid(), std::string(spec->name), 1, boost::json::serialize(data),
                                           scope::record_buckets(*spec, data).value(), false, "bench", now, "bench", now});
    }
    tx.commit();
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cerr << "seeded " << count << " records in " << seconds << " s\n";
  boost::json::object cursors;
  for (const auto& [bucket, seq] : storage::ChangeFeed(db).heads()) cursors[bucket] = seq - 1;
  std::cout << boost::json::serialize(boost::json::object{{"cursors", cursors}}) << "\n";
  return 0;
}
