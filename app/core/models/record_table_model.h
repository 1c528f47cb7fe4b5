#pragma once
// A table over one collection in the offline cache, for pages with columns (documents,
// invoices): what it lists is a RecordQuery (client, folder, words, order), read page by page as
// the view scrolls, so a table of 100,000 opens as fast as one of 100. Never touches the network.
#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>
#include <functional>

#include "store/local_store.h"

namespace kete::app {

class RecordTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Roles { RecordIdRole = Qt::UserRole + 1, RecordRole };
  struct Column {
    QString header;
    QString sortField;  // the data field a click on the header sorts by; empty: not sortable
    // What the cell shows for a role (display, tooltip, alignment...); a null QVariant for none.
    std::function<QVariant(const QJsonObject& record, int role)> value;
  };

  explicit RecordTableModel(QList<Column> columns, QObject* parent = nullptr);

  // Reads again from the store (nullptr empties the table), keeping as many rows as were shown.
  void reload(const LocalStore* store);
  // Lists what `query` asks for from `store`; a new query starts again from its first page.
  void setQuery(const RecordQuery& query, const LocalStore* store);
  const RecordQuery& query() const { return m_query; }

  QJsonObject record(int row) const { return row >= 0 && row < m_rows.size() ? m_rows[row] : QJsonObject{}; }
  int rowOf(const QString& id) const;  // -1 when not (yet) loaded

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
  bool canFetchMore(const QModelIndex& parent) const override;
  void fetchMore(const QModelIndex& parent) override;
  void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

 private:
  void load(const LocalStore* store, int rows);  // the first `rows` rows, in one reset

  QList<Column> m_columns;
  RecordQuery m_query;
  QList<QJsonObject> m_rows;
  const LocalStore* m_store = nullptr;
  bool m_more = false;
};

}  // namespace kete::app
