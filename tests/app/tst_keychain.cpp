// The real OS keychain (Secret Service via gnome-keyring here) through the apps' wrapper.
#include <QSignalSpy>
#include <QtTest>

#include "session/keychain_store.h"

using kete::app::KeychainStore;

class Keychain : public QObject {
  Q_OBJECT

  QString m_service = QStringLiteral("nz.kete.test.%1").arg(QCoreApplication::applicationPid());

  QString writeSync(KeychainStore& store, const QString& key, const QString& value) {
    bool done = false;
    QString error;
    store.write(key, value, [&](const QString& e) { error = e, done = true; });
    if (!QTest::qWaitFor([&] { return done; }, 15000)) return QStringLiteral("timed out");
    return error;
  }
  std::optional<QString> readSync(KeychainStore& store, const QString& key, QString* error = nullptr) {
    bool done = false;
    std::optional<QString> value;
    store.read(key, [&](const std::optional<QString>& v, const QString& e) {
      value = v;
      if (error) *error = e;
      done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 15000) && error) *error = QStringLiteral("timed out");
    return value;
  }
  QString removeSync(KeychainStore& store, const QString& key) {
    bool done = false;
    QString error;
    store.remove(key, [&](const QString& e) { error = e, done = true; });
    if (!QTest::qWaitFor([&] { return done; }, 15000)) return QStringLiteral("timed out");
    return error;
  }

 private slots:
  void writeReadDeleteRoundTrip() {
    KeychainStore store(m_service);
    const QString token = QStringLiteral("tok-ēāū-%1").arg(QDateTime::currentMSecsSinceEpoch());
    QCOMPARE(writeSync(store, "session-token", token), QString());

    // A second store object (as after an app restart) reads what the first wrote.
    KeychainStore reopened(m_service);
    QString error;
    QCOMPARE(readSync(reopened, "session-token", &error), std::optional<QString>(token));
    QCOMPARE(error, QString());

    QCOMPARE(removeSync(reopened, "session-token"), QString());
    QCOMPARE(readSync(store, "session-token", &error), std::optional<QString>());
    QCOMPARE(error, QString());
  }

  void servicesAreSeparate() {
    KeychainStore staff(m_service + ".staff");
    KeychainStore client(m_service + ".client");
    QCOMPARE(writeSync(staff, "session-token", "staff-secret"), QString());
    QCOMPARE(readSync(client, "session-token"), std::optional<QString>());
    QCOMPARE(removeSync(staff, "session-token"), QString());
  }

  void removingAnAbsentEntryIsNotAnError() {
    KeychainStore store(m_service);
    QCOMPARE(removeSync(store, "never-written"), QString());
  }
};

QTEST_MAIN(Keychain)
#include "tst_keychain.moc"
