#pragma once
// Files kept for offline opening are encrypted at rest (AES-256-GCM) with a key that lives only
// in the OS keychain. A file is a header (magic and a random nonce prefix) and blocks of up to
// 1 MiB, each sealed with its own nonce (prefix + block number) and tag, so a download can be
// written and resumed block by block and any change to a block is found when it is read.
#include <QByteArray>
#include <QString>
#include <functional>

namespace kete::app {

class FileCipher {
 public:
  static constexpr qint64 kBlock = 1 << 20;    // plaintext bytes per block
  static constexpr qint64 kHeader = 16;        // "KETEENC1" + 8-byte nonce prefix
  static constexpr qint64 kTag = 16;

  explicit FileCipher(QByteArray key) : m_key(std::move(key)) {}
  bool valid() const { return m_key.size() == 32; }
  static QByteArray newKey();  // 32 random bytes

  static QByteArray newHeader();
  // Seals block `index` of a file whose header is `header`; empty on failure.
  QByteArray seal(const QByteArray& header, quint32 index, const QByteArray& plain) const;
  QByteArray open(const QByteArray& header, quint32 index, const QByteArray& sealed, bool* ok) const;

  // Complete blocks in an encrypted file of `size` bytes (a torn last block does not count).
  static qint64 completeBlocks(qint64 size) { return size < kHeader ? 0 : (size - kHeader) / (kBlock + kTag); }

  // Reads an encrypted file block by block, giving each plaintext block to `sink`; false (with
  // the reason) when it cannot be read or a block was changed. `damaged`, when given, tells the
  // second from the first.
  bool decrypt(const QString& path, const std::function<void(const QByteArray&)>& sink, QString* error,
               bool* damaged = nullptr) const;
  // The plain file written beside `target` and renamed into place. With `sha256` (lower-case hex),
  // only when the plain bytes hash to it: blocks are sealed one by one, so a file cut short at a
  // block boundary would otherwise decrypt without a fault, to a shorter file.
  bool decryptTo(const QString& path, const QString& target, QString* error, const QString& sha256 = {},
                 bool* damaged = nullptr) const;

 private:
  QByteArray m_key;
};

}  // namespace kete::app
