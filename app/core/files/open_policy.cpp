#include "files/open_policy.h"

#include <QFileInfo>
#include <QHash>
#include <QSet>

namespace kete::app {
namespace {

// The types the server names (server/blobs/sniff.cpp) that open without a question, each with the
// suffixes a copy may keep from its title; any other title gets the first.
const QHash<QString, QStringList>& knownTypes() {
  static const QHash<QString, QStringList> types{
      {QStringLiteral("application/pdf"), {QStringLiteral("pdf")}},
      {QStringLiteral("image/png"), {QStringLiteral("png")}},
      {QStringLiteral("image/jpeg"), {QStringLiteral("jpg"), QStringLiteral("jpeg")}},
      {QStringLiteral("image/gif"), {QStringLiteral("gif")}},
      {QStringLiteral("image/webp"), {QStringLiteral("webp")}},
      {QStringLiteral("image/tiff"), {QStringLiteral("tif"), QStringLiteral("tiff")}},
      {QStringLiteral("application/vnd.openxmlformats-officedocument.wordprocessingml.document"), {QStringLiteral("docx")}},
      {QStringLiteral("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), {QStringLiteral("xlsx")}},
      {QStringLiteral("application/vnd.openxmlformats-officedocument.presentationml.presentation"), {QStringLiteral("pptx")}},
      // Text may be a Windows script (.bat, .ps1, .vbs): it opens as text, in an editor.
      {QStringLiteral("text/plain; charset=utf-8"), {QStringLiteral("txt"), QStringLiteral("csv"), QStringLiteral("md"), QStringLiteral("log")}},
      {QStringLiteral("text/plain"), {QStringLiteral("txt"), QStringLiteral("csv"), QStringLiteral("md"), QStringLiteral("log")}},
  };
  return types;
}

// Document types the server cannot tell apart from their bytes (an old Office file and an
// installer are both "OLE storage"; a zip may hold anything): opened after a warning, and only
// by one of these suffixes taken from the title.
const QSet<QString>& askFirstSuffixes() {
  static const QSet<QString> suffixes{
      QStringLiteral("doc"), QStringLiteral("xls"), QStringLiteral("ppt"), QStringLiteral("msg"), QStringLiteral("rtf"),
      QStringLiteral("csv"), QStringLiteral("odt"), QStringLiteral("ods"), QStringLiteral("odp"), QStringLiteral("zip"),
      QStringLiteral("heic"), QStringLiteral("mp3"), QStringLiteral("m4a"), QStringLiteral("mp4"), QStringLiteral("mov"),
      QStringLiteral("eml"), QStringLiteral("pages"), QStringLiteral("numbers"), QStringLiteral("key")};
  return suffixes;
}

// Types that are programs or scripts: never opened, whatever else is true of the file.
bool isProgramType(const QString& mime) {
  static const QSet<QString> types{
      QStringLiteral("application/vnd.microsoft.portable-executable"), QStringLiteral("application/x-msdownload"),
      QStringLiteral("application/x-ms-dos-executable"), QStringLiteral("application/x-executable"),
      QStringLiteral("application/x-mach-binary"), QStringLiteral("application/x-ms-shortcut"),
      QStringLiteral("application/x-sh"), QStringLiteral("application/x-shellscript"),
      QStringLiteral("application/javascript"), QStringLiteral("text/javascript"), QStringLiteral("text/x-script"),
      QStringLiteral("application/x-msi"), QStringLiteral("application/java-archive")};
  return types.contains(mime.trimmed().toLower());
}

// The title as a file name: no folder separators, nothing Windows refuses or reads as a stream
// name, no trailing dots or spaces (which Windows drops, so that "x.exe." would be "x.exe").
QString safeBaseName(const QString& title) {
  QString safe = title;
  for (QChar& c : safe)
    if (QStringLiteral("\\/:*?\"<>|").contains(c) || c.unicode() < 32) c = QLatin1Char('_');
  while (!safe.isEmpty() && (safe.endsWith(QLatin1Char('.')) || safe.endsWith(QLatin1Char(' ')))) safe.chop(1);
  return safe.isEmpty() ? QStringLiteral("document") : safe;
}

}  // namespace

bool looksLikeProgram(const QByteArray& head) {
  static const QByteArray magics[] = {
      QByteArrayLiteral("MZ"),                                  // Windows programs and libraries
      QByteArrayLiteral("\x7F" "ELF"),                          // Linux
      QByteArrayLiteral("\xFE\xED\xFA\xCE"), QByteArrayLiteral("\xFE\xED\xFA\xCF"),  // macOS
      QByteArrayLiteral("\xCE\xFA\xED\xFE"), QByteArrayLiteral("\xCF\xFA\xED\xFE"),
      QByteArrayLiteral("\xCA\xFE\xBA\xBE"),
      QByteArray("L\0\0\0\x01\x14\x02\0", 8),                    // a Windows shortcut
      QByteArrayLiteral("#!"),                                  // a script
  };
  for (const auto& magic : magics)
    if (head.startsWith(magic)) return true;
  return false;
}

OpenDecision decideOpen(const QString& title, const QString& mime, const QByteArray& head) {
  if (isProgramType(mime) || looksLikeProgram(head)) return {};
  const QString base = safeBaseName(title);
  const QString suffix = QFileInfo(base).suffix().toLower();
  if (const auto known = knownTypes().constFind(mime.trimmed().toLower()); known != knownTypes().cend()) {
    // "Return.pdf" stays as it is; "Return" and "Return.exe" get the type's own suffix.
    const QString name = known->contains(suffix) ? base : base + QLatin1Char('.') + known->first();
    return {OpenDecision::Kind::Open, name};
  }
  if (askFirstSuffixes().contains(suffix)) return {OpenDecision::Kind::Ask, base};
  return {};
}

}  // namespace kete::app
