#include "widgets/portal/portal_widgets.h"

#include <QHeaderView>
#include <QListWidget>
#include <QTableWidget>

namespace kete::app::portal {

QTableWidget* makeTable(QWidget* parent, const QString& objectName, const QStringList& headers, int stretch) {
  auto* table = new QTableWidget(0, int(headers.size()), parent);
  table->setObjectName(objectName);
  table->setHorizontalHeaderLabels(headers);
  if (stretch < 0) table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  else table->horizontalHeader()->setSectionResizeMode(stretch, QHeaderView::Stretch);
  table->verticalHeader()->hide();
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table->setSelectionBehavior(QAbstractItemView::SelectRows);
  table->setSelectionMode(QAbstractItemView::SingleSelection);
  return table;
}

QString currentId(const QListWidget* list) {
  return list->currentItem() ? list->currentItem()->data(Qt::UserRole).toString() : QString();
}

void selectId(QListWidget* list, const QString& id) {
  for (int i = 0; i < list->count(); ++i)
    if (list->item(i)->data(Qt::UserRole).toString() == id) list->setCurrentRow(i);
}

}  // namespace kete::app::portal
