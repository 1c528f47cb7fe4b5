#include "widgets/portal/jobs_page.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>
#include <algorithm>

#include "models/record_table_model.h"
#include "store/local_store.h"
#include "widgets/app_window.h"
#include "widgets/portal/portal_format.h"
#include "widgets/portal/portal_widgets.h"

namespace kete::app {

QList<QPair<QString, QString>> jobStages(const QJsonObject& data) {
  QList<QPair<QString, QString>> out;
  for (const auto& v : data.value("stages").toArray()) {
    if (v.isString()) out.append({v.toString(), QString()});
    else out.append({v.toObject().value("name").toString(), v.toObject().value("done_on").toString()});
  }
  return out;
}

int currentStageIndex(const QJsonObject& data) {
  const auto stages = jobStages(data);
  const QString current = data.value("stage").toString();
  for (int i = 0; i < stages.size(); ++i)
    if (stages[i].first == current) return i;
  return -1;
}

JobTimeline::JobTimeline(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("jobTimeline"));
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void JobTimeline::setJob(const QJsonObject& data) {
  m_stages.clear();
  for (const auto& [name, done] : jobStages(data)) m_stages.append({name, done});
  m_current = currentStageIndex(data);
  setAccessibleDescription(m_current >= 0 ? tr("Stage %1 of %2: %3").arg(m_current + 1).arg(m_stages.size()).arg(m_stages[m_current].name)
                                          : QString());
  updateGeometry();
  update();
}

QSize JobTimeline::sizeHint() const { return {qMax(400, int(m_stages.size()) * 130), 96}; }
QSize JobTimeline::minimumSizeHint() const { return {200, 96}; }

void JobTimeline::paintEvent(QPaintEvent*) {
  if (m_stages.isEmpty()) return;
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  const QColor accent = palette().color(QPalette::Highlight);
  const QColor muted = palette().color(QPalette::Mid);
  const int n = int(m_stages.size());
  const int step = width() / n;
  const int y = 24;
  const int r = 9;
  for (int i = 0; i < n; ++i) {
    const int x = step * i + step / 2;
    const bool reached = i <= m_current;
    if (i + 1 < n) {
      p.setPen(QPen(i < m_current ? accent : muted, 3));
      p.drawLine(x + r, y, x + step - r, y);
    }
    p.setPen(QPen(reached ? accent : muted, 2));
    p.setBrush(i < m_current ? accent : (i == m_current ? palette().color(QPalette::Base) : muted.lighter(130)));
    p.drawEllipse(QPoint(x, y), r, r);
    if (i == m_current) {
      p.setBrush(accent);
      p.drawEllipse(QPoint(x, y), r / 2, r / 2);
    }
    QFont font = this->font();
    font.setBold(i == m_current);
    p.setFont(font);
    p.setPen(palette().color(reached ? QPalette::WindowText : QPalette::PlaceholderText));
    const QRect label(x - step / 2 + 4, y + r + 6, step - 8, 22);
    p.drawText(label, Qt::AlignHCenter | Qt::AlignTop | Qt::TextSingleLine,
               p.fontMetrics().elidedText(m_stages[i].name, Qt::ElideRight, label.width()));
    font.setBold(false);
    font.setPointSizeF(font.pointSizeF() * 0.85);
    p.setFont(font);
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(label.translated(0, 20), Qt::AlignHCenter | Qt::AlignTop, portal::date(m_stages[i].doneOn));
  }
}

JobsPage::JobsPage(AppWindow& window, QWidget* parent) : CachePage(window, parent) {
  // One column: the job's title, its stage and whether a change is still to be sent. Read from the
  // cache a page at a time, so a client with thousands of jobs opens as fast as one with three.
  m_model = new RecordTableModel({{tr("Job"), QStringLiteral("title"), [this](const QJsonObject& j, int role) -> QVariant {
                                    if (role != Qt::DisplayRole) return {};
                                    const auto data = portal::dataOf(j);
                                    const int at = currentStageIndex(data);
                                    QString line = data.value("title").toString() + QLatin1Char('\n') + data.value("stage").toString();
                                    if (at >= 0) line += tr(" (%1 of %2)").arg(at + 1).arg(jobStages(data).size());
                                    if (m_unsent.contains(j.value("id").toString())) line += tr(" · not sent yet");
                                    return line;
                                  }}},
                                 this);
  m_list = new QListView(this);
  m_list->setObjectName(QStringLiteral("jobList"));
  m_list->setModel(m_model);
  m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_heading = new QLabel(this);
  m_heading->setObjectName(QStringLiteral("sectionTitle"));
  m_timeline = new JobTimeline(this);
  m_next = new QLabel(this);
  m_next->setObjectName(QStringLiteral("nextStep"));
  m_next->setWordWrap(true);
  m_advance = new QPushButton(tr("Move to the next stage"), this);
  m_editNext = new QPushButton(tr("Say what happens next…"), this);
  m_new = new QPushButton(tr("New job…"), this);

  auto* right = new QWidget(this);
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->addWidget(m_heading);
  rightLayout->addWidget(m_timeline);
  rightLayout->addWidget(m_next);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(m_advance);
  buttons->addWidget(m_editNext);
  buttons->addWidget(m_new);
  buttons->addStretch();
  rightLayout->addLayout(buttons);
  rightLayout->addStretch();
  auto* split = new QSplitter(this);
  split->addWidget(m_list);
  split->addWidget(right);
  split->setStretchFactor(1, 3);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(split);

  connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] { showSelected(); });
  connect(m_advance, &QPushButton::clicked, this, [this] { advance(selectedJob()); });
  connect(m_editNext, &QPushButton::clicked, this, [this] {
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(this, tr("What happens next"), tr("Shown to the client:"),
                                                        portal::text(store()->record(selectedJob()), "next_step"), &ok);
    if (ok) setNextStep(selectedJob(), text);
  });
  connect(m_new, &QPushButton::clicked, this, [this] {
    QDialog dialog(this);
    dialog.setWindowTitle(tr("New job"));
    auto* title = new QLineEdit(&dialog);
    auto* stages = new QPlainTextEdit(tr("Submitted\nValuation\nApproved\nSettled"), &dialog);
    auto* form = new QFormLayout(&dialog);
    form->addRow(tr("Title"), title);
    form->addRow(tr("Stages, one per line"), stages);
    auto* ok = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(ok);
    connect(ok, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(ok, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() == QDialog::Accepted) createJob(title->text(), stages->toPlainText().split(QLatin1Char('\n')));
  });
}

