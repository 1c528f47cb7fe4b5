#include "widgets/problems_dialog.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "store/local_store.h"

namespace kete::app {
namespace {

QString describeFields(const QJsonObject& data) {
  QStringList lines;
  for (auto it = data.begin(); it != data.end(); ++it)
    if (!it.key().endsWith(QLatin1String("_id")))  // ids mean nothing to a person
      lines << QStringLiteral("%1: %2").arg(it.key(), it.value().toVariant().toString());
  return lines.join(QLatin1Char('\n'));
}

}  // namespace

ProblemsDialog::ProblemsDialog(LocalStore& store, QWidget* parent) : QDialog(parent), m_store(store) {
  setObjectName(QStringLiteral("problemsDialog"));
  setWindowTitle(tr("Changes that need your decision"));
  resize(760, 460);
  m_list = new QListWidget(this);
  m_explanation = new QLabel(this);
  m_explanation->setWordWrap(true);
  m_mine = new QPlainTextEdit(this);
  m_mine->setObjectName(QStringLiteral("mine"));
  m_mine->setReadOnly(true);
  m_theirs = new QPlainTextEdit(this);
  m_theirs->setObjectName(QStringLiteral("theirs"));
  m_theirs->setReadOnly(true);
  m_keepMine = new QPushButton(tr("Keep mine"), this);
  m_keepMine->setObjectName(QStringLiteral("keepMine"));
  m_takeTheirs = new QPushButton(tr("Take theirs"), this);
  m_takeTheirs->setObjectName(QStringLiteral("takeTheirs"));
  auto* close = new QPushButton(tr("Decide later"), this);

  auto* versions = new QGridLayout;
  versions->addWidget(new QLabel(tr("Your change"), this), 0, 0);
  versions->addWidget(new QLabel(tr("On the server now"), this), 0, 1);
  versions->addWidget(m_mine, 1, 0);
  versions->addWidget(m_theirs, 1, 1);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(close);
  buttons->addStretch();
  buttons->addWidget(m_takeTheirs);
  buttons->addWidget(m_keepMine);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_list, 1);
  layout->addWidget(m_explanation);
  layout->addLayout(versions, 3);
  layout->addLayout(buttons);

  connect(m_list, &QListWidget::currentRowChanged, this, &ProblemsDialog::showSelected);
  connect(m_keepMine, &QPushButton::clicked, this, [this] { decide(true); });
  connect(m_takeTheirs, &QPushButton::clicked, this, [this] { decide(false); });
  connect(close, &QPushButton::clicked, this, &QDialog::hide);
  reload();
}

void ProblemsDialog::reload() {
  m_list->clear();
  for (const auto& p : m_store.problems()) {
    const QString what = p.state == QLatin1String("conflict") ? tr("Changed by someone else meanwhile")
                                                              : tr("Not accepted by the server");
    auto* item = new QListWidgetItem(tr("%1 · %2").arg(p.collection, what), m_list);
    item->setData(Qt::UserRole, p.mutationId);
  }
  if (m_list->count() > 0) m_list->setCurrentRow(0);
  else showSelected();
}

void ProblemsDialog::showSelected() {
  const QString id = m_list->currentItem() ? m_list->currentItem()->data(Qt::UserRole).toString() : QString();
  m_mine->clear();
  m_theirs->clear();
  m_explanation->clear();
  m_keepMine->setEnabled(false);
  m_takeTheirs->setEnabled(false);
  for (const auto& p : m_store.problems()) {
    if (p.mutationId != id) continue;
    m_mine->setPlainText(describeFields(p.data));
    const bool conflict = p.state == QLatin1String("conflict");
    m_theirs->setPlainText(conflict ? describeFields(p.current.value("data").toObject()) : QString());
    m_explanation->setText(conflict ? tr("Someone changed this on the server after you. Keep your version, or take theirs.")
                                    : tr("The server did not accept this change: %1").arg(p.error));
    m_keepMine->setText(conflict ? tr("Keep mine") : tr("Send again"));
    m_takeTheirs->setText(conflict ? tr("Take theirs") : tr("Discard my change"));
    m_keepMine->setEnabled(true);
    m_takeTheirs->setEnabled(true);
  }
}

void ProblemsDialog::decide(bool keepMine) {
  if (!m_list->currentItem()) return;
  m_store.resolveProblem(m_list->currentItem()->data(Qt::UserRole).toString(), keepMine);
  reload();
  emit resolved();
  if (m_list->count() == 0) hide();
}

}  // namespace kete::app
