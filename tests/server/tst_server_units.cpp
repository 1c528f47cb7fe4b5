// Pieces of the server that need no network: command line, router, passwords, config.
#include <QtTest>

#include <fstream>

#include "auth/password_hash.h"
#include "auth/password_policy.h"
#include "auth/totp.h"
#include "blobs/write_behind.h"
#include "cli/command_line.h"
#include "cli/server_config.h"
#include "http/json_response.h"
#include "http/router.h"
#include "storage/audit_writer.h"
#include "storage/database_pool.h"

#include <QTemporaryDir>
#include <cstdint>
#include <ctime>
#include <atomic>
#include <thread>

using namespace kete;

class ServerUnits : public QObject {
  Q_OBJECT
  // Hands `count` pieces to `behind`, piece i being `size + i` copies of `first + i`: all of them
  // in order, or empty when a buffer was refused or did not start on a page boundary (where a
  // stage could not write it straight to disk).
  static std::string handOverPieces(kete::blobs::WriteBehind& behind, int count, std::size_t size, char first) {
    std::string all;
    for (int i = 0; i < count; ++i) {
      char* buffer = behind.buffer();
      if (!buffer || reinterpret_cast<std::uintptr_t>(buffer) % kete::blobs::WriteBehind::kBufferAlignment != 0) return {};
      const std::string piece(size + static_cast<std::size_t>(i), static_cast<char>(first + i));
      std::copy(piece.begin(), piece.end(), buffer);
      all += piece;
      behind.hand_over(piece.size());
    }
    return all;
  }

