#pragma once
// Trust on first use: a server is trusted by the SHA-256 fingerprint of its certificate.
#include <QSslCertificate>
#include <QString>

namespace kete::app {

// "AB:CD:..." upper case with colons, as kete-server prints it.
QString fingerprintOf(const QSslCertificate& certificate);
// Accepts what a person may paste (spaces, lower case, no colons); empty when not 32 bytes of hex.
QString normalizeFingerprint(const QString& text);

}  // namespace kete::app
