#include "widgets/portal/requests_page.h"

#include <QDateEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

#include "store/local_store.h"
#include "transfer/transfer_queue.h"
#include "widgets/app_window.h"
#include "widgets/portal/portal_format.h"
#include "widgets/portal/portal_widgets.h"

namespace kete::app {
namespace {

bool isOpen(const QJsonObject& request) { return portal::text(request, "status") != QLatin1String("fulfilled"); }

int uploadedCount(const QJsonArray& items) {
  return int(std::count_if(items.begin(), items.end(), [](const QJsonValue& v) {
    return v.toObject().value("status").toString() == QLatin1String("uploaded");
  }));
}

}  // namespace

RequestsPage::RequestsPage(AppWindow& window, QWidget* parent) : CachePage(window, parent) {
  m_list = new QListWidget(this);
  m_list->setObjectName(QStringLiteral("requestList"));
  m_heading = new QLabel(this);
  m_heading->setObjectName(QStringLiteral("sectionTitle"));
  m_detail = new QLabel(this);
  m_detail->setWordWrap(true);
  m_items = portal::makeTable(this, QStringLiteral("requestItems"), {tr("What we need"), tr("Status"), tr("File")}, 0);
  m_upload = new QPushButton(tr("Upload a file for this item…"), this);
  m_upload->setObjectName(QStringLiteral("uploadForItem"));
  m_new = new QPushButton(tr("New request…"), this);
  m_remind = new QPushButton(tr("Send a reminder"), this);
  m_status = new QLabel(this);
  m_status->setWordWrap(true);

  auto* right = new QWidget(this);
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->addWidget(m_heading);
  rightLayout->addWidget(m_detail);
  rightLayout->addWidget(m_items, 1);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(m_upload);
  buttons->addWidget(m_new);
  buttons->addWidget(m_remind);
  buttons->addStretch();
  rightLayout->addLayout(buttons);
  rightLayout->addWidget(m_status);
  auto* split = new QSplitter(this);
  split->addWidget(m_list);
  split->addWidget(right);
  split->setStretchFactor(1, 2);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(split);

  connect(m_list, &QListWidget::currentRowChanged, this, [this] { showSelected(); });
  connect(m_items, &QTableWidget::itemSelectionChanged, this, [this] { updateButtons(); });
  connect(m_upload, &QPushButton::clicked, this, [this] {
    const auto rows = m_items->selectionModel()->selectedRows();
    if (rows.isEmpty()) return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose the file to send"));
    if (!path.isEmpty()) uploadForItem(selectedRequest(), rows.first().row(), path);
  });
  connect(m_remind, &QPushButton::clicked, this, [this] { remind(selectedRequest()); });
  connect(m_new, &QPushButton::clicked, this, [this] {
    QDialog dialog(this);
    dialog.setWindowTitle(tr("New document request"));
    auto* title = new QLineEdit(&dialog);
    auto* due = new QDateEdit(QDate::currentDate().addDays(14), &dialog);
    due->setCalendarPopup(true);
    auto* items = new QPlainTextEdit(&dialog);
    items->setPlaceholderText(tr("One item per line, e.g.\nCheque account, March\nCheque account, April"));
    auto* description = new QLineEdit(&dialog);
    auto* form = new QFormLayout(&dialog);
    form->addRow(tr("Title"), title);
    form->addRow(tr("Due"), due);
    form->addRow(tr("Items"), items);
    form->addRow(tr("Note to the client"), description);
    auto* ok = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(ok);
    connect(ok, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(ok, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted) return;
    const QString id = createRequest(title->text(), due->date(), items->toPlainText().split(QLatin1Char('\n')),
                                     description->text());
    if (id.isEmpty()) m_status->setText(tr("A request needs a title and at least one item."));
  });
}

void RequestsPage::reload() {
  const QString selected = selectedRequest();
  m_requests = store() ? store()->records(QStringLiteral("document_requests"), m_tenant) : QList<QJsonObject>{};
  // Open requests first, soonest due first.
  std::sort(m_requests.begin(), m_requests.end(), [](const QJsonObject& a, const QJsonObject& b) {
    if (isOpen(a) != isOpen(b)) return isOpen(a);
    return portal::text(a, "due") < portal::text(b, "due");
  });
  const auto unsent = store() ? store()->unsentRecordIds() : QSet<QString>{};
  QSignalBlocker quiet(m_list);
  m_list->clear();
  const QDate today = QDate::currentDate();
  for (const auto& r : m_requests) {
    const auto items = portal::dataOf(r).value("items").toArray();
    QString state = !isOpen(r) ? tr("done")
                    : portal::text(r, "due").isEmpty() ? tr("open")
                                                        : tr("due %1").arg(portal::date(portal::text(r, "due")));
    const QDate due = QDate::fromString(portal::text(r, "due"), Qt::ISODate);
    if (isOpen(r) && due.isValid() && due < today) state = tr("overdue");
    if (!items.isEmpty()) state += tr(" · %1 of %2 sent").arg(uploadedCount(items)).arg(items.size());
    if (unsent.contains(r.value("id").toString())) state += tr(" · not sent yet");
    auto* item = new QListWidgetItem(portal::text(r, "title") + QLatin1Char('\n') + state, m_list);
    item->setData(Qt::UserRole, r.value("id").toString());
    if (state.contains(tr("overdue"))) item->setForeground(QColor(0xb0, 0x2a, 0x2a));
    if (r.value("id").toString() == selected) m_list->setCurrentItem(item);
  }
  if (!m_list->currentItem() && m_list->count() > 0) m_list->setCurrentRow(0);
  showSelected();
}

bool RequestsPage::uploadForItem(const QString& requestId, int item, const QString& path) {
  const QJsonObject request = store() ? store()->record(requestId) : QJsonObject{};
  const QJsonArray items = portal::dataOf(request).value("items").toArray();
  if (request.isEmpty() || item < 0 || item >= items.size() || !m_window.transfers()) return false;
  const QFileInfo info(path);
  if (!info.isFile()) {
    m_status->setText(tr("%1 is not a file.").arg(path));
    return false;
  }
  const QString itemName = items[item].toObject().value("name").toString();
  QJsonObject data{{"title", info.fileName()},
                   {"folder", tr("Requests") + QLatin1Char('/') + portal::text(request, "title")},
                   {"client_visible", true},
                   {"request_id", requestId},
                   {"request_item", itemName}};
  const QString tenant = portal::text(request, "tenant_id");
  if (staffMode() && !tenant.isEmpty()) data["tenant_id"] = tenant;
  m_window.transfers()->upload(path, {{"collection", "documents"}, {"op", "create"}, {"data", data}});
  m_status->setText(tr("Sending %1 for “%2”. It is ticked off once it has arrived; you can keep working, or close "
                       "the app — it carries on next time.")
                        .arg(info.fileName(), itemName));
  return true;
}

QString RequestsPage::createRequest(const QString& title, const QDate& due, const QStringList& itemNames,
                                   const QString& description) {
  QJsonArray items;
  for (const QString& line : itemNames)
    if (!line.trimmed().isEmpty()) items.append(QJsonObject{{"name", line.trimmed()}, {"status", "open"}});
  if (!store() || title.trimmed().isEmpty() || items.isEmpty() || m_tenant.isEmpty()) return {};
  QJsonObject data = withTenant({{"title", title.trimmed()},
                                 {"due", due.toString(Qt::ISODate)},
                                 {"status", "open"},
                                 {"items", items}});
  if (!description.trimmed().isEmpty()) data["description"] = description.trimmed();
  const QString id = store()->create(QStringLiteral("document_requests"), data);
  if (!id.isEmpty()) {
    reload();
    selectRequest(id);
    syncSoon();
  }
  return id;
}

bool RequestsPage::remind(const QString& requestId) {
  const QJsonObject request = store() ? store()->record(requestId) : QJsonObject{};
  if (request.isEmpty()) return false;
  QStringList missing;
  for (const auto& v : portal::dataOf(request).value("items").toArray())
    if (v.toObject().value("status").toString() != QLatin1String("uploaded")) missing << v.toObject().value("name").toString();
  QString body = tr("A reminder about “%1”, due %2.").arg(portal::text(request, "title"), portal::date(portal::text(request, "due")));
  if (!missing.isEmpty()) body += QLatin1Char(' ') + tr("Still to come: %1.").arg(missing.join(QStringLiteral(", ")));
  const QString id = store()->create(QStringLiteral("messages"),
                                     {{"tenant_id", portal::text(request, "tenant_id")}, {"body", body}});
  if (id.isEmpty()) return false;
  m_status->setText(tr("Reminder sent in the client's messages."));
  syncSoon();
  return true;
}

void RequestsPage::selectRequest(const QString& requestId) { portal::selectId(m_list, requestId); }

QString RequestsPage::selectedRequest() const { return portal::currentId(m_list); }

void RequestsPage::showSelected() {
  const bool staff = staffMode();
  m_new->setVisible(staff);
  m_new->setEnabled(!m_tenant.isEmpty());
  m_remind->setVisible(staff);
  const QJsonObject request = store() ? store()->record(selectedRequest()) : QJsonObject{};
  const auto items = portal::dataOf(request).value("items").toArray();
  if (request.isEmpty()) {
    m_heading->setText(m_list->count() == 0 ? tr("No requests") : QString());
    m_detail->setText(m_list->count() == 0 && !staff ? tr("When we need documents from you, they are listed here.") : QString());
    m_items->setRowCount(0);
    updateButtons();
    return;
  }
  m_heading->setText(portal::text(request, "title"));
  QString detail = tr("Due %1").arg(portal::date(portal::text(request, "due")));
  if (!portal::text(request, "description").isEmpty()) detail += QStringLiteral(" — ") + portal::text(request, "description");
  m_detail->setText(detail);
  const int keep = m_items->currentRow();
  m_items->setRowCount(int(items.size()));
  for (int i = 0; i < items.size(); ++i) {
    const auto item = items[i].toObject();
    const bool done = item.value("status").toString() == QLatin1String("uploaded");
    m_items->setItem(i, 0, new QTableWidgetItem(item.value("name").toString()));
    m_items->setItem(i, 1, new QTableWidgetItem(done ? tr("✓ Sent") : tr("Needed")));
    const auto doc = store()->record(item.value("document_id").toString());
    m_items->setItem(i, 2, new QTableWidgetItem(doc.isEmpty() ? QString() : portal::text(doc, "title")));
  }
  if (keep >= 0 && keep < m_items->rowCount()) {
    QSignalBlocker quiet(m_items);
    m_items->selectRow(keep);
  }
  updateButtons();
}

void RequestsPage::updateButtons() {
  const QJsonObject request = store() ? store()->record(selectedRequest()) : QJsonObject{};
  const bool itemChosen = !m_items->selectionModel()->selectedRows().isEmpty();
  m_upload->setEnabled(!request.isEmpty() && itemChosen && isOpen(request) && m_window.transfers());
  m_remind->setEnabled(!request.isEmpty() && isOpen(request));
}

}  // namespace kete::app
