#include "files/open_policy.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QHash>
#include <QSet>

#include "kete/file_types.h"

namespace kete::app {
namespace {

// The types kete::sniff_mime names (shared/src/file_types.cpp) that open without a question, each with the
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
      // Text may be a Windows script (.bat, .ps1, .vbs) or a spreadsheet's formulas (.csv): it
      // opens as text, in an editor. Save a copy to open it with another program.
      {QStringLiteral("text/plain; charset=utf-8"), {QStringLiteral("txt"), QStringLiteral("md"), QStringLiteral("log")}},
      {QStringLiteral("text/plain"), {QStringLiteral("txt"), QStringLiteral("md"), QStringLiteral("log")}},
  };
  return types;
}

// Document types the server cannot tell apart from their bytes (an old Office file and an
// installer are both "OLE storage"; a zip may hold anything): opened after a warning, and only
// by one of these suffixes taken from the title. (Not RTF, whose embedded objects have been a way
// in more than once; it can be saved and opened by hand.)
const QSet<QString>& askFirstSuffixes() {
  static const QSet<QString> suffixes{
      QStringLiteral("doc"), QStringLiteral("xls"), QStringLiteral("ppt"), QStringLiteral("msg"), QStringLiteral("odt"), QStringLiteral("ods"), QStringLiteral("odp"), QStringLiteral("zip"),
      QStringLiteral("heic"), QStringLiteral("mp3"), QStringLiteral("m4a"), QStringLiteral("mp4"), QStringLiteral("mov"),
      QStringLiteral("eml"), QStringLiteral("pages"), QStringLiteral("numbers"), QStringLiteral("key")};
  return suffixes;
}

// The title as a file name: no folder separators, nothing Windows refuses or reads as a stream
// name, no trailing dots or spaces (which Windows drops, so that "x.exe." would be "x.exe").
QString safeBaseName(const QString& title) {
  QString safe = title;
  for (QChar& c : safe)
    if (QStringLiteral("\\/:*?\"<>|").contains(c) || c.unicode() < 32) c = QLatin1Char('_');
  while (!safe.isEmpty() && (safe.endsWith(QLatin1Char('.')) || safe.endsWith(QLatin1Char(' ')))) safe.chop(1);
  // Names Windows keeps for devices, whatever follows the dot ("CON.pdf" is the console).
  static const QRegularExpression device(QStringLiteral("^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(\\..*)?$"),
                                         QRegularExpression::CaseInsensitiveOption);
  if (device.match(safe).hasMatch()) safe.prepend(QLatin1Char('_'));
  return safe.isEmpty() ? QStringLiteral("document") : safe;
}

}  // namespace

bool looksLikeProgram(const QByteArray& head) {
  return is_program_type(sniff_mime(std::string_view(head.constData(), std::size_t(head.size()))));
}

void markAsFromElsewhere(const QString& path) {
#ifdef Q_OS_WIN
  // The Mark of the Web: Office then opens the copy in Protected View and keeps its macros off,
  // as for any file that came from the internet.
  QFile zone(path + QStringLiteral(":Zone.Identifier"));
  if (zone.open(QIODevice::WriteOnly)) zone.write("[ZoneTransfer]\r\nZoneId=3\r\n");
#else
  Q_UNUSED(path)
#endif
}

OpenDecision decideOpen(const QString& title, const QString& mime, const QByteArray& head) {
  if (is_program_type(mime.toStdString()) || looksLikeProgram(head)) return {};
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
