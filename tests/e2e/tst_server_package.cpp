// The server's Debian package as an operator gets it: built by CPack, unpacked into a temporary
// root with dpkg -x, and run from there.
#include <QtTest>

class ServerPackage : public QObject {
  Q_OBJECT

  static QByteArray run(const QString& program, const QStringList& args, int* exitCode, const QString& dir = {}) {
    QProcess p;
    if (!dir.isEmpty()) p.setWorkingDirectory(dir);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    p.waitForFinished(240000);
    *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return p.readAll();
  }

 private slots:
  void debInstallsAndRuns() {
    QTemporaryDir out;
    int rc = 0;
    const QByteArray log = run("cpack", {"--config", KETE_BINARY_DIR "/CPackConfig.cmake", "-G", "DEB", "-D",
                                         "CPACK_COMPONENTS_ALL=server", "-B", out.path()},
                               &rc, out.path());
    QVERIFY2(rc == 0, log.constData());
    const auto debs = QDir(out.path()).entryList({"kete-server_*.deb"});
    QCOMPARE(debs.size(), 1);
    const QString deb = out.path() + "/" + debs.first();
    QVERIFY(deb.contains(KETE_VERSION));

    // Package metadata an operator relies on.
    const QByteArray depends = run("dpkg-deb", {"-f", deb, "Depends"}, &rc);
    QVERIFY2(depends.contains("libssl3") && depends.contains("libsqlite3") && depends.contains("adduser"),
             depends.constData());
    const QByteArray contents = run("dpkg-deb", {"-c", deb}, &rc);
    QVERIFY(contents.contains("./usr/bin/kete-server"));
    QVERIFY(contents.contains("./usr/lib/systemd/system/kete-server.service"));
    const QByteArray control = run("dpkg-deb", {"-I", deb}, &rc);
    QVERIFY(control.contains("postinst"));

    const QString root = out.path() + "/root";
    run("dpkg", {"-x", deb, root}, &rc);
    QCOMPARE(rc, 0);
    const QByteArray version = run(root + "/usr/bin/kete-server", {"--version"}, &rc);
    QCOMPARE(rc, 0);
    QCOMPARE(version.trimmed(), QByteArray("kete-server " KETE_VERSION));

    QFile unit(root + "/usr/lib/systemd/system/kete-server.service");
    QVERIFY(unit.open(QIODevice::ReadOnly));
    const QByteArray unitText = unit.readAll();
    QVERIFY(unitText.contains("User=kete"));
    QVERIFY(unitText.contains("ExecStart=/usr/bin/kete-server serve --data /var/lib/kete"));
  }
};

QTEST_GUILESS_MAIN(ServerPackage)
#include "tst_server_package.moc"
