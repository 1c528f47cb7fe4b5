#pragma once
// The apps' only way to the server: JSON over HTTPS with the server's certificate pinned.
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>
#include <functional>

namespace kete::app {

struct ApiReply {
  int status = 0;              // HTTP status; 0 when the server was not reached
  QJsonObject json;
  QString errorCode;           // the contract's error code ("invalid_credentials", "not_found", ...)
  QString errorMessage;        // the server's message, or the transport's when status is 0
  bool pinMismatch = false;    // the server presented a certificate other than the pinned one
  bool ok() const { return status >= 200 && status < 300; }
};

struct ProbeResult {
  bool reached = false;
  QString fingerprint;  // of the certificate the server presented
  QString version;
  QString error;
};

class ApiClient : public QObject {
  Q_OBJECT
 public:
  explicit ApiClient(QObject* parent = nullptr);

  void setServer(const QUrl& base, const QString& pinnedFingerprint);
  void setToken(const QString& token) { m_token = token; }
  const QUrl& server() const { return m_base; }
  const QString& token() const { return m_token; }
  const QString& pinnedFingerprint() const { return m_pin; }

  // First contact: fetches /healthz whatever the certificate, to show its fingerprint to a person.
  // Nothing secret is sent.
  void probe(const QUrl& base, std::function<void(const ProbeResult&)> done);

  // For file transfers: raw bytes, extra headers, and the reply itself to stream from (it is the
  // caller's to delete). Token and pin are handled as for every other call; a pin mismatch aborts.
  QNetworkReply* sendRaw(const QByteArray& method, const QString& path, const QByteArray& body,
                         const QList<QPair<QByteArray, QByteArray>>& headers);
  // A finished reply read the way every call is: status, error code and message, pin mismatch.
  static ApiReply readReply(QNetworkReply* reply);

  void get(const QString& path, std::function<void(const ApiReply&)> done);
  void post(const QString& path, const QJsonObject& body, std::function<void(const ApiReply&)> done);
  void patch(const QString& path, const QJsonObject& body, std::function<void(const ApiReply&)> done);

  // "https://host:port" from what a person typed ("host:8443", "https://host:8443/"); invalid when unusable.
  static QUrl normalizeServerAddress(const QString& text, QString* error);

 private:
  QNetworkReply* start(const QByteArray& method, const QString& path, const QByteArray& body,
                       const QList<QPair<QByteArray, QByteArray>>& headers, int timeoutMs);
  void send(const QByteArray& method, const QString& path, const QByteArray& body,
            std::function<void(const ApiReply&)> done);

  QNetworkAccessManager m_network;
  QUrl m_base;
  QString m_pin;
  QString m_token;
};

}  // namespace kete::app
