#pragma once
// The few widget shapes every client page uses, made one way: read-only tables of rows, and
// lists whose items carry a record id.
#include <QString>
#include <QStringList>

class QListWidget;
class QTableWidget;
class QWidget;

namespace kete::app::portal {

// A read-only table with these column titles; `stretch` is the column that takes the spare
// width (-1: all of them share it); rows are selected whole, one at a time.
QTableWidget* makeTable(QWidget* parent, const QString& objectName, const QStringList& headers, int stretch = -1);

// The record id kept in a list's current item (Qt::UserRole), and choosing the item with that id.
QString currentId(const QListWidget* list);
void selectId(QListWidget* list, const QString& id);

}  // namespace kete::app::portal
