#include "transfer/file_cipher.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <QCryptographicHash>
#include <QFile>
#include <QObject>
#include <memory>

namespace kete::app {
namespace {

const QByteArray kMagic = QByteArrayLiteral("KETEENC1");

QByteArray nonceFor(const QByteArray& header, quint32 index) {
  QByteArray nonce = header.mid(8, 8);
  for (int shift = 24; shift >= 0; shift -= 8) nonce.append(char((index >> shift) & 0xff));
  return nonce;  // 12 bytes
}

using Ctx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

}  // namespace

QByteArray FileCipher::newKey() {
  QByteArray key(32, Qt::Uninitialized);
  if (RAND_bytes(reinterpret_cast<unsigned char*>(key.data()), int(key.size())) != 1) return {};
  return key;
}

QByteArray FileCipher::newHeader() {
  QByteArray prefix(8, Qt::Uninitialized);
  if (RAND_bytes(reinterpret_cast<unsigned char*>(prefix.data()), 8) != 1) return {};
  return kMagic + prefix;
}

QByteArray FileCipher::seal(const QByteArray& header, quint32 index, const QByteArray& plain) const {
  if (!valid() || header.size() != kHeader) return {};
  Ctx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  const QByteArray nonce = nonceFor(header, index);
  QByteArray out(plain.size() + kTag, Qt::Uninitialized);
  int n = 0, tail = 0;
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  if (EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, reinterpret_cast<const unsigned char*>(m_key.constData()),
                         reinterpret_cast<const unsigned char*>(nonce.constData())) != 1 ||
      EVP_EncryptUpdate(ctx.get(), o, &n, reinterpret_cast<const unsigned char*>(plain.constData()), int(plain.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), o + n, &tail) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, int(kTag), o + plain.size()) != 1)
    return {};
  return out;
}

QByteArray FileCipher::open(const QByteArray& header, quint32 index, const QByteArray& sealed, bool* ok) const {
  *ok = false;
  if (!valid() || header.size() != kHeader || !header.startsWith(kMagic) || sealed.size() < kTag) return {};
  Ctx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  const QByteArray nonce = nonceFor(header, index);
  const qint64 length = sealed.size() - kTag;
  QByteArray plain(length, Qt::Uninitialized);
  QByteArray tag = sealed.right(kTag);
  int n = 0, tail = 0;
  auto* p = reinterpret_cast<unsigned char*>(plain.data());
  if (EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, reinterpret_cast<const unsigned char*>(m_key.constData()),
                         reinterpret_cast<const unsigned char*>(nonce.constData())) != 1 ||
      EVP_DecryptUpdate(ctx.get(), p, &n, reinterpret_cast<const unsigned char*>(sealed.constData()), int(length)) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, int(kTag), tag.data()) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), p + n, &tail) != 1)
    return {};
  *ok = true;
  return plain;
}

bool FileCipher::decrypt(const QString& path, const std::function<void(const QByteArray&)>& sink, QString* error,
                         bool* damaged) const {
  if (damaged) *damaged = false;
  if (!valid()) {  // not a fault of the file's
    if (error) *error = QObject::tr("the key for files kept on this computer is not available");
    return false;
  }
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    if (error) *error = file.errorString();
    return false;
  }
  const QByteArray header = file.read(kHeader);
  quint32 index = 0;
  while (!file.atEnd()) {
    const QByteArray sealed = file.read(kBlock + kTag);
    bool ok = false;
    const QByteArray plain = open(header, index++, sealed, &ok);
    if (!ok) {
      if (error) *error = QObject::tr("the file kept on this computer was changed or damaged");
      if (damaged) *damaged = true;
      return false;
    }
    sink(plain);
  }
  if (header.size() != kHeader) {
    if (error) *error = QObject::tr("the file kept on this computer is not complete");
    if (damaged) *damaged = true;
    return false;
  }
  return true;
}

// Written beside the target and renamed into place: nobody sees a half-written file.
bool FileCipher::decryptTo(const QString& path, const QString& target, QString* error, const QString& sha256,
                           bool* damaged) const {
  if (damaged) *damaged = false;
  const QString partial = target + QStringLiteral(".partial");
  QFile out(partial);
  if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
    if (error) *error = out.errorString();
    return false;
  }
  bool written = true;
  QCryptographicHash hash(QCryptographicHash::Sha256);
  bool ok = decrypt(path, [&](const QByteArray& plain) {
    hash.addData(plain);
    written = written && out.write(plain) == plain.size();
  }, error, damaged);
  if (ok && !written && error) *error = out.errorString();
  if (ok && written && !sha256.isEmpty() && hash.result().toHex() != sha256.toLatin1()) {
    ok = false;
    if (error) *error = QObject::tr("the file kept on this computer was changed or damaged");
    if (damaged) *damaged = true;
  }
  out.close();
  if (ok && written) {
    QFile::remove(target);
    if (QFile::rename(partial, target)) return true;
    if (error) *error = QObject::tr("%1 cannot be replaced").arg(target);
  }
  QFile::remove(partial);
  return false;
}

}  // namespace kete::app
