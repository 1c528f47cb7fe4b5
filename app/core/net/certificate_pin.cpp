#include "net/certificate_pin.h"

#include <QCryptographicHash>

namespace kete::app {

QString fingerprintOf(const QSslCertificate& certificate) {
  return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

QString normalizeFingerprint(const QString& text) {
  QByteArray hex;
  for (QChar c : text) {
    if (c == ':' || c.isSpace()) continue;
    if (!isxdigit(c.toLatin1())) return {};
    hex += c.toUpper().toLatin1();
  }
  if (hex.size() != 64) return {};
  return QString::fromLatin1(QByteArray::fromHex(hex).toHex(':').toUpper());
}

}  // namespace kete::app
