#pragma once
// Changes the server did not take: a conflict shows both versions and lets the person keep
// theirs or take the server's; a refusal shows why and lets them discard it. Nothing is dropped
// without the person choosing.
#include <QDialog>

class QListWidget;
class QPlainTextEdit;
class QLabel;
class QPushButton;

namespace kete::app {

class LocalStore;

class ProblemsDialog : public QDialog {
  Q_OBJECT
 public:
  ProblemsDialog(LocalStore& store, QWidget* parent = nullptr);
  void reload();

 signals:
  void resolved();  // something changed: sync again

 private:
  void showSelected();
  void decide(bool keepMine);

  LocalStore& m_store;
  QListWidget* m_list;
  QLabel* m_explanation;
  QPlainTextEdit* m_mine;
  QPlainTextEdit* m_theirs;
  QPushButton* m_keepMine;
  QPushButton* m_takeTheirs;
};

}  // namespace kete::app
