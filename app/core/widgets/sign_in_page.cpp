#include "widgets/sign_in_page.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSysInfo>
#include <QVBoxLayout>

#include "net/certificate_pin.h"
#include "session/session.h"

namespace kete::app {

SignInPage::SignInPage(Session& session, QWidget* parent) : QWidget(parent), m_session(session) {
  setObjectName(QStringLiteral("page"));
  const AppProfile& profile = session.profile();

  auto* card = new QFrame(this);
  card->setObjectName(QStringLiteral("card"));
  card->setFixedWidth(440);
  auto* layout = new QVBoxLayout(card);
  layout->setContentsMargins(32, 28, 32, 28);
  layout->setSpacing(12);

  auto* logo = new QLabel(card);
  logo->setPixmap(QIcon(profile.logoResource).pixmap(64, 64));
  logo->setAlignment(Qt::AlignHCenter);
  auto* title = new QLabel(profile.displayName, card);
  title->setObjectName(QStringLiteral("title"));
  title->setAlignment(Qt::AlignHCenter);
  title->setWordWrap(true);
  auto* subtitle = new QLabel(profile.tagline.isEmpty() ? tr("Sign in to continue") : profile.tagline, card);
  subtitle->setObjectName(QStringLiteral("subtitle"));
  subtitle->setAlignment(Qt::AlignHCenter);
  subtitle->setWordWrap(true);
  layout->addWidget(logo);
  layout->addWidget(title);
  layout->addWidget(subtitle);

  auto* form = m_form = new QFormLayout;
  form->setRowWrapPolicy(QFormLayout::WrapAllRows);
  m_server = new QLineEdit(session.serverUrl().toString(), card);
  m_server->setObjectName(QStringLiteral("serverAddress"));
  m_server->setPlaceholderText(tr("portal.example.co.nz:8443"));
  m_email = new QLineEdit(session.lastEmail(), card);
  m_email->setObjectName(QStringLiteral("email"));
  m_email->setPlaceholderText(tr("you@example.co.nz"));
  m_password = new QLineEdit(card);
  m_password->setObjectName(QStringLiteral("password"));
  m_password->setEchoMode(QLineEdit::Password);
  form->addRow(tr("Server address"), m_server);
  form->addRow(tr("E-mail"), m_email);
  form->addRow(tr("Password"), m_password);
  m_totp = new QLineEdit(card);
  m_totp->setObjectName(QStringLiteral("totpCode"));
  m_totp->setMaxLength(6);
  m_totp->setInputMethodHints(Qt::ImhDigitsOnly);
  m_totp->setPlaceholderText(tr("6-digit code"));
  form->addRow(tr("Code from your authenticator app"), m_totp);
  form->setRowVisible(m_totp, false);
  layout->addLayout(form);

  m_fingerprintBox = new QFrame(card);
  m_fingerprintBox->setObjectName(QStringLiteral("fingerprintBox"));
  auto* fpLayout = new QVBoxLayout(m_fingerprintBox);
  m_fingerprintIntro = new QLabel(m_fingerprintBox);
  m_fingerprintIntro->setWordWrap(true);
  m_fingerprint = new QLabel(m_fingerprintBox);
  m_fingerprint->setObjectName(QStringLiteral("fingerprint"));
  m_fingerprint->setWordWrap(true);
  m_fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  auto* trust = new QPushButton(tr("Trust this server"), m_fingerprintBox);
  trust->setObjectName(QStringLiteral("trustButton"));
  auto* cancel = new QPushButton(tr("Cancel"), m_fingerprintBox);
  cancel->setObjectName(QStringLiteral("cancelTrustButton"));
  auto* fpButtons = new QHBoxLayout;
  fpButtons->addStretch();
  fpButtons->addWidget(cancel);
  fpButtons->addWidget(trust);
  fpLayout->addWidget(m_fingerprintIntro);
  fpLayout->addWidget(m_fingerprint);
  fpLayout->addLayout(fpButtons);
  m_fingerprintBox->hide();
  layout->addWidget(m_fingerprintBox);

  m_error = new QLabel(card);
  m_error->setObjectName(QStringLiteral("error"));
  m_error->setWordWrap(true);
  m_error->hide();
  layout->addWidget(m_error);

  m_signIn = new QPushButton(tr("Sign in"), card);
  m_signIn->setObjectName(QStringLiteral("signInButton"));
  m_signIn->setProperty("primary", true);
  m_signIn->setDefault(true);
  layout->addWidget(m_signIn);

  if (!profile.supportEmail.isEmpty() || !profile.supportPhone.isEmpty()) {
    auto* help = new QLabel(tr("Need help? %1 · %2").arg(profile.supportEmail, profile.supportPhone), card);
    help->setObjectName(QStringLiteral("subtitle"));
    help->setAlignment(Qt::AlignHCenter);
    help->setWordWrap(true);
    layout->addWidget(help);
  }

  auto* outer = new QVBoxLayout(this);
  outer->addStretch();
  auto* row = new QHBoxLayout;
  row->addStretch();
  row->addWidget(card);
  row->addStretch();
  outer->addLayout(row);
  outer->addStretch();

  connect(m_signIn, &QPushButton::clicked, this, &SignInPage::attemptSignIn);
  connect(m_password, &QLineEdit::returnPressed, this, &SignInPage::attemptSignIn);
  connect(m_totp, &QLineEdit::returnPressed, this, &SignInPage::attemptSignIn);
  connect(trust, &QPushButton::clicked, this, [this] {
    m_fingerprintBox->hide();
    m_session.pinServer(m_pendingServer, m_pendingFingerprint);
    signInWithPinnedServer();
  });
  connect(cancel, &QPushButton::clicked, this, [this] {
    m_fingerprintBox->hide();
    setBusy(false);
  });
  if (m_email->text().isEmpty()) m_email->setFocus();
  else m_password->setFocus();
}

void SignInPage::showMessage(const QString& text) { showError(text); }

void SignInPage::reset() {
  m_password->clear();
  m_error->hide();
  m_fingerprintBox->hide();
  setBusy(false);
}

void SignInPage::showError(const QString& text) {
  m_error->setText(text);
  m_error->setVisible(!text.isEmpty());
}

void SignInPage::setBusy(bool busy, const QString& status) {
  m_signIn->setEnabled(!busy);
  m_signIn->setText(busy ? status : tr("Sign in"));
  m_server->setEnabled(!busy);
  m_email->setEnabled(!busy);
  m_password->setEnabled(!busy);
}

void SignInPage::attemptSignIn() {
  showError(QString());
  QString problem;
  const QUrl server = ApiClient::normalizeServerAddress(m_server->text(), &problem);
  if (!server.isValid()) return showError(problem);
  if (m_email->text().trimmed().isEmpty() || !m_email->text().contains('@'))
    return showError(tr("Enter the e-mail address you sign in with."));
  if (m_password->text().isEmpty()) return showError(tr("Enter your password."));

  if (m_session.serverUrl() == server && !m_session.pinnedFingerprint().isEmpty()) {
    signInWithPinnedServer();
    return;
  }
  setBusy(true, tr("Contacting server…"));
  m_session.api().probe(server, [this, server](const ProbeResult& probe) {
    if (!probe.reached) {
      setBusy(false);
      return showError(probe.error);
    }
    // A brand that ships its server's fingerprint needs no question.
    const QString preset = normalizeFingerprint(m_session.profile().pinnedFingerprint);
    if (!preset.isEmpty() && preset == probe.fingerprint) {
      m_session.pinServer(server, probe.fingerprint);
      return signInWithPinnedServer();
    }
    if (!preset.isEmpty()) {
      setBusy(false);
      return showError(tr("This server's certificate is not the one this app expects. Do not continue; "
                          "contact %1.").arg(m_session.profile().organisation));
    }
    askToTrust(server, probe.fingerprint);
  });
}

void SignInPage::askToTrust(const QUrl& server, const QString& fingerprint) {
  m_pendingServer = server;
  m_pendingFingerprint = fingerprint;
  m_fingerprintIntro->setText(tr("First connection to %1. Check that this certificate fingerprint matches the one "
                                 "your administrator gave you:").arg(server.host()));
  m_fingerprint->setText(fingerprint);
  m_fingerprintBox->show();
  m_signIn->setText(tr("Waiting for you to confirm…"));
}

void SignInPage::signInWithPinnedServer() {
  setBusy(true, tr("Signing in…"));
  const QString email = m_email->text().trimmed();
  QJsonObject body{{"email", email}, {"password", m_password->text()}, {"device", QSysInfo::machineHostName()}};
  if (!m_totp->text().trimmed().isEmpty()) body["totp"] = m_totp->text().trimmed();
  m_session.api().post(QStringLiteral("/api/v1/auth/login"), body, [this, email](const ApiReply& reply) {
    if (reply.ok()) {
      const QJsonObject user = reply.json.value("user").toObject();
      m_session.signedIn(email, reply.json.value("token").toString(), user, [this, user](const QString& error) {
        setBusy(false);
        if (!error.isEmpty()) return showError(tr("Signed in, but this computer's keychain refused to keep the session: %1").arg(error));
        m_password->clear();
        m_totp->clear();
        m_form->setRowVisible(m_totp, false);
        emit signedIn(user);
      });
      return;
    }
    setBusy(false);
    if (reply.pinMismatch)
      showError(tr("The server's certificate has changed since you first trusted it. Do not continue; contact your administrator."));
    else if (reply.status == 0)
      showError(tr("Cannot reach the server: %1").arg(reply.errorMessage));
    else if (reply.errorCode == QLatin1String("invalid_credentials"))
      showError(tr("The e-mail address or password is not right."));
    else if (reply.errorCode == QLatin1String("rate_limited"))
      showError(tr("Too many attempts. Wait a few minutes, then try again."));
    else if (reply.errorCode == QLatin1String("totp_required")) {
      const bool asked = m_totp->isVisibleTo(this);
      m_form->setRowVisible(m_totp, true);
      m_totp->clear();
      m_totp->setFocus();
      showError(asked ? tr("That code is not right. Enter the current code from your authenticator app.")
                      : tr("Enter the 6-digit code from your authenticator app."));
    }
    else
      showError(tr("Sign-in failed: %1").arg(reply.errorMessage));
  });
}

}  // namespace kete::app
