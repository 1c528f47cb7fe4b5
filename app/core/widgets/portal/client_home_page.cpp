#include "widgets/portal/client_home_page.h"

#include <QGridLayout>
#include <QJsonArray>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>
#include <algorithm>

#include "store/local_store.h"
#include "widgets/app_window.h"
#include "widgets/portal/jobs_page.h"
#include "widgets/portal/portal_format.h"

namespace kete::app {
namespace {

QListWidget* makeList(const QString& name, QWidget* parent) {
  auto* list = new QListWidget(parent);
  list->setObjectName(name);
  list->setWordWrap(true);
  list->setSpacing(2);
  return list;
}

QLabel* heading(const QString& text, QWidget* parent) {
  auto* label = new QLabel(text, parent);
  label->setObjectName(QStringLiteral("sectionTitle"));
  return label;
}

}  // namespace

ClientHomePage::ClientHomePage(AppWindow& window, QWidget* parent) : CachePage(window, parent) {
  m_unsent = new QLabel(this);
  m_unsent->setObjectName(QStringLiteral("unsentNote"));
  m_unsent->setWordWrap(true);
  m_needs = makeList(QStringLiteral("needsList"), this);
  m_messages = makeList(QStringLiteral("latestMessages"), this);
  m_jobs = makeList(QStringLiteral("jobsGlance"), this);
  auto* grid = new QGridLayout(this);
  grid->addWidget(m_unsent, 0, 0, 1, 2);
  grid->addWidget(heading(tr("What needs you"), this), 1, 0);
  grid->addWidget(m_needs, 2, 0, 3, 1);
  grid->addWidget(heading(tr("Latest messages"), this), 1, 1);
  grid->addWidget(m_messages, 2, 1);
  grid->addWidget(heading(tr("Your jobs"), this), 3, 1);
  grid->addWidget(m_jobs, 4, 1);
  grid->setColumnStretch(0, 1);
  grid->setColumnStretch(1, 1);
  for (auto* list : {m_needs, m_messages, m_jobs})
    connect(list, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
      emit openPage(item->data(Qt::UserRole).toString(), item->data(Qt::UserRole + 1).toString());
    });
}

void ClientHomePage::reload() {
  for (auto* list : {m_needs, m_messages, m_jobs}) list->clear();
  m_unsent->clear();
  if (!store()) return;
  const QDate today = QDate::currentDate();
  const QColor late(0xb0, 0x2a, 0x2a);
  const auto add = [](QListWidget* list, const QString& text, const QString& page, const QString& id, const QColor& colour = {}) {
    auto* item = new QListWidgetItem(text, list);
    item->setData(Qt::UserRole, page);
    item->setData(Qt::UserRole + 1, id);
    if (colour.isValid()) item->setForeground(colour);
  };

  struct Need {
    QString due, text, page, id;
    bool late;
  };
  QList<Need> needs;
  for (const auto& r : store()->records(QStringLiteral("document_requests"))) {
    if (portal::text(r, "status") == QLatin1String("fulfilled")) continue;
    const auto items = portal::dataOf(r).value("items").toArray();
    int open = 0;
    for (const auto& i : items) open += i.toObject().value("status").toString() != QLatin1String("uploaded");
    const QString due = portal::text(r, "due");
    QString text = tr("Send us: %1").arg(portal::text(r, "title"));
    if (!items.isEmpty()) text += tr(" (%n item(s) to go)", nullptr, open);
    if (!due.isEmpty()) text += QStringLiteral(" — ") + tr("due %1").arg(portal::date(due));
    const QDate dueDate = QDate::fromString(due, Qt::ISODate);
    needs.append({due, text, QStringLiteral("requests"), r.value("id").toString(), dueDate.isValid() && dueDate < today});
  }
  for (const auto& e : store()->records(QStringLiteral("signature_envelopes")))
    if (portal::text(e, "status") == QLatin1String("sent")) {
      const auto doc = store()->record(portal::text(e, "document_id"));
      needs.append({QString(), tr("Sign: %1").arg(doc.isEmpty() ? tr("a document") : portal::text(doc, "title")),
                    QStringLiteral("documents"), e.value("id").toString(), false});
    }
  for (const auto& i : store()->records(QStringLiteral("invoices"))) {
    const auto d = portal::dataOf(i);
    const auto state = portal::invoiceState(d, today);
    if (state != portal::InvoiceState::Due && state != portal::InvoiceState::Overdue) continue;
    const bool overdue = state == portal::InvoiceState::Overdue;
    needs.append({d.value("due").toString(),
                  tr("Pay invoice %1: %2 — %3 %4")
                      .arg(d.value("number").toString(), portal::money(portal::outstandingCents(d), d.value("currency").toString()),
                           overdue ? tr("overdue since") : tr("due"), portal::date(d.value("due").toString())),
                  QStringLiteral("invoices"), i.value("id").toString(), overdue});
  }
  // Late things first, then by due date; undated (signatures) after the dated ones.
  std::stable_sort(needs.begin(), needs.end(), [](const Need& a, const Need& b) {
    if (a.late != b.late) return a.late;
    if (a.due.isEmpty() != b.due.isEmpty()) return b.due.isEmpty();
    return a.due < b.due;
  });
  for (const auto& n : needs) add(m_needs, n.text, n.page, n.id, n.late ? late : QColor());
  if (needs.isEmpty()) add(m_needs, tr("Nothing needs you right now."), QString(), QString());

  auto messages = store()->records(QStringLiteral("messages"));
  std::sort(messages.begin(), messages.end(), [](const QJsonObject& a, const QJsonObject& b) {
    const QString ta = portal::text(a, "sent_at"), tb = portal::text(b, "sent_at");
    if (ta.isEmpty() != tb.isEmpty()) return ta.isEmpty();  // unsent ones are the newest
    return ta > tb;
  });
  for (const auto& m : messages.mid(0, 4)) {
    QString who = portal::text(m, "author_name");
    const QString body = portal::text(m, "body").simplified();
    const QString when = portal::text(m, "sent_at").isEmpty() ? tr("not sent yet") : portal::when(portal::text(m, "sent_at"));
    add(m_messages, QStringLiteral("%1 · %2\n%3").arg(who.isEmpty() ? tr("You") : who, when, body.left(140)),
        QStringLiteral("messages"), m.value("id").toString());
  }
  if (messages.isEmpty()) add(m_messages, tr("No messages yet."), QStringLiteral("messages"), QString());

  for (const auto& j : store()->records(QStringLiteral("jobs"))) {
    const auto d = portal::dataOf(j);
    const int at = currentStageIndex(d);
    QString text = tr("%1: %2").arg(d.value("title").toString(), d.value("stage").toString());
    if (at >= 0) text += tr(" (%1 of %2)").arg(at + 1).arg(jobStages(d).size());
    if (!d.value("next_step").toString().isEmpty()) text += QLatin1Char('\n') + tr("Next: %1").arg(d.value("next_step").toString());
    add(m_jobs, text, QStringLiteral("jobs"), j.value("id").toString());
  }
  if (m_jobs->count() == 0) add(m_jobs, tr("No jobs under way."), QStringLiteral("jobs"), QString());

  const int pending = store()->pendingCount();
  if (pending > 0)
    m_unsent->setText(tr("%n change(s) made on this computer are not sent yet. They go to us as soon as you are online.",
                         nullptr, pending));
}

}  // namespace kete::app
