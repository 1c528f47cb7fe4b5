#include "https_client.h"

#include <QCryptographicHash>
#include <QEventLoop>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QTimer>

namespace kete::test {

QByteArray HttpReply::header(const QByteArray& name) const {
  for (const auto& [key, value] : headers)
    if (key.compare(name, Qt::CaseInsensitive) == 0) return value;
  return {};
}

HttpReply HttpsClient::send(const QByteArray& method, const QUrl& url, const QByteArray& body,
                            const QList<QPair<QByteArray, QByteArray>>& headers) {
  QNetworkRequest request(url);
  request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
  if (!body.isEmpty()) request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
  if (!m_token.isEmpty()) request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
  for (const auto& [name, value] : headers) request.setRawHeader(name, value);
  // HEAD through head(): with a custom verb Qt would wait for a body that a HEAD answer never has.
  QNetworkReply* reply = method == "HEAD" ? m_network.head(request) : m_network.sendCustomRequest(request, method, body);
  QObject::connect(reply, &QNetworkReply::sslErrors, reply, [this, reply](const QList<QSslError>& errors) {
    const QByteArray seen = reply->sslConfiguration().peerCertificate().digest(QCryptographicHash::Sha256).toHex(':').toUpper();
    if (seen == m_fingerprint.toLatin1()) reply->ignoreSslErrors(errors);
  });
  QEventLoop loop;
  QTimer timeout;
  timeout.setSingleShot(true);
  QObject::connect(&timeout, &QTimer::timeout, reply, &QNetworkReply::abort);
  QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
  timeout.start(30000);
  loop.exec();
  HttpReply out;
  out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
  out.body = reply->readAll();
  out.headers = reply->rawHeaderPairs();
  if (reply->error() != QNetworkReply::NoError && out.status == 0) out.networkError = reply->errorString();
  reply->deleteLater();
  return out;
}

}  // namespace kete::test
