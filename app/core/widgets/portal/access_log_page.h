#pragma once
// Who at the business opened the client's records, and when (the server's audit log, which shows
// a client only entries about its own company). Kept with the cache, so it also shows offline.
#include "widgets/portal/cache_page.h"

class QLabel;
class QPushButton;
class QTableWidget;

namespace kete::app {

class AccessLogPage : public CachePage {
  Q_OBJECT
 public:
  explicit AccessLogPage(AppWindow& window, QWidget* parent = nullptr);
  void reload() override;  // shows what was last fetched
  void refresh();          // asks the server
  int rowCount() const;
  QString rowText(int row) const;

 signals:
  void refreshed(bool ok);

 private:
  void show(const QJsonArray& entries, const QString& asOf);

  QLabel* m_note;
  QTableWidget* m_table;
  QPushButton* m_refresh;
};

// "opened an invoice", "downloaded a file", ... for an audit entry.
QString describeAccess(const QJsonObject& entry);

}  // namespace kete::app
