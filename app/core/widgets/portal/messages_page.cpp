#include "widgets/portal/messages_page.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>
#include <algorithm>

#include "store/local_store.h"
#include "transfer/transfer_queue.h"
#include "widgets/app_window.h"
#include "widgets/document_browser.h"
#include "widgets/portal/portal_format.h"

namespace kete::app {

MessagesPage::MessagesPage(AppWindow& window, QWidget* parent) : CachePage(window, parent) {
  m_thread = new QTextBrowser(this);
  m_thread->setObjectName(QStringLiteral("messageThread"));
  m_thread->setOpenLinks(false);
  m_input = new QPlainTextEdit(this);
  m_input->setObjectName(QStringLiteral("messageInput"));
  m_input->setPlaceholderText(tr("Write a message…"));
  m_input->setMaximumHeight(90);
  m_attach = new QPushButton(tr("Attach a file…"), this);
  m_send = new QPushButton(tr("Send"), this);
  m_send->setObjectName(QStringLiteral("sendMessage"));
  m_send->setDefault(true);
  m_attachment = new QLabel(this);
  m_status = new QLabel(this);
  m_status->setWordWrap(true);

  auto* buttons = new QHBoxLayout;
  buttons->addWidget(m_attach);
  buttons->addWidget(m_attachment, 1);
  buttons->addWidget(m_send);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_thread, 1);
  layout->addWidget(m_input);
  layout->addLayout(buttons);
  layout->addWidget(m_status);

  connect(m_attach, &QPushButton::clicked, this, [this] {
    m_attachmentPath = QFileDialog::getOpenFileName(this, tr("Attach a file"));
    m_attachment->setText(m_attachmentPath.isEmpty() ? QString() : QFileInfo(m_attachmentPath).fileName());
  });
  connect(m_send, &QPushButton::clicked, this, [this] {
    if (send(m_input->toPlainText(), m_attachmentPath)) {
      m_input->clear();
      m_attachmentPath.clear();
      m_attachment->clear();
    }
  });
  connect(m_thread, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
    if (url.scheme() == QLatin1String("kete-file")) openAttachment(url.path());
  });
}

QString MessagesPage::readKey() const { return QStringLiteral("messages.read.") + (m_tenant.isEmpty() ? QStringLiteral("own") : m_tenant); }

void MessagesPage::reload() {
  auto messages = store() ? store()->records(QStringLiteral("messages"), m_tenant) : QList<QJsonObject>{};
  // Oldest first; messages not on the server yet (no time from it) last, in the order written.
  std::stable_sort(messages.begin(), messages.end(), [](const QJsonObject& a, const QJsonObject& b) {
    const QString ta = portal::text(a, "sent_at"), tb = portal::text(b, "sent_at");
    if (ta.isEmpty() != tb.isEmpty()) return tb.isEmpty();
    return ta < tb;
  });
  const auto unsent = store() ? store()->unsentRecordIds() : QSet<QString>{};
  const bool staff = staffMode();
  const QString readMark = store() ? store()->value(readKey()) : QString();
  QString html;
  int unread = 0;
  for (const auto& m : messages) {
    const auto d = portal::dataOf(m);
    const QString id = m.value("id").toString();
    // From "our side": the business for staff, the company's contacts for a client.
    const bool ours = d.contains("from_business") ? d.value("from_business").toBool() == staff
                                                  : true;  // written here, not back from the server yet
    const QString sentAt = d.value("sent_at").toString();
    if (!ours && !sentAt.isEmpty() && sentAt > readMark) ++unread;
    QString who = d.value("author_name").toString();
    if (who.isEmpty()) who = tr("You");
    QString meta = unsent.contains(id) || sentAt.isEmpty() ? tr("not sent yet — goes when you are online")
                                                           : portal::when(sentAt);
    QString file;
    if (!d.value("file_name").toString().isEmpty())
      file = QStringLiteral("<br>📎 <a href=\"kete-file:%1\">%2</a> (%3)")
                 .arg(id, d.value("file_name").toString().toHtmlEscaped(), QLocale().formattedDataSize(d.value("size").toInteger()));
    html += QStringLiteral("<table width='100%' cellpadding='8'><tr><td align='%1'><div style='background:%2'>"
                           "<b>%3</b> <span style='color:#666'>%4</span><br>%5%6</div></td></tr></table>")
                .arg(ours ? QStringLiteral("right") : QStringLiteral("left"), ours ? QStringLiteral("#e8f0fe") : QStringLiteral("#f1f1f1"),
                     who.toHtmlEscaped(), meta.toHtmlEscaped(), d.value("body").toString().toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")),
                     file);
  }
  if (messages.isEmpty())
    html = QStringLiteral("<p style='color:#666'>%1</p>")
               .arg(staff ? tr("No messages with this client yet.") : tr("No messages yet. Write to us here; only you and the people "
                                                                        "looking after you can read it."));
  m_thread->setHtml(html);
  m_thread->verticalScrollBar()->setValue(m_thread->verticalScrollBar()->maximum());
  m_send->setEnabled(store() && (!staff || !m_tenant.isEmpty()));
  m_attach->setEnabled(store() && m_window.transfers() && (!staff || !m_tenant.isEmpty()));
  if (isVisible() && window()->isActiveWindow()) {  // being looked at: read
    markRead();
    return;
  }
  if (unread != m_unread) {
    m_unread = unread;
    emit unreadChanged(unread);
  }
}

