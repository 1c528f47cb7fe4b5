#include "models/record_list_model.h"

#include "store/local_store.h"

namespace kete::app {

RecordListModel::RecordListModel(QString collection, QString titleField, QString detailField, QObject* parent)
    : QAbstractListModel(parent),
      m_collection(std::move(collection)),
      m_titleField(std::move(titleField)),
      m_detailField(std::move(detailField)) {}

namespace {
constexpr int kPage = 500;
}

void RecordListModel::reload(const LocalStore* store) {
  beginResetModel();
  m_store = store;
  m_rows = store ? store->page(m_collection, m_titleField, 0, kPage) : QList<QJsonObject>{};
  m_more = m_rows.size() == kPage;
  endResetModel();
}

bool RecordListModel::canFetchMore(const QModelIndex& parent) const { return !parent.isValid() && m_more && m_store; }

void RecordListModel::fetchMore(const QModelIndex& parent) {
  if (!canFetchMore(parent)) return;
  const auto next = m_store->page(m_collection, m_titleField, int(m_rows.size()), kPage);
  m_more = next.size() == kPage;
  if (next.isEmpty()) return;
  beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + next.size()) - 1);
  m_rows += next;
  endInsertRows();
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
