#pragma once
// Folders as a tree ("2026/GST" under "2026") under one "all" item, for pages that file records
// in folders (documents). The paths come from the offline cache (LocalStore::distinctValues).
#include <QAbstractItemModel>
#include <QStringList>
#include <memory>
#include <vector>

namespace kete::app {

class FolderTreeModel : public QAbstractItemModel {
  Q_OBJECT
 public:
  enum Roles { PathRole = Qt::UserRole + 1 };  // the folder's full path; empty for the "all" item

  explicit FolderTreeModel(QString allTitle, QObject* parent = nullptr);
  ~FolderTreeModel() override;

  void setPaths(const QStringList& paths);
  QModelIndex indexOf(const QString& path) const;  // the "all" item for an empty or unknown path

  QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
  QModelIndex parent(const QModelIndex& child) const override;
  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

 private:
  struct Node {
    QString name;
    QString path;
    Node* parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;
  };
  Node* node(const QModelIndex& index) const;
  QModelIndex indexOf(const Node* n) const;

  QString m_allTitle;
  Node m_root;  // invisible; holds the one "all" item
};

}  // namespace kete::app
