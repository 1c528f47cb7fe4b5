#pragma once
// Document requests (issue: "bank statements March–May", due 12 Dec): each a checklist that the
// client ticks off by uploading a file per item; staff make requests and send reminders.
#include <QSet>

#include "widgets/portal/cache_page.h"

class QLabel;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace kete::app {

class RequestsPage : public CachePage {
  Q_OBJECT
 public:
  explicit RequestsPage(AppWindow& window, QWidget* parent = nullptr);
  void reload() override;

  // Uploads a file for one item of a request: it becomes a document in the request's folder that
  // names the request and the item, and the server ticks the item off when that document arrives
  // (so a restart in between loses nothing, and two contacts never tick the same item twice).
  bool uploadForItem(const QString& requestId, int item, const QString& path);
  // Staff: a new request for the current client; items one per line.
  QString createRequest(const QString& title, const QDate& due, const QStringList& items, const QString& description);
  // Staff: a reminder message in the client's thread, naming what is still missing.
  bool remind(const QString& requestId);
  void selectRequest(const QString& requestId);

 private:
  void showSelected();
  void updateButtons();
  QString selectedRequest() const;

  QListWidget* m_list;
  QLabel* m_heading;
  QLabel* m_detail;
  QTableWidget* m_items;
  QPushButton* m_upload;
  QPushButton* m_new;
  QPushButton* m_remind;
  QLabel* m_status;
  QList<QJsonObject> m_requests;
};

}  // namespace kete::app
