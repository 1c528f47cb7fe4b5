#pragma once
// A list model over one collection in the offline cache: pages show it without waiting for the
// network, and reload when the sync engine says the cache changed.
#include <QAbstractListModel>
#include <QJsonObject>
#include <QList>

namespace kete::app {

class LocalStore;

class RecordListModel : public QAbstractListModel {
  Q_OBJECT
 public:
  enum Roles { RecordIdRole = Qt::UserRole + 1, DataRole };

  RecordListModel(QString collection, QString titleField, QString detailField, QObject* parent = nullptr);

  void reload(const LocalStore* store);  // nullptr empties the list; loads the first page only
  const QString& collection() const { return m_collection; }

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  // Pages in as the view scrolls, so a list of 100,000 opens as fast as one of 100.
  bool canFetchMore(const QModelIndex& parent) const override;
  void fetchMore(const QModelIndex& parent) override;

 private:
  QString m_collection;
  QString m_titleField;
  QString m_detailField;
  QList<QJsonObject> m_rows;
  const LocalStore* m_store = nullptr;
  bool m_more = false;
};

}  // namespace kete::app
