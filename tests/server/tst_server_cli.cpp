// kete-server's command line as an operator uses it: every bad input is one clear line and a
// non-zero exit, never a crash or a silent default.
#include <unistd.h>

#include <QTcpServer>
#include <QtTest>

#include "https_client.h"
#include "server_process.h"

using kete::test::CommandResult;
using kete::test::HttpsClient;
using kete::test::ServerProcess;

namespace {

// One line on standard error, starting with the program's name, and no crash.
void verifyOneLineError(const CommandResult& r, int exitCode, const QByteArray& part) {
  QCOMPARE(r.exitCode, exitCode);
  const QByteArray err = r.err.trimmed();
  QVERIFY2(!err.contains('\n'), err.constData());
  QVERIFY2(err.startsWith("kete-server: "), err.constData());
  QVERIFY2(err.contains(part), err.constData());
}

}  // namespace

class ServerCli : public QObject {
  Q_OBJECT
 private slots:
  void versionAndHelp() {
    auto v = ServerProcess::run({"--version"});
    QCOMPARE(v.exitCode, 0);
    QVERIFY(v.out.startsWith("kete-server "));
    auto h = ServerProcess::run({"--help"});
    QCOMPARE(h.exitCode, 0);
    QVERIFY(h.out.contains("kete-server serve --data DIR"));
    QVERIFY(h.out.contains("seed-demo"));
  }

  void badUsage_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("part");
    QTest::newRow("nothing") << QStringList{} << QByteArray("no command given");
    QTest::newRow("unknown option") << QStringList{"serve", "--data", "x", "--verbose"} << QByteArray("unknown option '--verbose'");
    QTest::newRow("unknown command") << QStringList{"run"} << QByteArray("unknown command 'run'");
    QTest::newRow("bad listen") << QStringList{"serve", "--data", "x", "--listen", "localhost"} << QByteArray("HOST:PORT");
  }
  void badUsage() {
    QFETCH(QStringList, args);
    QFETCH(QByteArray, part);
    verifyOneLineError(ServerProcess::run(args), 2, part);
  }

  void dataFolderThatIsAFile() {
    QTemporaryDir dir;
    QFile file(dir.path() + "/plain-file");
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    verifyOneLineError(ServerProcess::run({"serve", "--data", file.fileName()}), 1, "is not a folder");
    verifyOneLineError(ServerProcess::run({"serve", "--data", file.fileName() + "/below"}), 1, "cannot create data folder");
  }

  void unwritableDataFolder() {
    if (::geteuid() == 0) QSKIP("root writes everywhere; the folder-under-a-file case covers unwritable paths");
    QTemporaryDir dir;
    QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::ExeOwner));
    verifyOneLineError(ServerProcess::run({"serve", "--data", dir.path()}), 1, "not writable");
    QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
  }

  void portInUse() {
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    ServerProcess server;
    QVERIFY(!server.start({"--listen", QString("127.0.0.1:%1").arg(squatter.serverPort())}));
    const QByteArray err = server.log().trimmed();
    QVERIFY2(err.contains("cannot listen on 127.0.0.1:") && err.contains("in use"), err.constData());
  }

  void corruptDatabase() {
    QTemporaryDir dir;
    QFile db(dir.path() + "/kete.db");
    QVERIFY(db.open(QIODevice::WriteOnly));
    db.write(QByteArray(8192, 'Z'));
    db.close();
    verifyOneLineError(ServerProcess::run({"serve", "--data", dir.path()}), 1, "damaged or not a Kete database");
    // The damaged file is left exactly as it was: nothing is lost or overwritten.
    QVERIFY(db.open(QIODevice::ReadOnly));
    QCOMPARE(db.readAll(), QByteArray(8192, 'Z'));
  }

  void createUserPersistsAcrossRestart() {
    ServerProcess server;
    const QStringList create{"admin", "create-user", "--data", server.dataDir(), "--email", "Aroha@Example.co.nz",
                             "--name", "Aroha Ngata", "--role", "admin", "--password-stdin"};
    auto made = ServerProcess::run(create, "correct-horse-battery\n");
    QCOMPARE(made.exitCode, 0);
    QVERIFY(made.out.contains("created admin aroha@example.co.nz"));

    QVERIFY(server.start());
    QCOMPARE(server.stop(), 0);
    QVERIFY(server.start());
    // After a restart the user signs in with the password given on the command line.
    HttpsClient http(server.fingerprint());
    auto login = http.post(server.url("/api/v1/auth/login"),
                           {{"email", "aroha@example.co.nz"}, {"password", "correct-horse-battery"}});
    QCOMPARE(login.status, 200);
    QCOMPARE(login.json().value("user").toObject().value("role").toString(), QString("admin"));
    QCOMPARE(server.stop(), 0);

    // The same address again (in another case) is refused because the first is still there.
    verifyOneLineError(ServerProcess::run(create, "another-good-password\n"), 1, "already exists");
  }

  void oneProcessPerDataFolder() {
    // The server keeps what is committed in memory; a second writer on the same folder would make
    // that view wrong, so it is refused with a clear line, and the data stays as it was.
    ServerProcess server;
    QVERIFY(server.start());
    ServerProcess second(server.dataDir());
    QVERIFY(!second.start());
    QVERIFY2(second.log().contains("another kete-server is using"), second.log().constData());
    verifyOneLineError(ServerProcess::run({"admin", "create-user", "--data", server.dataDir(), "--email",
                                           "late@example.co.nz", "--name", "Late", "--role", "admin",
                                           "--password-stdin"},
                                          "correct-horse-battery\n"),
                       1, "POST /api/v1/users");
    verifyOneLineError(ServerProcess::run({"seed-demo", "--data", server.dataDir()}), 1, "another kete-server is using");
    // Still serving, and the folder is free again once it stops.
    HttpsClient http(server.fingerprint());
    QCOMPARE(http.get(server.url("/healthz")).status, 200);
    QCOMPARE(server.stop(), 0);
    QCOMPARE(ServerProcess::run({"admin", "create-user", "--data", server.dataDir(), "--email", "late@example.co.nz",
                                 "--name", "Late", "--role", "admin", "--password-stdin"},
                                "correct-horse-battery\n")
                 .exitCode,
             0);
  }

  void createUserRefusesWeakOrMissingPasswords() {
    QTemporaryDir dir;
    const QStringList create{"admin", "create-user", "--data", dir.path(), "--email", "a@example.co.nz", "--name", "A",
                             "--password-stdin"};
    verifyOneLineError(ServerProcess::run(create, "short\n"), 2, "at least 12 characters");
    verifyOneLineError(ServerProcess::run(create, "password1234\n"), 2, "too common");
    verifyOneLineError(ServerProcess::run(create, ""), 2, "no password on standard input");
    auto bad = create;
    bad[5] = "not-an-address";
    verifyOneLineError(ServerProcess::run(bad, "correct-horse-battery\n"), 2, "is not an e-mail address");
  }

  void seedDemoPrintsLoginsAndIsIdempotent() {
    QTemporaryDir dir;
    auto first = ServerProcess::run({"seed-demo", "--data", dir.path()});
    QCOMPARE(first.exitCode, 0);
    QVERIFY(first.out.contains("demo business created"));
    for (const char* who : {"admin ", "manager", "staff", "client", "partner"}) QVERIFY2(first.out.contains(who), who);
    auto again = ServerProcess::run({"seed-demo", "--data", dir.path()});
    QCOMPARE(again.exitCode, 0);
    QVERIFY(again.out.contains("already present"));
  }
};

QTEST_GUILESS_MAIN(ServerCli)
#include "tst_server_cli.moc"
