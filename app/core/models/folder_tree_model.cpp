#include "models/folder_tree_model.h"

#include <QHash>

namespace kete::app {

FolderTreeModel::FolderTreeModel(QString allTitle, QObject* parent) : QAbstractItemModel(parent), m_allTitle(std::move(allTitle)) {
  setPaths({});
}

FolderTreeModel::~FolderTreeModel() = default;

void FolderTreeModel::setPaths(const QStringList& paths) {
  beginResetModel();
  m_root.children.clear();
  auto all = std::make_unique<Node>();
  all->name = m_allTitle;
  all->parent = &m_root;
  QHash<QString, Node*> byPath{{QString(), all.get()}};
  QStringList sorted = paths;
  sorted.sort(Qt::CaseInsensitive);
  for (const QString& path : sorted) {
    Node* at = all.get();
    QString sofar;
    for (const QString& part : path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
      sofar += (sofar.isEmpty() ? QString() : QStringLiteral("/")) + part;
      Node*& next = byPath[sofar];
      if (!next) {
        auto child = std::make_unique<Node>();
        child->name = part;
        child->path = sofar;
        child->parent = at;
        child->row = int(at->children.size());
        next = child.get();
        at->children.push_back(std::move(child));
      }
      at = next;
    }
  }
  m_root.children.push_back(std::move(all));
  endResetModel();
}

FolderTreeModel::Node* FolderTreeModel::node(const QModelIndex& index) const {
  return index.isValid() ? static_cast<Node*>(index.internalPointer()) : const_cast<Node*>(&m_root);
}

QModelIndex FolderTreeModel::indexOf(const Node* n) const {
  return n == &m_root ? QModelIndex() : createIndex(n->row, 0, const_cast<Node*>(n));
}

QModelIndex FolderTreeModel::indexOf(const QString& path) const {
  const Node* at = m_root.children.front().get();
  for (const QString& part : path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
    const Node* next = nullptr;
    for (const auto& child : at->children)
      if (child->name == part) next = child.get();
    if (!next) return indexOf(m_root.children.front().get());
    at = next;
  }
  return indexOf(at);
}

QModelIndex FolderTreeModel::index(int row, int column, const QModelIndex& parent) const {
  const Node* p = node(parent);
  if (column != 0 || row < 0 || row >= int(p->children.size())) return {};
  return createIndex(row, 0, p->children[size_t(row)].get());
}

QModelIndex FolderTreeModel::parent(const QModelIndex& child) const {
  if (!child.isValid()) return {};
  return indexOf(node(child)->parent);
}

int FolderTreeModel::rowCount(const QModelIndex& parent) const {
  if (parent.column() > 0) return 0;
  return int(node(parent)->children.size());
}

int FolderTreeModel::columnCount(const QModelIndex&) const { return 1; }

QVariant FolderTreeModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid()) return {};
  const Node* n = node(index);
  if (role == Qt::DisplayRole) return n->name;
  if (role == PathRole) return n->path;
  if (role == Qt::ToolTipRole) return n->path.isEmpty() ? QVariant() : n->path;
  return {};
}

}  // namespace kete::app