 private slots:
  void commandLine_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("errorPart");
    QTest::newRow("serve") << QStringList{"serve", "--data", "/tmp/x"} << true << "";
    QTest::newRow("serve listen") << QStringList{"serve", "--data", "d", "--listen", "0.0.0.0:1"} << true << "";
    QTest::newRow("inline value") << QStringList{"serve", "--data=d"} << true << "";
    QTest::newRow("no data") << QStringList{"serve"} << false << "--data DIR is required";
    QTest::newRow("unknown option") << QStringList{"serve", "--data", "d", "--port", "1"} << false << "unknown option '--port'";
    QTest::newRow("missing value") << QStringList{"serve", "--data"} << false << "needs a value";
    QTest::newRow("unknown command") << QStringList{"start"} << false << "unknown command 'start'";
    QTest::newRow("admin alone") << QStringList{"admin"} << false << "needs a subcommand";
    QTest::newRow("create-user no stdin")
        << QStringList{"admin", "create-user", "--data", "d", "--email", "a@b.nz", "--name", "A"} << false
        << "--password-stdin is required";
    QTest::newRow("create-user client role")
        << QStringList{"admin", "create-user", "--data", "d", "--email", "a@b.nz", "--name", "A", "--role", "client",
                       "--password-stdin"}
        << false << "--role must be";
    QTest::newRow("create-user ok")
        << QStringList{"admin", "create-user", "--data", "d", "--email", "a@b.nz", "--name", "A", "--password-stdin"}
        << true << "";
    QTest::newRow("serve takes no email") << QStringList{"serve", "--data", "d", "--email", "x"} << false
                                          << "unknown option '--email'";
  }
  void commandLine() {
    QFETCH(QStringList, args);
    QFETCH(bool, ok);
    QFETCH(QString, errorPart);
    std::vector<std::string> v;
    for (const auto& a : args) v.push_back(a.toStdString());
    auto parsed = cli::parse_command_line(v);
    QCOMPARE(parsed.ok(), ok);
    if (!ok) QVERIFY2(QString::fromStdString(parsed.error().message).contains(errorPart), parsed.error().message.c_str());
  }

  void routerMatchesPatternsAndAnswers404And405() {
    http::Router router;
    router.add({"GET", "/api/v1/records/{}/{}", http::Access::open, [](const auto&, const http::RouteMatch& m, const auto&) {
                  return http::json_response(200, boost::json::object{{"c", m.params.at(0)}, {"id", m.params.at(1)}});
                }});
    http::Request r;
    r.method = "GET";
    r.path = "/api/v1/records/documents/abc";
    auto ok = router.dispatch(r);
    QCOMPARE(ok.status, 200);
    QCOMPARE(QByteArray::fromStdString(ok.body), QByteArray(R"({"c":"documents","id":"abc"})"));
    r.path = "/api/v1/records/documents/";
    QCOMPARE(router.dispatch(r).status, 404);
    r.path = "/api/v1/records/documents/abc/extra";
    QCOMPARE(router.dispatch(r).status, 404);
    r.path = "/api/v1/records/documents/abc";
    r.method = "DELETE";
    QCOMPARE(router.dispatch(r).status, 405);
  }

  void accessCheckRunsBeforeHandler() {
    http::Router router;
    bool handlerRan = false;
    router.add({"GET", "/secret", http::Access::signed_in, [&](const auto&, const auto&, const auto&) {
                  handlerRan = true;
                  return http::json_response(200, boost::json::object{});
                }});
    router.set_access_check([](http::Access, const http::Request&) -> Result<scope::Caller> {
      return make_error(ErrorCode::unauthorized, "no");
    });
    http::Request r;
    r.method = "GET";
    r.path = "/secret";
    QCOMPARE(router.dispatch(r).status, 401);
    QVERIFY(!handlerRan);
  }

  void passwordPolicy_data() {
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("ok");
    QTest::newRow("short") << "short-pass1" << false;
    QTest::newRow("common") << "Password1234" << false;
    QTest::newRow("fine") << "kauri-tree-harbour" << true;
  }
  void passwordPolicy() {
    QFETCH(QString, password);
    QFETCH(bool, ok);
    QCOMPARE(auth::check_new_password(password.toStdString()).ok(), ok);
  }

  void passwordHashIsArgon2idAndVerifies() {
    const auto phc = auth::hash_password("kauri-tree-harbour");
    QVERIFY(QString::fromStdString(phc).startsWith("$argon2id$v=19$m=19456,t=2,p=1$"));
    QVERIFY(auth::verify_password("kauri-tree-harbour", phc));
    QVERIFY(!auth::verify_password("kauri-tree-harbouR", phc));
    QVERIFY(auth::hash_password("kauri-tree-harbour") != phc);  // salted
    QVERIFY(!auth::verify_password("x", "plain-text"));
  }

  void totpMatchesRfc6238() {
    const std::string secret = "12345678901234567890";  // RFC 6238 appendix B, SHA-1
    QCOMPARE(QString::fromStdString(auth::totp_code(secret, 59 / 30)), QString("287082"));
    QCOMPARE(QString::fromStdString(auth::totp_code(secret, 1111111109 / 30)), QString("081804"));
    QCOMPARE(QString::fromStdString(auth::totp_code(secret, 1234567890 / 30)), QString("005924"));
    QCOMPARE(auth::verify_totp(secret, "081804", 1111111109, 0), std::optional<std::int64_t>(1111111109 / 30));
    QCOMPARE(auth::verify_totp(secret, "081804", 1111111109 + 30, 0), std::optional<std::int64_t>(1111111109 / 30));
    QVERIFY(!auth::verify_totp(secret, "081804", 1111111109 + 90, 0));                // too old
    QVERIFY(!auth::verify_totp(secret, "081804", 1111111109, 1111111109 / 30));       // used once already
    QVERIFY(!auth::verify_totp(secret, "81804", 1111111109, 0));
    const auto round = auth::base32_decode(auth::base32_encode(secret));
    QCOMPARE(round.value_or(""), secret);
    QCOMPARE(QString::fromStdString(auth::base32_encode("foobar")), QString("MZXW6YTBOI"));
  }

  void listenAddress_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::newRow("v4") << "127.0.0.1:8443" << true << "127.0.0.1" << 8443;
    QTest::newRow("v6") << "[::1]:9000" << true << "::1" << 9000;
    QTest::newRow("any port") << "0.0.0.0:0" << true << "0.0.0.0" << 0;
    QTest::newRow("no port") << "127.0.0.1" << false << "" << 0;
    QTest::newRow("big port") << "127.0.0.1:70000" << false << "" << 0;
    QTest::newRow("junk port") << "127.0.0.1:84x3" << false << "" << 0;
  }
  void listenAddress() {
    QFETCH(QString, text);
    QFETCH(bool, ok);
    http::ListenOptions o;
    auto r = cli::apply_listen_address(text.toStdString(), o);
    QCOMPARE(r.ok(), ok);
    if (ok) {
      QFETCH(QString, host);
      QFETCH(int, port);
      QCOMPARE(QString::fromStdString(o.host), host);
      QCOMPARE(int(o.port), port);
    }
  }

  // A flush that lands while a batch is being written must not leave the writer spinning: it
  // used to loop with the lock held, burning a core and starving the next flush (found by the
  // request fuzzer as a request that never finished).
  void auditWriterIdlesAfterFlushes() {
    QTemporaryDir dir;
    auto pool = kete::storage::DatabasePool::open((dir.path() + "/kete.db").toStdString());
    QVERIFY(pool);
    kete::storage::AuditWriter writer(*pool.value());
    // A batch taken when the batching window closes, and a flush arriving while it is written.
    kete::storage::AuditEntry e;
    e.action = "read_record";
    e.outcome = "ok";
    e.detail = std::string(4000, 'x');
    for (int round = 0; round < 10; ++round) {
      for (int j = 0; j < 900; ++j) writer.append(e);
      std::this_thread::sleep_for(std::chrono::milliseconds(30));  // the window (25 ms) passes
      writer.flush();
    }
    QTest::qWait(100);
    const std::clock_t before = std::clock();
    QTest::qWait(500);
    const double cpu = double(std::clock() - before) / CLOCKS_PER_SEC;
    QVERIFY2(cpu < 0.2, qPrintable(QString("the idle audit writer used %1 s of CPU in 0.5 s").arg(cpu)));
  }

  // Writers on the pool's connections queue on one in-process lock: every way out of a write
  // transaction (commit, rollback, a failed statement inside) must let the next writer in, and
  // writers on several threads all land (a leaked turn makes the next writer wait out the busy
  // timeout and fail as busy).
  void writeTransactionsQueueAndAlwaysReleaseTheirTurn() {
    QTemporaryDir dir;
    auto pool = kete::storage::DatabasePool::open((dir.path() + "/kete.db").toStdString());
    QVERIFY(pool);
    auto& p = *pool.value();
    auto& db = p.for_this_thread();
    db.exec("CREATE TABLE t (n INTEGER)");
    { kete::storage::Transaction rolled_back(db); }
    {
      kete::storage::Transaction broken(db);
      db.exec("INSERT INTO t VALUES (1)");
      QVERIFY_THROWS_EXCEPTION(kete::storage::StorageError, db.exec("INSERT INTO missing VALUES (1)"));
    }
    // A transaction opened inside another fails at once, as SQLite says, instead of waiting out
    // the busy timeout for the turn its own thread holds.
    {
      kete::storage::Transaction outer(db);
      bool busy = true;
      try {
        kete::storage::Transaction inner(db);
      } catch (const kete::storage::StorageError& e) {
        busy = e.busy;
      }
      QVERIFY(!busy);
      outer.commit();
    }
    std::atomic<int> failures{0};
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w)
      writers.emplace_back([&p, &failures] {
        auto& mine = p.for_this_thread();
        for (int i = 0; i < 50; ++i) {
          try {
            kete::storage::Transaction tx(mine);
            mine.exec("INSERT INTO t VALUES (2)");
            if (i % 2) tx.commit();
          } catch (const kete::storage::StorageError&) {
            ++failures;
          }
        }
      });
    for (auto& t : writers) t.join();
    QCOMPARE(failures.load(), 0);
    auto count = db.prepare("SELECT count(*) FROM t WHERE n = 2");
    QVERIFY(count.step());
    QCOMPARE(count.integer(0), 100);
  }

  // Pieces are stored in order on the second thread, each buffer is reused only once stored, and
  // a piece that cannot be stored stops the rest and is reported by finish().
  void writeBehindStoresInOrderAndStopsAtAFailure() {
    using kete::blobs::WriteBehind;
    std::string stored, expected;
    int calls = 0;
    {
      WriteBehind behind([&](std::string_view piece) {
        std::this_thread::sleep_for(std::chrono::milliseconds(calls % 3));
        ++calls;
        stored.append(piece);
        return true;
      });
      expected = handOverPieces(behind, 3 * WriteBehind::kBuffers, 1000, 'a');
      QVERIFY(!expected.empty());
      QVERIFY(behind.finish());
    }
    QCOMPARE(stored, expected);

    int tried = 0;
    WriteBehind failing([&](std::string_view) { return ++tried < 2; });
    bool stopped = false;
    for (int i = 0; i < 50 && !stopped; ++i) {
      char* buffer = failing.buffer();
      if (!buffer) stopped = true;
      else failing.hand_over(10);
    }
    QVERIFY(stopped);        // no more buffers once a piece failed
    QVERIFY(!failing.finish());
    QCOMPARE(tried, 2);      // nothing was stored after the failure
  }

  // Two stages take the same pieces side by side, each in order, and a buffer is filled again
  // only once both are done with it: the slow stage still reads every piece as it was handed over.
  void writeBehindStagesShareEachPieceUntilAllAreDone() {
    using kete::blobs::WriteBehind;
    std::string slow, fast, expected;
    int slow_calls = 0;
    {
      WriteBehind behind({[&](std::string_view piece) {
                            std::this_thread::sleep_for(std::chrono::milliseconds(1 + slow_calls++ % 3));
                            slow.append(piece);
                            return true;
                          },
                          [&](std::string_view piece) {
                            fast.append(piece);
                            return true;
                          }});
      expected = handOverPieces(behind, 5 * WriteBehind::kBuffers, 700, 'A');
      QVERIFY(!expected.empty());
      QVERIFY(behind.finish());
    }
    QCOMPARE(fast, expected);
    QCOMPARE(slow, expected);

    // One stage failing stops the other before its next piece, and finish() reports it. It fails
    // the first piece once both are handed over and the slow stage has begun that piece.
    int slow_tried = 0;
    std::atomic<bool> begun{false}, handed{false};
    WriteBehind failing({[&](std::string_view) {
                           begun = true;
                           std::this_thread::sleep_for(std::chrono::milliseconds(200));
                           ++slow_tried;
                           return true;
                         },
                         [&](std::string_view) {
                           while (!begun || !handed) std::this_thread::sleep_for(std::chrono::milliseconds(1));
                           return false;
                         }});
    for (int i = 0; i < 2; ++i) {
      char* buffer = failing.buffer();
      QVERIFY(buffer);
      failing.hand_over(10);
    }
    handed = true;
    QVERIFY(!failing.finish());
    QVERIFY(!failing.buffer());
    QCOMPARE(slow_tried, 1);  // the piece it had begun, not the second
  }

  void configFile() {
    QTemporaryDir dir;
    const auto path = (dir.path() + "/kete.json").toStdString();
    auto write = [&](const char* text) { std::ofstream(path) << text; };
    write(R"({"listen": "127.0.0.1:9443", "max_body_bytes": 1024, "threads": 3})");
    auto good = cli::load_server_config(path);
    QVERIFY(good.ok());
    QCOMPARE(good->listen.port, 9443);
    QCOMPARE(good->listen.max_body_bytes, std::size_t(1024));
    write(R"({"read_timeout_seconds": 5, "idle_timeout_seconds": 6, "write_timeout_seconds": 7})");
    auto timeouts = cli::load_server_config(path);
    QVERIFY(timeouts.ok());
    QCOMPARE(timeouts->listen.read_timeout, std::chrono::seconds(5));
    QCOMPARE(timeouts->listen.idle_timeout, std::chrono::seconds(6));
    QCOMPARE(timeouts->listen.write_timeout, std::chrono::seconds(7));
    write(R"({"listne": "127.0.0.1:9443"})");
    auto typo = cli::load_server_config(path);
    QVERIFY(!typo.ok());
    QVERIFY(QString::fromStdString(typo.error().message).contains("unknown setting 'listne'"));
    write(R"({"max_body_bytes": -5})");
    QVERIFY(!cli::load_server_config(path).ok());
    write("{not json");
    QVERIFY(QString::fromStdString(cli::load_server_config(path).error().message).contains("not valid JSON"));
    QVERIFY(!cli::load_server_config(path + ".missing").ok());
  }
};

QTEST_APPLESS_MAIN(ServerUnits)
#include "tst_server_units.moc"
