#include "net/api_client.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <memory>

#include "net/certificate_pin.h"

namespace kete::app {
namespace {

constexpr int kTransferTimeoutMs = 20000;
constexpr const char* kPinMismatch = "kete_pin_mismatch";

QNetworkRequest makeRequest(const QUrl& url, int timeoutMs = kTransferTimeoutMs) {
  QNetworkRequest request(url);
  request.setTransferTimeout(timeoutMs);
  request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
  request.setRawHeader("Accept", "application/json");
  return request;
}

}  // namespace

ApiClient::ApiClient(QObject* parent) : QObject(parent) {}

QUrl ApiClient::normalizeServerAddress(const QString& text, QString* error) {
  QString t = text.trimmed();
  if (t.isEmpty()) {
    if (error) *error = tr("Enter the server address your organisation gave you.");
    return {};
  }
  if (!t.contains(QStringLiteral("://"))) t.prepend(QStringLiteral("https://"));
  QUrl url(t, QUrl::StrictMode);
  if (!url.isValid() || url.host().isEmpty()) {
    if (error) *error = tr("That server address is not valid.");
    return {};
  }
  if (url.scheme() != QLatin1String("https")) {
    if (error) *error = tr("Kete only connects over https.");
    return {};
  }
  QUrl base;
  base.setScheme(QStringLiteral("https"));
  base.setHost(url.host());
  base.setPort(url.port(8443));
  return base;
}

void ApiClient::setServer(const QUrl& base, const QString& pinnedFingerprint) {
  m_base = base;
  m_pin = pinnedFingerprint;
}

void ApiClient::probe(const QUrl& base, std::function<void(const ProbeResult&)> done) {
  QUrl url = base;
  url.setPath(QStringLiteral("/healthz"));
  QNetworkReply* reply = m_network.get(makeRequest(url));
  auto seen = std::make_shared<QString>();
  connect(reply, &QNetworkReply::sslErrors, reply, [reply, seen](const QList<QSslError>& errors) {
    *seen = fingerprintOf(reply->sslConfiguration().peerCertificate());
    reply->ignoreSslErrors(errors);  // only for reading /healthz; the person decides on the fingerprint
  });
  connect(reply, &QNetworkReply::finished, this, [reply, seen, done = std::move(done)] {
    reply->deleteLater();
    ProbeResult r;
    if (seen->isEmpty()) *seen = fingerprintOf(reply->sslConfiguration().peerCertificate());
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const auto json = QJsonDocument::fromJson(reply->readAll()).object();
    if (status == 200 && json.value("status").toString() == QLatin1String("ok")) {
      r.reached = true;
      r.fingerprint = *seen;
      r.version = json.value("version").toString();
    } else if (status != 0) {
      r.error = tr("That address answers, but it is not a Kete server.");
    } else {
      r.error = tr("Cannot reach the server: %1").arg(reply->errorString());
    }
    done(r);
  });
}

void ApiClient::get(const QString& path, std::function<void(const ApiReply&)> done) {
  send("GET", path, {}, std::move(done));
}

void ApiClient::post(const QString& path, const QJsonObject& body, std::function<void(const ApiReply&)> done) {
  send("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), std::move(done));
}

void ApiClient::patch(const QString& path, const QJsonObject& body, std::function<void(const ApiReply&)> done) {
  send("PATCH", path, QJsonDocument(body).toJson(QJsonDocument::Compact), std::move(done));
}

QNetworkReply* ApiClient::sendRaw(const QByteArray& method, const QString& path, const QByteArray& body,
                                  const QList<QPair<QByteArray, QByteArray>>& headers) {
  // A slow link moves a chunk slowly; only a stall (no bytes for this long) is a failure.
  return start(method, path, body, headers, 60000);
}

QNetworkReply* ApiClient::start(const QByteArray& method, const QString& path, const QByteArray& body,
                                const QList<QPair<QByteArray, QByteArray>>& headers, int timeoutMs) {
  QUrl url = m_base;
  // A path may carry a query ("/api/v1/audit?limit=500"): setPath alone would send its '?' as %3F.
  const qsizetype query = path.indexOf(QLatin1Char('?'));
  url.setPath(path.left(query));
  if (query >= 0) url.setQuery(path.mid(query + 1));
  QNetworkRequest request = makeRequest(url, timeoutMs);
  for (const auto& [name, value] : headers) request.setRawHeader(name, value);
  if (!m_token.isEmpty()) request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
  // HEAD through head(): a custom verb would make Qt wait for a body that never comes.
  QNetworkReply* reply = method == "HEAD" ? m_network.head(request) : m_network.sendCustomRequest(request, method, body);
  const QString pin = m_pin;
  connect(reply, &QNetworkReply::sslErrors, reply, [reply, pin](const QList<QSslError>& errors) {
    if (!pin.isEmpty() && fingerprintOf(reply->sslConfiguration().peerCertificate()) == pin)
      reply->ignoreSslErrors(errors);
  });
  // Pinned means pinned: even a certificate a public CA vouches for must be the pinned one.
  connect(reply, &QNetworkReply::encrypted, reply, [reply, pin] {
    if (!pin.isEmpty() && fingerprintOf(reply->sslConfiguration().peerCertificate()) != pin) {
      reply->setProperty(kPinMismatch, true);
      reply->abort();
    }
  });
  return reply;
}

ApiReply ApiClient::readReply(QNetworkReply* reply) {
  ApiReply r;
  r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
  r.json = QJsonDocument::fromJson(reply->readAll()).object();
  const auto error = r.json.value("error").toObject();
  r.errorCode = error.value("code").toString();
  r.errorMessage = error.value("message").toString();
  r.pinMismatch = reply->property(kPinMismatch).toBool() || reply->error() == QNetworkReply::SslHandshakeFailedError;
  if (r.status == 0 || r.errorMessage.isEmpty()) r.errorMessage = reply->errorString();
  return r;
}

void ApiClient::send(const QByteArray& method, const QString& path, const QByteArray& body,
                     std::function<void(const ApiReply&)> done) {
  QList<QPair<QByteArray, QByteArray>> headers;
  if (!body.isEmpty()) headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
  QNetworkReply* reply = start(method, path, body, headers, kTransferTimeoutMs);
  connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
    reply->deleteLater();
    done(readReply(reply));
  });
}

}  // namespace kete::app
