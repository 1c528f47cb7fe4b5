#include "widgets/app_window.h"

#include <algorithm>

#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTimer>

#include <QStandardPaths>
#include <utility>

#include "session/session.h"
#include "store/local_store.h"
#include "sync/news.h"
#include "sync/sync_engine.h"
#include "transfer/file_cipher.h"
#include "transfer/transfer_queue.h"
#include "widgets/document_browser.h"
#include "widgets/home_page.h"
#include "widgets/problems_dialog.h"
#include "widgets/sign_in_page.h"

namespace kete::app {

AppWindow::AppWindow(const AppProfile& profile, QWidget* parent)
    : QMainWindow(parent), m_session(new Session(profile, this)) {
  setWindowTitle(profile.displayName);
  setMinimumSize(900, 620);
  m_pages = new QStackedWidget(this);
  m_signIn = new SignInPage(*m_session, m_pages);
  m_home = new HomePage(m_pages);
  m_pages->addWidget(m_signIn);
  m_pages->addWidget(m_home);
  setCentralWidget(m_pages);
  m_connection = new QLabel(this);
  m_connection->setObjectName(QStringLiteral("connectionState"));
  statusBar()->addWidget(m_connection);
  m_connection->setText(tr("Not signed in"));
  m_problems = new QPushButton(this);
  m_problems->setObjectName(QStringLiteral("problemsButton"));
  m_problems->setFlat(true);
  m_problems->hide();
  statusBar()->addPermanentWidget(m_problems);
  connect(m_problems, &QPushButton::clicked, this, &AppWindow::showProblems);
  m_reloadTimer = new QTimer(this);
  m_reloadTimer->setSingleShot(true);
  m_reloadTimer->setInterval(400);
  connect(m_reloadTimer, &QTimer::timeout, this, [this] {
    if (!std::exchange(m_reloadDue, false)) return;
    reloadPages();
    m_reloadTimer->start();
  });

  connect(m_signIn, &SignInPage::signedIn, this, [this](const QJsonObject& user) {
    ++m_signIns;
    showHome(user, Connection::Online);
  });
  connect(m_home, &HomePage::signOutRequested, this, &AppWindow::signOut);
}

AppWindow::~AppWindow() { closeCache(false); }

DocumentBrowser* AppWindow::addDocumentsPage(const QString& title) {
  if (!m_documents) {
    m_documents = new DocumentBrowser(m_home);
    m_home->addPage(title, m_documents);
  }
  return m_documents;
}

bool AppWindow::isSignedIn() const { return m_pages->currentWidget() == m_home; }

void AppWindow::start() {
  m_session->restoreToken([this](const QString& token, const QString& error) {
    if (token.isEmpty()) {
      // The form may already be in use: show the page without clearing what was typed.
      m_pages->setCurrentWidget(m_signIn);
      if (!error.isEmpty()) m_signIn->showMessage(tr("This computer's keychain could not be read: %1").arg(error));
      emit stateChanged();
      return;
    }
    // Whoever signed in last is shown at once with what this computer has saved: the window never
    // waits for the server. The server's answer then confirms the session (or ends it).
    const QJsonObject cached = m_session->cachedUser();
    if (!cached.value("id").toString().isEmpty()) {
      showHome(cached, Connection::Connecting);
    } else {
      m_connection->setText(tr("Connecting…"));
    }
    QPointer<AppWindow> alive(this);
    m_session->api().get(QStringLiteral("/api/v1/me"), [this, alive, asked = m_signIns](const ApiReply& reply) {
      // The person may have signed out (and someone in) while the server took its time: the
      // answer is about a session that is no longer this window's.
      if (!alive || asked != m_signIns) return;
      if (reply.ok()) {
        m_session->rememberUser(reply.json);
        return showHome(reply.json, Connection::Online);
      }
      if (reply.status == 401 || reply.pinMismatch) {
        closeCache(false);  // kept for the next sign-in as this person; not readable without one
        m_user = {};
        ++m_signIns;
        m_session->signOut([this](const QString&) { showSignIn(tr("Your session has ended. Please sign in again.")); });
        return;
      }
      // Unreachable, or answering with an error of its own (restarting, overloaded): the saved
      // pages stay, and the sync engine keeps trying.
      showHome(m_user.isEmpty() ? m_session->cachedUser() : m_user, Connection::Offline);
    });
  });
}

void AppWindow::tellNews() {
  if (!m_store) return;
  const bool staff = m_user.value("tenant").toObject().value("kind").toString() == QLatin1String("internal");
  for (const QString& line : takeNews(*m_store, staff)) notify(line);
}

void AppWindow::notify(const QString& text) {
  m_notifications << text;
  statusBar()->showMessage(text, 15000);
  if (QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages()) {
    if (!m_tray) {
      m_tray = new QSystemTrayIcon(windowIcon(), this);
      m_tray->show();
    }
    m_tray->showMessage(windowTitle(), text);
  }
}

void AppWindow::showHome(const QJsonObject& user, Connection connection) {
  m_user = user;
  m_home->setUser(user, connection == Connection::Offline);
  m_pages->setCurrentWidget(m_home);
  switch (connection) {
    case Connection::Online: m_connection->setText(tr("Connected to %1").arg(m_session->serverUrl().host())); break;
    case Connection::Offline: m_connection->setText(tr("Offline — showing what this computer has saved")); break;
    case Connection::Connecting: m_connection->setText(tr("Connecting to %1…").arg(m_session->serverUrl().host())); break;
  }
  openCache(user.value("id").toString());
  if (m_sync && connection == Connection::Online) showSyncState();  // the sync engine has news of its own
  emit stateChanged();
}

void AppWindow::openCache(const QString& userId) {
  if (m_store || userId.isEmpty()) return;
  // One cache per person and server, in the app's own data folder. The host goes into file
  // names, so only characters every desktop allows (an IPv6 address has colons).
  const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
  QString host = m_session->serverUrl().host();
  for (QChar& c : host)
    if (!c.isLetterOrNumber() && c != QLatin1Char('.') && c != QLatin1Char('-')) c = QLatin1Char('_');
  const QString name = QStringLiteral("cache-%1-%2.db").arg(host, userId);
  auto store = std::make_unique<LocalStore>();
  QString error;
  if (!store->open(folder + QLatin1Char('/') + name, &error)) {
    m_connection->setText(tr("Offline cache unavailable: %1").arg(error));
    return;
  }
  m_store = std::move(store);
  startNews(*m_store);  // what arrives after the first sign-in on this computer is news
  m_sync = new SyncEngine(m_session->api(), *m_store, this);
  m_sync->setLive(true);
  connect(m_sync, &SyncEngine::stateChanged, this, &AppWindow::showSyncState);
  // Pages reload as pages of changes arrive, at most a few times a second (less often when a
  // reload itself takes long): a first sync of 100,000 records comes in hundreds of pages, and
  // reloading after each would make it quadratic.
  connect(m_sync, &SyncEngine::dataChanged, this, [this] {
    if (m_reloadTimer->isActive()) {
      m_reloadDue = true;
      return;
    }
    reloadPages();
    m_reloadTimer->start();
  });
  connect(m_sync, &SyncEngine::stateChanged, this, [this] {
    if (m_sync->state() != SyncEngine::State::Syncing && std::exchange(m_reloadDue, false)) reloadPages();
  });
  // Once per finished sync, whatever it brought (the first one, even if nothing, fixes where news
  // starts).
  connect(m_sync, &SyncEngine::stateChanged, this, [this] {
    if (m_sync && m_sync->state() == SyncEngine::State::UpToDate) tellNews();
  });
  // Unsent work is marked on the pages: a push that went out changes that too.
  connect(m_sync, &SyncEngine::stateChanged, this, [this, pending = -1]() mutable {
    if (!m_store) return;
    const int now = m_store->pendingCount();
    if (now != pending) {
      pending = now;
      emit cacheChanged();
    }
  });
  openTransfers(folder + QStringLiteral("/files-%1-%2").arg(host, userId), QStringLiteral("files-key-%1-%2").arg(host, userId));
  // What the cache holds shows at once, before (and without) the network.
  m_home->setCacheSummary(m_store->recordCount());
  m_home->reload(m_store.get());
  emit cacheChanged();
  m_sync->syncNow();
}

// Files opened offline, per person and server like the cache, encrypted with a key kept only in
// the OS keychain (made on first use), and removed with the cache.
void AppWindow::openTransfers(const QString& folder, const QString& keyName) {
  m_fileKeyName = keyName;
  m_filesFolder = folder;
  auto* store = m_store.get();
  QPointer<AppWindow> alive(this);
  m_session->keychain().read(keyName, [this, alive, store, folder, keyName](const std::optional<QString>& stored,
                                                                              const QString& error) {
    // The window closed, or the person signed out (or in again), while the keychain answered.
    if (!alive || m_store.get() != store || m_transfers) return;
    QByteArray key = stored ? QByteArray::fromBase64(stored->toLatin1()) : QByteArray();
    if (!stored && error.isEmpty()) {
      key = FileCipher::newKey();
      m_session->keychain().write(keyName, QString::fromLatin1(key.toBase64()), [](const QString&) {});
    }
    // Without the keychain, files still go up; none is kept on this computer.
    m_transfers = new TransferQueue(m_session->api(), *m_store, folder, key, 2LL << 30, this);
    // Transfers wait while the sync engine finds the server unreachable, and go on when it is back.
    connect(m_sync, &SyncEngine::stateChanged, m_transfers,
            [this] { m_transfers->setOnline(m_sync->state() != SyncEngine::State::Offline); });
    // A finished upload put its document in the outbox: send it now.
    connect(m_transfers, &TransferQueue::finished, m_sync, [this] {
      emit cacheChanged();
      m_sync->syncNow();
    });
    if (m_documents) m_documents->setSources(m_store.get(), m_transfers);
    emit stateChanged();
    emit cacheChanged();
  });
}

void AppWindow::reloadPages() {
  if (!m_store) return;
  QElapsedTimer took;
  took.start();
  m_home->setCacheSummary(m_store->recordCount());
  m_home->reload(m_store.get());
  if (m_documents) m_documents->reload();
  emit cacheChanged();
  // Reloading never takes more than a fifth of a long sync's time, however big the cache.
  m_reloadTimer->setInterval(int(std::clamp<qint64>(took.elapsed() * 4, 400, 5000)));
}

void AppWindow::closeCache(bool purge) {
  m_reloadTimer->stop();
  m_reloadDue = false;
  m_home->reload(nullptr);
  if (purge) m_user = {};
  if (m_documents) m_documents->setSources(nullptr, nullptr);
  delete m_problemsDialog;
  m_problemsDialog = nullptr;
  m_problems->hide();
  delete m_sync;
  m_sync = nullptr;
  if (m_transfers && purge) m_transfers->clear(true);
  delete m_transfers;
  m_transfers = nullptr;
  if (purge && !m_filesFolder.isEmpty()) QDir(m_filesFolder).removeRecursively();  // even if never opened
  if (m_store && purge) m_store->purge();
  m_store.reset();
  emit cacheChanged();
}

void AppWindow::showSyncState() {
  if (!m_sync) return;
  m_connection->setText(tr("%1 · %2").arg(m_session->serverUrl().host(), m_sync->describe()));
  const int problems = int(m_store->problems().size());
  m_problems->setText(tr("%n change(s) need your decision", nullptr, problems));
  m_problems->setVisible(problems > 0);
  if (m_problemsDialog && m_problemsDialog->isVisible()) m_problemsDialog->reload();
  emit stateChanged();
}

void AppWindow::showProblems() {
  if (!m_store) return;
  if (!m_problemsDialog) {
    m_problemsDialog = new ProblemsDialog(*m_store, this);
    connect(m_problemsDialog, &ProblemsDialog::resolved, this, [this] {
      if (m_sync) m_sync->syncNow();
    });
  }
  m_problemsDialog->reload();
  m_problemsDialog->show();
  m_problemsDialog->raise();
}

void AppWindow::showSignIn(const QString& message) {
  m_signIn->reset();
  if (!message.isEmpty()) m_signIn->showMessage(message);
  m_pages->setCurrentWidget(m_signIn);
  m_connection->setText(tr("Not signed in"));
  emit stateChanged();
}

void AppWindow::signOut() {
  ++m_signIns;
  // On a shared computer nothing of this person may stay behind: cache and files first, then
  // the files' key and the token.
  closeCache(true);
  if (!m_fileKeyName.isEmpty()) m_session->keychain().remove(std::exchange(m_fileKeyName, QString()), [](const QString&) {});
  m_session->signOut([this](const QString& error) {
    showSignIn(error.isEmpty() ? QString() : tr("Signed out, but the keychain entry could not be removed: %1").arg(error));
  });
}

}  // namespace kete::app
