#pragma once
// What a signed-in person sees first: who they are signed in as, and the way out.
#include <QJsonObject>
#include <QWidget>

class QLabel;
class QTabWidget;

namespace kete::app {

class LocalStore;
class RecordListModel;

class HomePage : public QWidget {
  Q_OBJECT
 public:
  explicit HomePage(QWidget* parent = nullptr);
  void setIntro(const QString& text);
  void setUser(const QJsonObject& user, bool offline);
  void setCacheSummary(int records);
  // A tab listing one collection from the offline cache.
  void addSection(const QString& title, const QString& collection, const QString& titleField,
                  const QString& detailField);
  // A tab with a page of its own (the documents page).
  void addPage(const QString& title, QWidget* page);
  void setPageVisible(QWidget* page, bool visible);
  void setPageTitle(QWidget* page, const QString& title);
  void showPage(QWidget* page);
  // Reloads every section from the cache (nullptr: signed out, empty them).
  void reload(const LocalStore* store);

 signals:
  void signOutRequested();

 private:
  QLabel* m_greeting;
  QLabel* m_detail;
  QLabel* m_intro;
  QLabel* m_cache;
  QTabWidget* m_sections;
  QList<RecordListModel*> m_models;
};

}  // namespace kete::app
