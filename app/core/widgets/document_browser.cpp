#include "widgets/document_browser.h"

#include <QDesktopServices>
#include <utility>
#include <algorithm>
#include <QDialog>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMimeData>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "files/open_policy.h"
#include "models/folder_tree_model.h"
#include "models/record_table_model.h"
#include "store/local_store.h"
#include "transfer/transfer_queue.h"

namespace kete::app {
namespace {

QString sizeText(qint64 bytes) { return QLocale().formattedDataSize(bytes); }

QString dataText(const QJsonObject& record, const char* field) {
  return record.value("data").toObject().value(QLatin1String(field)).toString();
}

// The list's columns, each sortable by the field it shows.
QList<RecordTableModel::Column> documentColumns() {
  auto data = [](const QJsonObject& record) { return record.value("data").toObject(); };
  return {
      {QObject::tr("Title"), QStringLiteral("title"),
       [data](const QJsonObject& r, int role) -> QVariant {
         if (role == Qt::DisplayRole) return data(r).value("title").toString();
         const int versions = int(data(r).value("versions").toArray().size());
         if (role == Qt::ToolTipRole && versions > 0) return DocumentBrowser::tr("%n earlier version(s)", nullptr, versions);
         return {};
       }},
      {QObject::tr("Folder"), QStringLiteral("folder"),
       [data](const QJsonObject& r, int role) -> QVariant {
         return role == Qt::DisplayRole ? data(r).value("folder").toString() : QVariant();
       }},
      {QObject::tr("Size"), QStringLiteral("size"),
       [data](const QJsonObject& r, int role) -> QVariant {
         // A file not yet on the server has no size until the server has measured it.
         if (role == Qt::DisplayRole) return data(r).contains("size") ? sizeText(data(r).value("size").toInteger()) : QString();
         if (role == Qt::TextAlignmentRole) return int(Qt::AlignRight | Qt::AlignVCenter);
         return {};
       }},
      {QObject::tr("Uploaded"), QStringLiteral("uploaded_at"),
       [data](const QJsonObject& r, int role) -> QVariant {
         if (role != Qt::DisplayRole) return {};
         const auto when = QDateTime::fromString(data(r).value("uploaded_at").toString(), Qt::ISODateWithMs);
         return when.isValid() ? QLocale().toString(when.toLocalTime(), QLocale::ShortFormat) : DocumentBrowser::tr("not sent yet");
       }},
  };
}

}  // namespace

DocumentBrowser::DocumentBrowser(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("documents"));
  setAcceptDrops(true);
  m_search = new QLineEdit(this);
  m_search->setObjectName(QStringLiteral("documentSearch"));
  m_search->setPlaceholderText(tr("Search documents"));
  m_search->setClearButtonEnabled(true);
  auto* upload = new QPushButton(tr("Upload…"), this);
  upload->setObjectName(QStringLiteral("uploadButton"));
  m_newVersion = new QPushButton(tr("New version…"), this);
  m_open = new QPushButton(tr("Open"), this);
  m_open->setObjectName(QStringLiteral("openButton"));
  m_save = new QPushButton(tr("Save as…"), this);
  m_versions = new QPushButton(tr("Versions…"), this);
  m_versions->setObjectName(QStringLiteral("versionsButton"));

  m_folderModel = new FolderTreeModel(tr("All documents"), this);
  m_folders = new QTreeView(this);
  m_folders->setObjectName(QStringLiteral("folders"));
  m_folders->setHeaderHidden(true);
  m_folders->setModel(m_folderModel);
  m_listModel = new RecordTableModel(documentColumns(), this);
  m_list = new QTableView(this);
  m_list->setObjectName(QStringLiteral("documentList"));
  m_list->setModel(m_listModel);
  m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_list->setSelectionMode(QAbstractItemView::SingleSelection);
  m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_list->verticalHeader()->hide();
  m_list->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_list->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  m_list->horizontalHeader()->setSortIndicator(0, Qt::AscendingOrder);
  m_list->setSortingEnabled(true);
  m_list->setWordWrap(false);
  m_list->setAlternatingRowColors(true);

