#pragma once
// A blocking HTTPS client for tests that trusts exactly one certificate, by SHA-256 fingerprint.
#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QString>
#include <QUrl>

namespace kete::test {

struct HttpReply {
  int status = 0;  // 0: no HTTP answer (see networkError)
  QByteArray body;
  QList<QPair<QByteArray, QByteArray>> headers;
  QString networkError;

  QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
  QString errorCode() const { return json().value("error").toObject().value("code").toString(); }
  QByteArray header(const QByteArray& name) const;
};

class HttpsClient {
 public:
  explicit HttpsClient(QString pinnedFingerprint) : m_fingerprint(std::move(pinnedFingerprint)) {}
  void setToken(const QString& token) { m_token = token; }

  HttpReply get(const QUrl& url) { return send("GET", url, {}); }
  HttpReply post(const QUrl& url, const QJsonObject& body) { return send("POST", url, QJsonDocument(body).toJson()); }
  HttpReply send(const QByteArray& method, const QUrl& url, const QByteArray& body,
                 const QList<QPair<QByteArray, QByteArray>>& headers = {});

 private:
  QNetworkAccessManager m_network;
  QString m_fingerprint;
  QString m_token;
};

}  // namespace kete::test
