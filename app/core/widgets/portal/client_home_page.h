#pragma once
// The client app's first page: what needs the client (documents requested, signatures waiting,
// invoices due), the latest messages, every job's stage at a glance, and anything not sent yet.
#include "widgets/portal/cache_page.h"

class QLabel;
class QListWidget;

namespace kete::app {

class ClientHomePage : public CachePage {
  Q_OBJECT
 public:
  explicit ClientHomePage(AppWindow& window, QWidget* parent = nullptr);
  void reload() override;

 signals:
  // The person chose an item: the page to go to ("requests", "invoices", "messages", "jobs").
  void openPage(const QString& page, const QString& recordId);

 private:
  QLabel* m_unsent;
  QListWidget* m_needs;
  QListWidget* m_messages;
  QListWidget* m_jobs;
};

}  // namespace kete::app