  m_transferList = new QTableWidget(0, 4, this);
  m_transferList->setObjectName(QStringLiteral("transferList"));
  m_transferList->setHorizontalHeaderLabels({tr("File"), tr("Progress"), tr("Speed · time left"), QString()});
  m_transferList->verticalHeader()->hide();
  m_transferList->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_transferList->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  m_transferList->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Fixed);
  m_transferList->setColumnWidth(1, 160);
  m_transferList->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_transferList->setMaximumHeight(150);
  m_transferList->hide();
  m_totals = new QLabel(this);
  m_totals->setObjectName(QStringLiteral("transferTotals"));
  m_status = new QLabel(this);
  m_status->setObjectName(QStringLiteral("documentStatus"));
  m_status->setWordWrap(true);

  auto* bar = new QHBoxLayout;
  bar->addWidget(m_search, 1);
  for (auto* b : {upload, m_newVersion, m_open, m_save, m_versions}) bar->addWidget(b);
  auto* split = new QSplitter(this);
  split->addWidget(m_folders);
  split->addWidget(m_list);
  split->setStretchFactor(1, 3);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 8, 0, 0);
  layout->addLayout(bar);
  layout->addWidget(split, 1);
  layout->addWidget(m_status);
  layout->addWidget(m_totals);
  layout->addWidget(m_transferList);

  connect(m_search, &QLineEdit::textChanged, this, [this] { fillList(); });
  connect(m_folders->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] { fillList(); });
  auto enableButtons = [this] {
    const bool one = !selectedDocument().isEmpty();
    for (auto* b : {m_open, m_save, m_versions, m_newVersion}) b->setEnabled(one);
  };
  connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this, enableButtons);
  // The selected document stays selected when the list is read again (a sync, a sort).
  connect(m_listModel, &QAbstractItemModel::modelAboutToBeReset, this, [this] { m_keepSelected = selectedDocument(); });
  connect(m_listModel, &QAbstractItemModel::modelReset, this, [this, enableButtons] {
    if (const int row = m_listModel->rowOf(std::exchange(m_keepSelected, QString())); row >= 0) m_list->selectRow(row);
    enableButtons();
  });
  connect(m_list, &QTableView::doubleClicked, this, [this] { openSelected(); });
  connect(upload, &QPushButton::clicked, this, [this] {
    const auto paths = QFileDialog::getOpenFileNames(this, tr("Upload documents"));
    if (!paths.isEmpty()) uploadFiles(paths);
  });
  connect(m_newVersion, &QPushButton::clicked, this, [this] {
    const QString id = selectedDocument();
    const QString path = QFileDialog::getOpenFileName(this, tr("New version of %1").arg(dataText(document(id), "title")));
    if (!path.isEmpty()) uploadNewVersion(id, path);
  });
  connect(m_open, &QPushButton::clicked, this, [this] { openSelected(); });
  connect(m_save, &QPushButton::clicked, this, [this] { saveSelected(); });
  connect(m_versions, &QPushButton::clicked, this, [this] { showVersions(); });
  for (auto* b : {m_open, m_save, m_versions, m_newVersion}) b->setEnabled(false);
}

// Plain copies handed to the desktop to open; removed when the person signs out. In the user's own
// cache folder, readable by them alone: not in a temporary folder every user of the computer
// shares (as /tmp is), where others could read the copies or plant a link in their place.
QString DocumentBrowser::openFolder() {
  return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/open");
}

void DocumentBrowser::setSources(LocalStore* store, TransferQueue* transfers) {
  if (m_transfers) m_transfers->disconnect(this);
  if (!store) QDir(openFolder()).removeRecursively();
  m_store = store;
  m_transfers = transfers;
  m_transferRows.clear();
  m_waiting.clear();
  m_transferList->setRowCount(0);
  m_transferList->hide();
  m_totals->clear();
  m_status->clear();
  if (m_transfers) {
    connect(m_transfers, &TransferQueue::changed, this, &DocumentBrowser::showTransfer);
    connect(m_transfers, &TransferQueue::finished, this, [this](const QString& id, const QString& path) {
      showTransfer(id);
      for (const auto& done : m_waiting.take(id)) done(path, {});
      if (m_transfers->transfer(id).kind == Transfer::Kind::Upload) reload();  // its document is in the cache now
    });
    connect(m_transfers, &TransferQueue::failed, this, [this](const QString& id, const QString& message) {
      showTransfer(id);
      for (const auto& done : m_waiting.take(id)) done({}, message);
      say(tr("%1: %2").arg(m_transfers->transfer(id).name, message));
    });
    for (const auto& t : m_transfers->transfers()) showTransfer(t.id);
  }
  reload();
}

