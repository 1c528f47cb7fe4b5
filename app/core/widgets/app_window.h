#pragma once
// The main window of every app: sign-in first, then the app's home, with connection state in
// the status bar. A saved session is resumed at start, and shown offline when the server is away.
#include <QJsonObject>
#include <QMainWindow>
#include <QStringList>
#include <memory>

#include "app_profile.h"

class QLabel;
class QPushButton;
class QStackedWidget;
class QSystemTrayIcon;
class QTimer;

namespace kete::app {

class Session;
class SignInPage;
class HomePage;
class LocalStore;
class SyncEngine;
class TransferQueue;
class DocumentBrowser;
class ProblemsDialog;

class AppWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit AppWindow(const AppProfile& profile, QWidget* parent = nullptr);
  ~AppWindow() override;

  // Resumes a saved session, or shows the sign-in page.
  void start();

  Session& session() { return *m_session; }
  SignInPage* signInPage() const { return m_signIn; }
  HomePage* homePage() const { return m_home; }
  bool isSignedIn() const;
  LocalStore* store() const { return m_store.get(); }
  SyncEngine* sync() const { return m_sync; }
  TransferQueue* transfers() const { return m_transfers; }
  // Adds the shared documents page as a tab of the home page (staff and client apps).
  DocumentBrowser* addDocumentsPage(const QString& title);
  DocumentBrowser* documents() const { return m_documents; }
  // Who is signed in, as /api/v1/me said (kept for offline starts); empty when signed out.
  const QJsonObject& user() const { return m_user; }
  // Tells the person something that arrived (a message, a client's upload): in the status bar,
  // and as a desktop notification where the system has a tray.
  void notify(const QString& text);
  const QStringList& notifications() const { return m_notifications; }

 signals:
  void stateChanged();
  // The offline cache changed (a sync, an upload, sign-in or sign-out): pages reload from it.
  void cacheChanged();

 private:
  void openTransfers(const QString& folder, const QString& keyName);
  enum class Connection { Online, Offline, Connecting };
  void showHome(const QJsonObject& user, Connection connection);
  void showSignIn(const QString& message = {});
  void signOut();
  void openCache(const QString& userId);
  void closeCache(bool purge);
  void showSyncState();
  void reloadPages();  // every page from the cache, after it changed
  void showProblems();
  void tellNews();

  Session* m_session;
  QStackedWidget* m_pages;
  SignInPage* m_signIn;
  HomePage* m_home;
  QLabel* m_connection;
  std::unique_ptr<LocalStore> m_store;
  SyncEngine* m_sync = nullptr;
  TransferQueue* m_transfers = nullptr;
  QString m_fileKeyName;
  QString m_filesFolder;
  DocumentBrowser* m_documents = nullptr;
  QPushButton* m_problems;
  QTimer* m_reloadTimer;
  int m_signIns = 0;  // moves at every sign-in and sign-out: an answer about an older session is ignored
  bool m_reloadDue = false;
  ProblemsDialog* m_problemsDialog = nullptr;
  QJsonObject m_user;
  QStringList m_notifications;
  QSystemTrayIcon* m_tray = nullptr;
};

}  // namespace kete::app
