#pragma once
// What a signed-in person sees first: who they are signed in as, and the way out.
#include <QJsonObject>
#include <QWidget>

class QLabel;

namespace kete::app {

class HomePage : public QWidget {
  Q_OBJECT
 public:
  explicit HomePage(QWidget* parent = nullptr);
  void setIntro(const QString& text);
  void setUser(const QJsonObject& user, bool offline);
  void setCacheSummary(int records);

 signals:
  void signOutRequested();

 private:
  QLabel* m_greeting;
  QLabel* m_detail;
  QLabel* m_intro;
  QLabel* m_cache;
};

}  // namespace kete::app