void DocumentBrowser::setTenant(const QString& tenantId) {
  m_tenant = tenantId;
  reload();
}

void DocumentBrowser::reload() {
  const QStringList paths =
      m_store ? m_store->distinctValues(QStringLiteral("documents"), QStringLiteral("folder"), m_tenant) : QStringList{};
  // The same folders after a sync: the tree stays as the person left it (what they collapsed).
  if (paths != m_folderPaths || m_folderModel->rowCount() == 0) {
    m_folderPaths = paths;
    const QString current = currentFolder();
    QSignalBlocker quiet(m_folders->selectionModel());
    m_folderModel->setPaths(paths);
    m_folders->expandAll();
    m_folders->setCurrentIndex(m_folderModel->indexOf(current));
  }
  fillList();
}

void DocumentBrowser::fillList() {
  RecordQuery query = m_listModel->query();  // keeps the order the person chose
  query.collection = QStringLiteral("documents");
  if (query.orderField.isEmpty()) query.orderField = QStringLiteral("title");
  query.tenantId = m_tenant;
  query.pathField = QStringLiteral("folder");
  query.path = currentFolder();
  query.words = m_search->text().trimmed();
  m_listModel->setQuery(query, m_store);
}

QString DocumentBrowser::currentFolder() const {
  return m_folders->currentIndex().data(FolderTreeModel::PathRole).toString();
}

QString DocumentBrowser::selectedDocument() const {
  const auto rows = m_list->selectionModel()->selectedRows();
  return rows.isEmpty() ? QString() : rows.first().data(RecordTableModel::RecordIdRole).toString();
}

QJsonObject DocumentBrowser::document(const QString& id) const { return m_store ? m_store->record(id) : QJsonObject{}; }

void DocumentBrowser::uploadFiles(const QStringList& paths) {
  if (!m_transfers) return;
  // Staff file into the client of the selected document, or of the folder's documents; a client's
  // own uploads are theirs (the server fills in the tenant).
  QString tenant = m_tenant.isEmpty() ? dataText(document(selectedDocument()), "tenant_id") : m_tenant;
  const QString folder = currentFolder();
  for (int row = 0; tenant.isEmpty() && !folder.isEmpty() && row < m_listModel->rowCount(); ++row)
    if (dataText(m_listModel->record(row), "folder") == folder) tenant = dataText(m_listModel->record(row), "tenant_id");
  for (const QString& path : paths) {
    const QFileInfo info(path);
    if (!info.isFile()) {
      say(tr("%1 is not a file; folders are uploaded file by file.").arg(path));
      continue;
    }
    QJsonObject data{{"title", info.completeBaseName()},
                     {"folder", folder},
                     {"client_visible", true}};
    if (!tenant.isEmpty()) data.insert("tenant_id", tenant);
    m_transfers->upload(path, {{"collection", "documents"}, {"op", "create"}, {"data", data}});
  }
}

void DocumentBrowser::uploadNewVersion(const QString& documentId, const QString& path) {
  if (!m_transfers || documentId.isEmpty()) return;
  m_transfers->upload(path, {{"collection", "documents"}, {"op", "update"}, {"record_id", documentId}, {"data", QJsonObject{}}});
}