void JobsPage::reload() {
  const QString selected = selectedJob();
  m_unsent = store() ? store()->unsentRecordIds() : QSet<QString>{};
  RecordQuery query;
  query.collection = QStringLiteral("jobs");
  query.orderField = QStringLiteral("title");
  query.tenantId = m_tenant;
  {
    QSignalBlocker quiet(m_list->selectionModel());
    m_model->setQuery(query, store());
    selectJob(selected);
    if (!m_list->currentIndex().isValid() && m_model->rowCount() > 0) m_list->setCurrentIndex(m_model->index(0, 0));
  }
  showSelected();
}

QString JobsPage::selectedJob() const { return m_list->currentIndex().data(RecordTableModel::RecordIdRole).toString(); }

void JobsPage::selectJob(const QString& jobId) {
  int row = m_model->rowOf(jobId);
  // A job of this list further down than the rows read so far (opened from elsewhere): read on
  // to it. Another client's job (staff switched client) is not in this list at all.
  const QJsonObject job = row < 0 && store() ? store()->record(jobId) : QJsonObject{};
  const bool listed = job.value("collection").toString() == QLatin1String("jobs") &&
                      (m_tenant.isEmpty() || portal::text(job, "tenant_id") == m_tenant);
  while (row < 0 && listed && m_model->canFetchMore({})) {
    m_model->fetchMore({});
    row = m_model->rowOf(jobId);
  }
  if (row >= 0) m_list->setCurrentIndex(m_model->index(row, 0));
}

void JobsPage::showSelected() {
  const bool staff = staffMode();
  const QJsonObject job = store() ? store()->record(selectedJob()) : QJsonObject{};
  const auto data = portal::dataOf(job);
  m_heading->setText(job.isEmpty() ? (m_model->rowCount() ? QString() : tr("No jobs yet")) : data.value("title").toString());
  m_timeline->setJob(data);
  m_timeline->setVisible(!job.isEmpty());
  const QString next = data.value("next_step").toString();
  m_next->setText(next.isEmpty() ? QString() : tr("Next: %1").arg(next));
  for (auto* b : {m_advance, m_editNext, m_new}) b->setVisible(staff);
  const int at = currentStageIndex(data);
  m_advance->setEnabled(!job.isEmpty() && at + 1 < jobStages(data).size());
  m_editNext->setEnabled(!job.isEmpty());
  m_new->setEnabled(!m_tenant.isEmpty());
}

bool JobsPage::advance(const QString& jobId) {
  const QJsonObject job = store() ? store()->record(jobId) : QJsonObject{};
  const auto data = portal::dataOf(job);
  const auto stages = jobStages(data);
  const int next = currentStageIndex(data) + 1;
  if (job.isEmpty() || next >= stages.size()) return false;
  QJsonArray out;
  for (int i = 0; i < stages.size(); ++i) {
    QJsonObject s{{"name", stages[i].first}};
    const QString done = i == next ? QDate::currentDate().toString(Qt::ISODate) : stages[i].second;
    if (!done.isEmpty()) s["done_on"] = done;
    out.append(s);
  }
  if (!store()->update(QStringLiteral("jobs"), jobId, {{"stage", stages[next].first}, {"stages", out}})) return false;
  reload();
  syncSoon();
  return true;
}

bool JobsPage::setNextStep(const QString& jobId, const QString& text) {
  if (!store() || !store()->update(QStringLiteral("jobs"), jobId, {{"next_step", text.trimmed()}})) return false;
  reload();
  syncSoon();
  return true;
}

QString JobsPage::createJob(const QString& title, const QStringList& names) {
  QJsonArray stages;
  for (const QString& n : names)
    if (!n.trimmed().isEmpty()) stages.append(QJsonObject{{"name", n.trimmed()}});
  if (!store() || title.trimmed().isEmpty() || stages.isEmpty() || m_tenant.isEmpty()) return {};
  QJsonObject first = stages[0].toObject();
  first["done_on"] = QDate::currentDate().toString(Qt::ISODate);
  stages[0] = first;
  const QString id = store()->create(
      QStringLiteral("jobs"), withTenant({{"title", title.trimmed()}, {"stage", first.value("name")}, {"stages", stages}}));
  if (!id.isEmpty()) {
    reload();
    selectJob(id);
    syncSoon();
  }
  return id;
}

}  // namespace kete::app
