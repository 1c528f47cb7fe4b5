#pragma once
// The sign-in page every app opens with: server address, e-mail, password, and on first
// contact the server's certificate fingerprint for a person to confirm before anything is sent.
#include <QJsonObject>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QFrame;
class QFormLayout;

namespace kete::app {

class Session;

class SignInPage : public QWidget {
  Q_OBJECT
 public:
  explicit SignInPage(Session& session, QWidget* parent = nullptr);

  void showMessage(const QString& text);  // e.g. "your session has ended"
  void reset();                           // clears the password, keeps address and e-mail

 signals:
  void signedIn(const QJsonObject& user);

 private:
  void attemptSignIn();
  void askToTrust(const QUrl& server, const QString& fingerprint);
  void signInWithPinnedServer();
  void setBusy(bool busy, const QString& status = {});
  void showError(const QString& text);

  Session& m_session;
  QLineEdit* m_server;
  QLineEdit* m_email;
  QLineEdit* m_password;
  QLineEdit* m_totp;
  QFormLayout* m_form;
  QPushButton* m_signIn;
  QLabel* m_error;
  QFrame* m_fingerprintBox;
  QLabel* m_fingerprintIntro;
  QLabel* m_fingerprint;
  QUrl m_pendingServer;
  QString m_pendingFingerprint;
};

}  // namespace kete::app