void MessagesPage::showEvent(QShowEvent* event) {
  CachePage::showEvent(event);
  markRead();
}

void MessagesPage::markRead() {
  if (!store()) return;
  QString newest = store()->value(readKey());
  for (const auto& m : store()->records(QStringLiteral("messages"), m_tenant))
    newest = qMax(newest, portal::text(m, "sent_at"));
  store()->setValue(readKey(), newest);
  if (m_unread != 0) {
    m_unread = 0;
    emit unreadChanged(0);
  }
}

bool MessagesPage::send(const QString& body, const QString& attachmentPath) {
  const QString text = body.trimmed();
  if (!store() || (text.isEmpty() && attachmentPath.isEmpty())) return false;
  if (staffMode() && m_tenant.isEmpty()) return false;
  if (!attachmentPath.isEmpty()) {
    const QFileInfo info(attachmentPath);
    if (!info.isFile() || !m_window.transfers()) {
      m_status->setText(tr("%1 cannot be attached.").arg(attachmentPath));
      return false;
    }
    // The message is written once its file is on the server, never pointing at a missing file.
    m_window.transfers()->upload(attachmentPath, {{"collection", "messages"},
                                                  {"op", "create"},
                                                  {"data", withTenant({{"body", text}, {"file_name", info.fileName()}})}});
    m_status->setText(tr("Sending %1… the message appears when the file has arrived.").arg(info.fileName()));
  } else {
    if (store()->create(QStringLiteral("messages"), withTenant({{"body", text}})).isEmpty()) return false;
    m_status->clear();
  }
  reload();
  syncSoon();
  return true;
}

void MessagesPage::openAttachment(const QString& messageId) {
  const auto d = portal::dataOf(store() ? store()->record(messageId) : QJsonObject{});
  auto* browser = m_window.documents();
  if (d.isEmpty() || !browser) return;
  const QString target = QFileDialog::getSaveFileName(this, tr("Save attachment"), d.value("file_name").toString());
  if (target.isEmpty()) return;
  browser->exportTo(d.value("blob").toString(), d.value("size").toInteger(), d.value("file_name").toString(), target,
                    [this, target](const QString& error) {
                      m_status->setText(error.isEmpty() ? tr("Saved %1").arg(target) : error);
                    });
}

QString MessagesPage::threadText() const { return m_thread->toPlainText(); }

}  // namespace kete::app
