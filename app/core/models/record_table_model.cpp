#include "models/record_table_model.h"

namespace kete::app {
namespace {
constexpr int kPage = 500;
}

RecordTableModel::RecordTableModel(QList<Column> columns, QObject* parent)
    : QAbstractTableModel(parent), m_columns(std::move(columns)) {}

void RecordTableModel::reload(const LocalStore* store) {
  // As many rows as were shown (rounded up to a page), so a sync does not cut a scrolled list short.
  load(store, std::max(kPage, int((m_rows.size() + kPage - 1) / kPage) * kPage));
}

void RecordTableModel::load(const LocalStore* store, int rows) {
  beginResetModel();
  m_store = store;
  m_rows = store ? store->page(m_query, 0, rows) : QList<QJsonObject>{};
  m_more = m_rows.size() == rows;
  endResetModel();
}

void RecordTableModel::setQuery(const RecordQuery& query, const LocalStore* store) {
  const bool same = query == m_query;
  m_query = query;
  if (same) reload(store);
  else load(store, kPage);  // another list: from its first page
}

int RecordTableModel::rowOf(const QString& id) const {
  for (int i = 0; i < m_rows.size(); ++i)
    if (m_rows[i].value("id").toString() == id) return i;
  return -1;
}

int RecordTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int RecordTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_columns.size()); }

QVariant RecordTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= m_columns.size()) return {};
  const QJsonObject& row = m_rows[index.row()];
  if (role == RecordIdRole) return row.value("id").toString();
  if (role == RecordRole) return row;
  const auto& value = m_columns[index.column()].value;
  return value ? value(row, role) : QVariant();
}

QVariant RecordTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= m_columns.size()) return {};
  return m_columns[section].header;
}

bool RecordTableModel::canFetchMore(const QModelIndex& parent) const { return !parent.isValid() && m_more && m_store; }

void RecordTableModel::fetchMore(const QModelIndex& parent) {
  if (!canFetchMore(parent)) return;
  const auto next = m_store->page(m_query, int(m_rows.size()), kPage);
  m_more = next.size() == kPage;
  if (next.isEmpty()) return;
  beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + next.size()) - 1);
  m_rows += next;
  endInsertRows();
}

void RecordTableModel::sort(int column, Qt::SortOrder order) {
  if (column < 0 || column >= m_columns.size() || m_columns[column].sortField.isEmpty()) return;
  const bool descending = order == Qt::DescendingOrder;
  if (m_query.orderField == m_columns[column].sortField && m_query.descending == descending) return;
  m_query.orderField = m_columns[column].sortField;
  m_query.descending = descending;
  load(m_store, kPage);
}

}  // namespace kete::app
