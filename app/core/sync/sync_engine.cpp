#include "sync/sync_engine.h"

#include <QJsonArray>
#include <QSet>
#include <QPointer>
#include <QWebSocket>

#include "net/certificate_pin.h"
#include <QSysInfo>

#include "net/api_client.h"
#include "store/local_store.h"

namespace kete::app {
namespace {

constexpr int kPushBatch = 200;
constexpr int kPullLimit = 1000;
constexpr int kMaxBackoffMs = 60000;
constexpr int kMaxPullRounds = 10000;

}  // namespace

SyncEngine::SyncEngine(ApiClient& api, LocalStore& store, QObject* parent)
    : QObject(parent), m_api(api), m_store(store) {
  m_retry.setSingleShot(true);
  connect(&m_retry, &QTimer::timeout, this, &SyncEngine::syncNow);
  m_liveRetry.setSingleShot(true);
  connect(&m_liveRetry, &QTimer::timeout, this, &SyncEngine::openLive);
  m_hint.setSingleShot(true);
  m_hint.setInterval(100);
  connect(&m_hint, &QTimer::timeout, this, &SyncEngine::syncNow);
}

void SyncEngine::setLive(bool on) {
  m_liveWanted = on;
  if (!on && m_live) {
    m_live->abort();
    m_live->deleteLater();
    m_live = nullptr;
  }
}

bool SyncEngine::liveConnected() const { return m_live && m_live->state() == QAbstractSocket::ConnectedState; }

void SyncEngine::openLive() {
  if (!m_liveWanted || m_live) return;
  QUrl url = m_api.server();
  url.setScheme(QStringLiteral("wss"));
  url.setPath(QStringLiteral("/api/v1/sync/live"));
  QNetworkRequest request(url);
  request.setRawHeader("Authorization", "Bearer " + m_api.token().toUtf8());
  m_live = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
  const QString pin = m_api.pinnedFingerprint();
  auto* socket = m_live;
  connect(socket, &QWebSocket::sslErrors, this, [socket, pin](const QList<QSslError>& errors) {
    if (!pin.isEmpty() && fingerprintOf(socket->sslConfiguration().peerCertificate()) == pin) socket->ignoreSslErrors(errors);
  });
  connect(socket, &QWebSocket::connected, this, [socket, pin] {
    // Pinned means pinned, for the live socket as for every request.
    if (!pin.isEmpty() && fingerprintOf(socket->sslConfiguration().peerCertificate()) != pin) socket->abort();
  });
  connect(socket, &QWebSocket::textMessageReceived, this, [this, socket](const QString& message) {
    // The person's scope changed on the server: this socket's hints were chosen by the old one.
    // Reconnect (the retry opens a fresh socket) and pull.
    if (message.contains(QLatin1String("\"scope\""))) socket->close();
    m_hint.start();
  });
  connect(socket, &QWebSocket::disconnected, this, [this, socket] {
    socket->deleteLater();
    if (m_live == socket) m_live = nullptr;
    if (m_liveWanted) m_liveRetry.start(std::min(m_backoffMs * 2, kMaxBackoffMs));
  });
  socket->open(request);
}

QString SyncEngine::describe() const {
  const int pending = m_store.pendingCount();
  switch (m_state) {
    case State::Idle:
      return tr("Not synced yet");
    case State::Syncing:
      return tr("Syncing…");
    case State::UpToDate:
      return pending == 0 ? tr("Up to date") : tr("Up to date, %n change(s) waiting", nullptr, pending);
    case State::Offline:
      return pending == 0 ? tr("Offline") : tr("Offline — %n change(s) not sent yet", nullptr, pending);
    case State::Error:
      return tr("Sync stopped: %1").arg(m_error);
  }
  return {};
}

void SyncEngine::syncNow() {
  if (m_running) {
    m_again = true;
    return;
  }
  m_retry.stop();
  m_running = true;
  m_state = State::Syncing;
  emit stateChanged();
  pushNext();
}

void SyncEngine::pushNext() {
  const auto batch = m_store.pending(kPushBatch);
  if (batch.isEmpty()) return pullNext(0);
  QJsonArray mutations;
  for (const auto& entry : batch) mutations.append(entry.toMutation());
  const QJsonObject body{{"client_id", QSysInfo::machineUniqueId().isEmpty() ? QStringLiteral("app")
                                                                             : QString::fromLatin1(QSysInfo::machineUniqueId())},
                         {"mutations", mutations}};
  // The engine may be gone (sign-out) by the time the answer arrives; then the answer is dropped.
  QSet<QString> sent;
  for (const auto& entry : batch) sent.insert(entry.mutationId);
  m_api.post(QStringLiteral("/api/v1/sync/push"), body,
             [this, alive = QPointer<SyncEngine>(this), sent](const ApiReply& reply) {
    if (!alive) return;
    if (!reply.ok()) return failed(reply);
    m_store.applyPushResults(reply.json.value("results").toArray());
    emit dataChanged();
    // Progress is judged on what was sent: changes queued meanwhile (an import, a message typed
    // during the push) are the next batch's, not a sign that the server acknowledged nothing.
    bool progress = false;
    QSet<QString> waiting;
    for (const auto& entry : m_store.pending(kPushBatch)) waiting.insert(entry.mutationId);
    for (const auto& id : sent) progress = progress || !waiting.contains(id);
    if (!progress) return finish(State::Error, tr("the server did not acknowledge the changes"));
    pushNext();
  });
}

void SyncEngine::pullNext(int rounds) {
  if (rounds > kMaxPullRounds) return finish(State::Error, tr("the server keeps sending more changes"));
  const QJsonObject body{{"cursors", m_store.cursors()}, {"limit", kPullLimit}};
  m_api.post(QStringLiteral("/api/v1/sync/pull"), body, [this, alive = QPointer<SyncEngine>(this), rounds](const ApiReply& reply) {
    if (!alive) return;
    if (!reply.ok()) return failed(reply);
    bool restart = false;
    if (!m_store.applyPull(reply.json, &restart))
      return finish(State::Error, tr("this computer's offline cache could not be written"));
    emit dataChanged();
    // The server picks hints by the person's scope when the socket opens: a changed scope
    // (a client assigned or unassigned) needs a fresh socket.
    const QJsonArray buckets = reply.json.value("buckets").toArray();
    if (!m_buckets.isEmpty() && buckets != m_buckets && m_live) m_live->close();
    m_buckets = buckets;
    if (restart || reply.json.value("more").toBool()) return pullNext(rounds + 1);
    finish(State::UpToDate);
  });
}

void SyncEngine::failed(const ApiReply& reply) {
  if (reply.status == 0 && !reply.pinMismatch) {
    finish(State::Offline);
    if (m_autoRetry) {
      m_retry.start(m_backoffMs);
      m_backoffMs = std::min(m_backoffMs * 2, kMaxBackoffMs);
    }
    return;
  }
  if (reply.pinMismatch) return finish(State::Error, tr("the server's certificate has changed"));
  if (reply.status == 401) return finish(State::Error, tr("your session has ended; sign in again"));
  finish(State::Error, reply.errorMessage.isEmpty() ? tr("the server answered %1").arg(reply.status) : reply.errorMessage);
}

void SyncEngine::finish(State state, const QString& error) {
  m_running = false;
  m_state = state;
  m_error = error;
  if (state == State::UpToDate) {
    m_backoffMs = 1000;
    if (m_liveWanted && !m_live) openLive();
  }
  emit stateChanged();
  if (m_again && state == State::UpToDate) {
    m_again = false;
    syncNow();
  }
  m_again = false;
}

}  // namespace kete::app