void DocumentBrowser::exportTo(const QString& blob, qint64 size, const QString& name, const QString& target,
                               std::function<void(const QString& error)> done) {
  if (!m_transfers) return done(tr("Sign in first."));
  // Decrypting a large file is done off the window's thread.
  auto write = [this, blob, target, done](const QString& cached, const QString& error) {
    if (cached.isEmpty()) return done(error);
    auto* watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [watcher, done] {
      watcher->deleteLater();
      done(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([job = m_transfers->exporter(blob, target)] {
      QString problem;
      return job(&problem) ? QString() : problem;
    }));
  };
  if (const QString cached = m_transfers->cachedFile(blob); !cached.isEmpty()) return write(cached, {});
  const QString id = m_transfers->download(blob, size, name);
  if (id.isEmpty()) return done(tr("This document has no file yet."));
  if (m_transfers->transfer(id).state == Transfer::State::Done) return write(m_transfers->transfer(id).localPath, {});
  m_waiting[id] << std::move(write);
}

void DocumentBrowser::saveCopy(const QString& blob, qint64 size, const QString& name, const QString& target) {
  exportTo(blob, size, name, target, [this, target](const QString& error) {
    say(error.isEmpty() ? tr("Saved %1.").arg(QDir::toNativeSeparators(target)) : tr("Could not save %1: %2").arg(target, error));
  });
}

void DocumentBrowser::openSelected() {
  const auto doc = document(selectedDocument());
  const auto data = doc.value("data").toObject();
  if (doc.isEmpty()) return;
  const QString title = data.value("title").toString();
  const QString mime = data.value("mime").toString();
  const auto refused = [this, title] {
    say(tr("“%1” was not opened: it is a program, a script or a kind of file Kete cannot check. If you expected it, "
           "save a copy and have it checked before you open it.")
            .arg(title));
  };
  // The copy handed to the desktop carries a name the desktop opens as a document (the cached copy
  // is named by its hash); what it is, is decided again from its own bytes once it is here.
  const OpenDecision planned = decideOpen(title, mime);
  if (planned.kind == OpenDecision::Kind::Refuse) return refused();
  const QString dir = openFolder();
  if (!QDir().mkpath(dir) ||
      !QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner))
    return say(tr("%1 cannot be opened: the folder for opened files cannot be made private.").arg(title));
  const QString target = dir + QLatin1Char('/') + planned.fileName;
  exportTo(data.value("blob").toString(), data.value("size").toInteger(), title, target,
           [this, title, mime, target, refused](const QString& error) {
             if (!error.isEmpty()) return say(error);
             QFile copy(target);
             const QByteArray head = copy.open(QIODevice::ReadOnly) ? copy.read(512) : QByteArray();
             copy.close();
             const OpenDecision checked = decideOpen(title, mime, head);
             if (checked.kind == OpenDecision::Kind::Refuse) {
               QFile::remove(target);
               return refused();
             }
             if (checked.kind == OpenDecision::Kind::Ask && !confirmOpen(title)) return;
             markAsFromElsewhere(target);
             if (!QDesktopServices::openUrl(QUrl::fromLocalFile(target)))
               say(tr("No program on this computer opens %1.").arg(title));
           });
}

bool DocumentBrowser::confirmOpen(const QString& title) {
  QMessageBox box(QMessageBox::Warning, tr("Open this file?"),
                  tr("Kete cannot check what kind of file “%1” is. Open it only if you expected it and trust "
                     "who sent it.")
                      .arg(title),
                  QMessageBox::Open | QMessageBox::Cancel, this);
  box.setObjectName(QStringLiteral("openWarning"));
  box.setDefaultButton(QMessageBox::Cancel);
  return box.exec() == QMessageBox::Open;
}

void DocumentBrowser::saveSelected() {
  const auto data = document(selectedDocument()).value("data").toObject();
  const QString target = QFileDialog::getSaveFileName(this, tr("Save a copy"), data.value("title").toString());
  if (!target.isEmpty()) saveCopy(data.value("blob").toString(), data.value("size").toInteger(), data.value("title").toString(), target);
}

