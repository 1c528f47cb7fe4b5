#pragma once
// The documents page the staff and client apps share (DESIGN.md §6): folders, a list that
// reads the offline cache (never the network), search, drag-and-drop upload, open, save as,
// version history, and the transfers under way with their progress.
#include <QHash>
#include <QJsonObject>
#include <QPointer>
#include <QStringList>
#include <QWidget>
#include <functional>

#include "transfer/transfer_queue.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTableWidget;
class QTreeView;

namespace kete::app {

class FolderTreeModel;
class LocalStore;
class RecordTableModel;

class DocumentBrowser : public QWidget {
  Q_OBJECT
 public:
  explicit DocumentBrowser(QWidget* parent = nullptr);

  // nullptr, nullptr: signed out, nothing shown.
  void setSources(LocalStore* store, TransferQueue* transfers);
  // Where Open puts the plain copy handed to the desktop (private to the user; emptied on sign-out).
  static QString openFolder();
  void reload();  // from the cache, after a sync
  // Staff working on one client: only that client's documents, and uploads go to that client.
  void setTenant(const QString& tenantId);
  const QString& tenant() const { return m_tenant; }

  // Uploads files as new documents in the current folder (what drag-and-drop and Upload do).
  // Staff upload into the client of the selected document or folder.
  void uploadFiles(const QStringList& paths);
  void uploadNewVersion(const QString& documentId, const QString& path);
  // The plain file of a document (or of one of its versions) written to `target`, downloaded
  // into the encrypted cache first when needed; `done` gets an empty error when it worked.
  void exportTo(const QString& blob, qint64 size, const QString& name, const QString& target,
                std::function<void(const QString& error)> done);
  void saveCopy(const QString& blob, qint64 size, const QString& name, const QString& target);

  QString selectedDocument() const;
  QString currentFolder() const;

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void fillList();
  void showTransfer(const QString& id);
  void openSelected();
  bool confirmOpen(const QString& title);  // a file whose type cannot be checked
  void saveSelected();
  void showVersions();
  void say(const QString& text);
  QJsonObject document(const QString& id) const;

  LocalStore* m_store = nullptr;
  QPointer<TransferQueue> m_transfers;  // the window's; it may go first (sign-out)
  QString m_tenant;
  QStringList m_folderPaths;  // what the folder tree shows
  QString m_keepSelected;     // across a reset of the list
  QLineEdit* m_search;
  FolderTreeModel* m_folderModel;
  QTreeView* m_folders;
  RecordTableModel* m_listModel;
  QTableView* m_list;
  QTableWidget* m_transferList;
  QLabel* m_totals;
  QLabel* m_status;
  QPushButton* m_open;
  QPushButton* m_save;
  QPushButton* m_versions;
  QPushButton* m_newVersion;
  QHash<QString, int> m_transferRows;
  QHash<QString, QList<std::function<void(const QString&, const QString&)>>> m_waiting;  // download id -> callbacks
};

}  // namespace kete::app
