#pragma once
// One secure thread per client company (DESIGN.md: messages are append-only): the client's
// contacts and the business write in it, with a file attached when needed. Messages not yet on
// the server are marked; what arrived since the person last looked is counted as unread.
#include "widgets/portal/cache_page.h"

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;

namespace kete::app {

class MessagesPage : public CachePage {
  Q_OBJECT
 public:
  explicit MessagesPage(AppWindow& window, QWidget* parent = nullptr);
  void reload() override;

  // Queues a message (with a file, it goes once the file is up); false when there is nothing to send.
  bool send(const QString& body, const QString& attachmentPath = {});
  int unreadCount() const { return m_unread; }
  // Marks everything shown as read (done when the page is looked at).
  void markRead();
  QString threadText() const;  // the thread as plain text (for tests and copying)

 signals:
  void unreadChanged(int count);

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  void openAttachment(const QString& messageId);
  QString readKey() const;

  QTextBrowser* m_thread;
  QPlainTextEdit* m_input;
  QPushButton* m_attach;
  QPushButton* m_send;
  QLabel* m_attachment;
  QLabel* m_status;
  QString m_attachmentPath;
  QString m_latestSeen;   // newest sent_at from the other side shown in the thread
  int m_unread = 0;
};

}  // namespace kete::app