void DocumentBrowser::showVersions() {
  const auto data = document(selectedDocument()).value("data").toObject();
  auto* dialog = new QDialog(this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->setObjectName(QStringLiteral("versionsDialog"));
  dialog->setWindowTitle(tr("Versions of %1").arg(data.value("title").toString()));
  auto* table = new QTableWidget(0, 3, dialog);
  table->setObjectName(QStringLiteral("versionList"));
  table->setHorizontalHeaderLabels({tr("Uploaded"), tr("Size"), QString()});
  table->verticalHeader()->hide();
  table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  QJsonArray all = data.value("versions").toArray();
  QJsonObject current = data;
  all.append(current);  // newest last
  for (int i = int(all.size()) - 1; i >= 0; --i) {
    const auto v = all[i].toObject();
    const int row = table->rowCount();
    table->insertRow(row);
    const auto when = QDateTime::fromString(v.value("uploaded_at").toString(), Qt::ISODateWithMs);
    table->setItem(row, 0, new QTableWidgetItem((i == all.size() - 1 ? tr("Current · ") : QString()) +
                                                (when.isValid() ? QLocale().toString(when.toLocalTime(), QLocale::ShortFormat) : QString())));
    table->setItem(row, 1, new QTableWidgetItem(sizeText(v.value("size").toInteger())));
    auto* save = new QPushButton(tr("Save as…"), table);
    connect(save, &QPushButton::clicked, this, [this, v, title = data.value("title").toString()] {
      const QString target = QFileDialog::getSaveFileName(this, tr("Save a copy"), title);
      if (!target.isEmpty()) saveCopy(v.value("blob").toString(), v.value("size").toInteger(), title, target);
    });
    table->setCellWidget(row, 2, save);
  }
  auto* layout = new QVBoxLayout(dialog);
  layout->addWidget(table);
  dialog->resize(480, 300);
  dialog->show();
}

void DocumentBrowser::showTransfer(const QString& id) {
  if (!m_transfers) return;
  const Transfer t = m_transfers->transfer(id);
  if (t.id.isEmpty()) return;  // cancelled
  int row = m_transferRows.value(id, -1);
  if (row < 0) {
    row = m_transferList->rowCount();
    m_transferList->insertRow(row);
    m_transferRows.insert(id, row);
    m_transferList->setItem(row, 0, new QTableWidgetItem);
    auto* bar = new QProgressBar(m_transferList);
    bar->setRange(0, 1000);
    m_transferList->setCellWidget(row, 1, bar);
    m_transferList->setItem(row, 2, new QTableWidgetItem);
    auto* button = new QPushButton(m_transferList);
    connect(button, &QPushButton::clicked, this, [this, id] {
      const auto state = m_transfers->transfer(id).state;
      if (state == Transfer::State::Running || state == Transfer::State::Queued || state == Transfer::State::Waiting ||
          state == Transfer::State::Hashing)
        m_transfers->pause(id);
      else
        m_transfers->resume(id);
    });
    m_transferList->setCellWidget(row, 3, button);
    m_transferList->show();
  }
  const QString arrow = t.kind == Transfer::Kind::Upload ? QStringLiteral("↑ ") : QStringLiteral("↓ ");
  m_transferList->item(row, 0)->setText(arrow + t.name);
  static_cast<QProgressBar*>(m_transferList->cellWidget(row, 1))->setValue(t.size > 0 ? int(t.done * 1000 / t.size) : 0);
  QString detail;
  switch (t.state) {
    case Transfer::State::Hashing: detail = tr("preparing"); break;
    case Transfer::State::Queued: detail = tr("waiting its turn"); break;
    case Transfer::State::Paused: detail = tr("paused"); break;
    case Transfer::State::Waiting: detail = tr("will try again: %1").arg(t.error); break;
    case Transfer::State::Failed: detail = t.error; break;
    case Transfer::State::Done: detail = tr("done"); break;
    case Transfer::State::Running:
      detail = t.bytesPerSecond > 0 ? tr("%1/s · %2 left").arg(sizeText(qint64(t.bytesPerSecond)),
                                                              t.secondsLeft >= 0 ? tr("%n s", nullptr, int(t.secondsLeft)) : tr("?"))
                                    : tr("starting");
      break;
  }
  m_transferList->item(row, 2)->setText(detail);
  if (t.state == Transfer::State::Done) {
    m_transferList->removeCellWidget(row, 3);  // nothing more to do with it
  } else if (auto* button = qobject_cast<QPushButton*>(m_transferList->cellWidget(row, 3))) {
    const bool active = t.state == Transfer::State::Running || t.state == Transfer::State::Queued ||
                        t.state == Transfer::State::Waiting || t.state == Transfer::State::Hashing;
    button->setText(active ? tr("Pause") : tr("Resume"));
  }
  const qint64 total = m_transfers->totalBytes();
  m_totals->setText(total > 0 ? tr("Transfers: %1 of %2").arg(sizeText(m_transfers->doneBytes()), sizeText(total)) : QString());
}

void DocumentBrowser::say(const QString& text) {
  m_status->setText(text);
}

void DocumentBrowser::dragEnterEvent(QDragEnterEvent* event) {
  if (m_transfers && event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void DocumentBrowser::dropEvent(QDropEvent* event) {
  QStringList paths;
  for (const QUrl& url : event->mimeData()->urls())
    if (url.isLocalFile()) paths << url.toLocalFile();
  if (paths.isEmpty()) return;
  event->acceptProposedAction();
  uploadFiles(paths);
}

}  // namespace kete::app
