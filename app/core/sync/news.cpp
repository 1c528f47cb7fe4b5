#include "sync/news.h"

#include <QJsonObject>
#include <QMap>
#include <QObject>

#include "store/local_store.h"

namespace kete::app {
namespace {

const QString kMark = QStringLiteral("news.told-until");
// Before the first sync has been looked at. Sorts before every server time.
const QString kNotStarted = QStringLiteral("-");
// After it, when nothing dated was in the cache: everything that comes is news.
const QString kFromTheStart = QStringLiteral("0");

}  // namespace

void startNews(LocalStore& store) {
  if (store.value(kMark).isEmpty()) store.setValue(kMark, kNotStarted);
}

QStringList takeNews(LocalStore& store, bool staff) {
  const bool first = store.value(kMark) == kNotStarted;
  const QString mark = first ? QString() : store.value(kMark);
  QString newest = mark;
  QMap<QString, QString> lines;  // server time -> line, so they are told in order
  for (const auto& m : store.records(QStringLiteral("messages"))) {
    const auto d = m.value("data").toObject();
    const QString at = d.value("sent_at").toString();  // empty until the server has it: not news
    if (at <= mark || !d.contains("from_business") || d.value("from_business").toBool() == staff) continue;
    lines.insert(at + m.value("id").toString(), QObject::tr("New message from %1").arg(d.value("author_name").toString()));
    newest = qMax(newest, at);
  }
  if (staff)
    for (const auto& doc : store.records(QStringLiteral("documents"))) {
      const auto d = doc.value("data").toObject();
      const QString at = d.value("uploaded_at").toString();
      if (at <= mark || !d.value("uploaded_by_client").toBool()) continue;
      lines.insert(at + doc.value("id").toString(),
                   QObject::tr("%1 sent “%2”").arg(d.value("uploaded_by_name").toString(), d.value("title").toString()));
      newest = qMax(newest, at);
    }
  if (first) {
    store.setValue(kMark, newest.isEmpty() ? kFromTheStart : newest);
    return {};  // what the first sync brought was there before: not news
  }
  if (newest != mark) store.setValue(kMark, newest);
  QStringList out = lines.values();
  out.removeDuplicates();
  return out;
}

}  // namespace kete::app
