#include "widgets/home_page.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QListView>
#include <QTabWidget>
#include <QVBoxLayout>

#include "models/record_list_model.h"
#include "store/local_store.h"

namespace kete::app {

HomePage::HomePage(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("page"));
  m_greeting = new QLabel(this);
  m_greeting->setObjectName(QStringLiteral("title"));
  m_detail = new QLabel(this);
  m_detail->setObjectName(QStringLiteral("subtitle"));
  m_intro = new QLabel(this);
  m_intro->setWordWrap(true);
  m_cache = new QLabel(this);
  m_cache->setObjectName(QStringLiteral("cacheSummary"));
  auto* signOut = new QPushButton(tr("Sign out"), this);
  signOut->setObjectName(QStringLiteral("signOutButton"));
  connect(signOut, &QPushButton::clicked, this, &HomePage::signOutRequested);

  auto* header = new QHBoxLayout;
  auto* names = new QVBoxLayout;
  names->addWidget(m_greeting);
  names->addWidget(m_detail);
  header->addLayout(names);
  header->addStretch();
  header->addWidget(signOut, 0, Qt::AlignTop);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(32, 24, 32, 24);
  layout->addLayout(header);
  layout->addSpacing(16);
  layout->addWidget(m_intro);
  layout->addSpacing(8);
  layout->addWidget(m_cache);
  m_sections = new QTabWidget(this);
  m_sections->setObjectName(QStringLiteral("sections"));
  m_sections->hide();
  layout->addWidget(m_sections, 1);
}

void HomePage::setIntro(const QString& text) { m_intro->setText(text); }

void HomePage::addSection(const QString& title, const QString& collection, const QString& titleField,
                          const QString& detailField) {
  auto* model = new RecordListModel(collection, titleField, detailField, this);
  auto* view = new QListView(m_sections);
  view->setObjectName(collection);
  view->setModel(model);
  view->setEditTriggers(QAbstractItemView::NoEditTriggers);
  view->setAlternatingRowColors(true);
  view->setUniformItemSizes(true);  // stays fast with many thousands of rows
  m_sections->addTab(view, title);
  m_sections->show();
  m_models << model;
}

void HomePage::addPage(const QString& title, QWidget* page) {
  m_sections->addTab(page, title);
  m_sections->show();
}

void HomePage::setPageVisible(QWidget* page, bool visible) { m_sections->setTabVisible(m_sections->indexOf(page), visible); }

void HomePage::setPageTitle(QWidget* page, const QString& title) { m_sections->setTabText(m_sections->indexOf(page), title); }

void HomePage::showPage(QWidget* page) { m_sections->setCurrentWidget(page); }

void HomePage::reload(const LocalStore* store) {
  for (auto* model : m_models) model->reload(store);
}

void HomePage::setCacheSummary(int records) {
  m_cache->setText(tr("%n item(s) kept on this computer for offline use.", nullptr, records));
}

void HomePage::setUser(const QJsonObject& user, bool offline) {
  const QString name = user.value("name").toString();
  m_greeting->setText(tr("Kia ora, %1").arg(name.section(' ', 0, 0)));
  const QString tenant = user.value("tenant").toObject().value("name").toString();
  m_detail->setText(offline ? tr("%1 · %2 · offline").arg(name, tenant) : tr("%1 · %2").arg(name, tenant));
}

}  // namespace kete::app
