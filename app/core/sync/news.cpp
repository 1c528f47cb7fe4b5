#include "sync/news.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QObject>

#include "store/local_store.h"

namespace kete::app {
namespace {

const QString kMark = QStringLiteral("news.told-until");

}  // namespace

void startNews(LocalStore& store) {
  if (store.value(kMark).isEmpty())
    store.setValue(kMark, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
}

QStringList takeNews(LocalStore& store, bool staff) {
  const QString mark = store.value(kMark);
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
  if (newest != mark) store.setValue(kMark, newest);
  QStringList out = lines.values();
  out.removeDuplicates();
  return out;
}

}  // namespace kete::app
