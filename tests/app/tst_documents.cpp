// The documents page of the client app, as a client uses it, under Xvfb against the real server:
// a file dropped on the window is uploaded, becomes a document staff can read, is saved back
// out, and a new version keeps the old one in its history.
#include <QDesktopServices>
#include <QDialog>
#include <QDropEvent>
#include <QFile>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "app_setup.h"
#include "session/keychain_store.h"
#include "session/session.h"
#include "client_app.h"
#include "models/record_table_model.h"
#include "test_world.h"
#include "transfer/transfer_queue.h"
#include "widgets/app_window.h"
#include "widgets/document_browser.h"

using namespace kete::test;
using kete::app::AppWindow;
using kete::app::DocumentBrowser;

class Documents : public QObject {
  Q_OBJECT
  std::unique_ptr<ServerProcess> m_server;
  std::unique_ptr<TestWorld> m_world;
  QTemporaryDir m_files;
  QUrl m_opened;  // what the app handed to the desktop to open

 public slots:
  void opened(const QUrl& url) { m_opened = url; }

 private:

  QString writeFile(const QString& name, const QByteArray& bytes) {
    QFile f(m_files.path() + "/" + name);
    if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(f.fileName()));
    f.write(bytes);
    return f.fileName();
  }

  // The list as the person sees it: title -> record id.
  static QHash<QString, QString> listed(DocumentBrowser& b) {
    QHash<QString, QString> out;
    auto* list = b.findChild<QTableView*>("documentList")->model();
    for (int row = 0; row < list->rowCount(); ++row)
      out.insert(list->index(row, 0).data().toString(), list->index(row, 0).data(kete::app::RecordTableModel::RecordIdRole).toString());
    return out;
  }

  static QString transfersText(AppWindow& w) {
    QStringList out;
    for (const auto& t : w.transfers()->transfers())
      out << QString("%1 state %2 %3/%4 %5").arg(t.name).arg(int(t.state)).arg(t.done).arg(t.size).arg(t.error);
    return out.join("; ");
  }

  void drop(QWidget& target, const QString& path) {
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    const QPointF at(target.width() / 2.0, target.height() / 2.0);
    QDragEnterEvent enter(at.toPoint(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&target, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent dropped(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&target, &dropped);
  }

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    QString error;
    const auto profile = kete::client::profile(&error);
    QVERIFY2(profile, qPrintable(error));
    kete::app::prepareApplication(*qApp, *profile);
    m_server = std::make_unique<ServerProcess>();
    m_world = std::make_unique<TestWorld>(*m_server);
    QVERIFY2(m_world->build(), qPrintable(m_world->error()));
  }

  void dropSaveAndVersion() {
    QString error;
    auto w = kete::client::createMainWindow(*kete::client::profile(&error));
    w->resize(1100, 720);
    w->show();
    w->start();
    QVERIFY(QTest::qWaitForWindowExposed(w.get()));
    w->findChild<QLineEdit*>("serverAddress")->setText(QString("127.0.0.1:%1").arg(m_server->port()));
    w->findChild<QLineEdit*>("email")->setText((*m_world)["clientA"].email);
    w->findChild<QLineEdit*>("password")->setText(kPassword);
    QTest::mouseClick(w->findChild<QPushButton*>("signInButton"), Qt::LeftButton);
    auto* trust = w->findChild<QPushButton*>("trustButton");
    QTRY_VERIFY_WITH_TIMEOUT(trust->isVisible() || w->isSignedIn(), 10000);
    if (!w->isSignedIn()) QTest::mouseClick(trust, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(w->isSignedIn(), 10000);
    DocumentBrowser* browser = w->documents();
    QVERIFY(browser);
    QTRY_VERIFY(w->transfers());  // once the files' key is read from (or made in) the keychain

    // A bank statement dropped on the page goes up and becomes a document.
    const QByteArray statement = "%PDF-1.7\n" + randomBytes(1'500'000, 21);
    drop(*browser, writeFile("March statement.pdf", statement));
    QTRY_VERIFY2_WITH_TIMEOUT(listed(*browser).contains("March statement"), qPrintable(transfersText(*w) + "\n" + m_server->log().right(3000)), 30000);
    const QString id = listed(*browser).value("March statement");
    // Sent and synced: staff assigned to this client read it, its file included.
    QTRY_COMPARE_WITH_TIMEOUT(m_world->get("staff", "/api/v1/records/documents/" + id).status, 200, 20000);
    const auto data = m_world->get("staff", "/api/v1/records/documents/" + id).json().value("data").toObject();
    QCOMPARE(data.value("blob").toString(), sha256Hex(statement));
    QCOMPARE(data.value("size").toInteger(), statement.size());
    QCOMPARE(m_world->get("staff", "/api/v1/blobs/" + sha256Hex(statement)).body, statement);
    QCOMPARE(m_world->get("clientB", "/api/v1/records/documents/" + id).status, 404);

    // Saved back out (downloaded, checked, copied).
    const QString copy = m_files.path() + "/copy.pdf";
    browser->saveCopy(sha256Hex(statement), statement.size(), "March statement", copy);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(copy), 20000);
    QFile saved(copy);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), statement);

    // Opened: a plain copy with the document's name goes to the desktop, from a folder of the
    // user's own that nobody else may read (not one every user of the computer shares).
    QDesktopServices::setUrlHandler("file", this, "opened");
    browser->findChild<QTableView*>("documentList")->selectRow(0);
    QTest::mouseClick(browser->findChild<QPushButton*>("openButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_opened.isValid(), 20000);
    QDesktopServices::unsetUrlHandler("file");
    const QFileInfo openedCopy(m_opened.toLocalFile());
    QCOMPARE(openedCopy.fileName(), QString("March statement.pdf"));
    QCOMPARE(openedCopy.absolutePath(), QFileInfo(DocumentBrowser::openFolder()).absoluteFilePath());
    QVERIFY2(openedCopy.absolutePath().startsWith(QStandardPaths::writableLocation(QStandardPaths::CacheLocation)),
             qPrintable(openedCopy.absolutePath()));
    const auto othersMay = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
                           QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    QCOMPARE(QFile::permissions(openedCopy.absolutePath()) & othersMay, QFileDevice::Permissions());
    QFile openedFile(openedCopy.absoluteFilePath());
    QVERIFY(openedFile.open(QIODevice::ReadOnly));
    QCOMPARE(openedFile.readAll(), statement);

    // A corrected statement as a new version; the first stays in the history.
    const QByteArray corrected = "%PDF-1.7\n" + randomBytes(800'000, 22);
    browser->uploadNewVersion(id, writeFile("March statement (corrected).pdf", corrected));
    QTRY_COMPARE_WITH_TIMEOUT(
        m_world->get("staff", "/api/v1/records/documents/" + id).json().value("data").toObject().value("blob").toString(),
        sha256Hex(corrected), 30000);
    auto* list = browser->findChild<QTableView*>("documentList");
    QTRY_VERIFY_WITH_TIMEOUT(listed(*browser).contains("March statement") &&
                                 list->model()->index(0, 0).data(Qt::ToolTipRole).toString().contains("1 earlier version"), 20000);
    list->selectRow(0);
    QTest::mouseClick(browser->findChild<QPushButton*>("versionsButton"), Qt::LeftButton);
    auto* dialog = w->findChild<QDialog*>("versionsDialog");
    QTRY_VERIFY(dialog && dialog->isVisible());
    QCOMPARE(dialog->findChild<QTableWidget*>("versionList")->rowCount(), 2);
    dialog->close();

    // The page as the person sees it, transfers included.
    auto* tabs = w->findChild<QTabWidget*>("sections");
    tabs->setCurrentWidget(browser);
    QDir().mkpath(KETE_SCREENSHOT_DIR);
    QVERIFY(w->grab().save(KETE_SCREENSHOT_DIR "/client-documents.png"));

    // The downloaded copy is encrypted at rest, with a key that is in the OS keychain only.
    const QString cached = w->transfers()->cachedFile(sha256Hex(statement));
    QVERIFY(!cached.isEmpty());
    QFile raw(cached);
    QVERIFY(raw.open(QIODevice::ReadOnly));
    QVERIFY(!raw.readAll().contains("%PDF-1.7"));
    raw.close();
    const QString keyName = "files-key-127.0.0.1-" + (*m_world)["clientA"].id;
    auto keychainHas = [&](const QString& name) {
      bool done = false, present = false;
      w->session().keychain().read(name, [&](const std::optional<QString>& v, const QString&) { present = v.has_value(), done = true; });
      if (!QTest::qWaitFor([&] { return done; }, 10000)) qWarning("keychain read timed out");
      return present;
    };
    QVERIFY(keychainHas(keyName));

    // Signing out removes the files kept on this computer and their key.
    const QString files = w->transfers()->cacheFolder();
    QVERIFY(QDir(files).exists());
    QTest::mouseClick(w->findChild<QPushButton*>("signOutButton"), Qt::LeftButton);
    QTRY_VERIFY(!QDir(files).exists());
    QVERIFY(!QDir(DocumentBrowser::openFolder()).exists());
    QTRY_VERIFY_WITH_TIMEOUT(!keychainHas(keyName), 10000);
  }
};

QTEST_MAIN(Documents)
#include "tst_documents.moc"
