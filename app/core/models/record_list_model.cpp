#include "models/record_list_model.h"

#include <algorithm>

#include "store/local_store.h"

namespace kete::app {

RecordListModel::RecordListModel(QString collection, QString titleField, QString detailField, QObject* parent)
    : QAbstractListModel(parent),
      m_collection(std::move(collection)),
      m_titleField(std::move(titleField)),
      m_detailField(std::move(detailField)) {}

void RecordListModel::reload(const LocalStore* store) {
  beginResetModel();
  m_rows = store ? store->records(m_collection) : QList<QJsonObject>{};
  std::sort(m_rows.begin(), m_rows.end(), [this](const QJsonObject& a, const QJsonObject& b) {
    return a.value("data").toObject().value(m_titleField).toVariant().toString().localeAwareCompare(
               b.value("data").toObject().value(m_titleField).toVariant().toString()) < 0;
  });
  endResetModel();
}

int RecordListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

QVariant RecordListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= m_rows.size()) return {};
  const QJsonObject& row = m_rows[index.row()];
  const QJsonObject fields = row.value("data").toObject();
  switch (role) {
    case Qt::DisplayRole: {
      const QString title = fields.value(m_titleField).toVariant().toString();
      const QString detail = fields.value(m_detailField).toVariant().toString();
      return detail.isEmpty() ? title : tr("%1 — %2").arg(title, detail.section('\n', 0, 0).left(120));
    }
    case Qt::ToolTipRole:
      return fields.value(m_detailField).toVariant().toString();
    case RecordIdRole:
      return row.value("id").toString();
    case DataRole:
      return fields.toVariantMap();
    default:
      return {};
  }
}

}  // namespace kete::app
