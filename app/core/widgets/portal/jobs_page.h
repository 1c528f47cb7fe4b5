#pragma once
// Jobs and their stages (a mortgage application: submitted → valuation → approved → settled), as a
// timeline with dates and the next step; staff move a job on and say what happens next.
#include <QSet>

#include "widgets/portal/cache_page.h"

class QLabel;
class QListView;
class QPushButton;

namespace kete::app {

class RecordTableModel;

// The stages of one job drawn left to right: reached ones filled with their date, the current
// one marked, the rest to come.
class JobTimeline : public QWidget {
  Q_OBJECT
 public:
  explicit JobTimeline(QWidget* parent = nullptr);
  void setJob(const QJsonObject& jobData);
  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  struct Stage {
    QString name;
    QString doneOn;
  };
  QList<Stage> m_stages;
  int m_current = -1;
};

class JobsPage : public CachePage {
  Q_OBJECT
 public:
  explicit JobsPage(AppWindow& window, QWidget* parent = nullptr);
  void reload() override;

  // Staff: the job's next stage becomes current, reached today.
  bool advance(const QString& jobId);
  bool setNextStep(const QString& jobId, const QString& text);
  QString createJob(const QString& title, const QStringList& stages);
  void selectJob(const QString& jobId);

 private:
  void showSelected();
  QString selectedJob() const;

  RecordTableModel* m_model;
  QSet<QString> m_unsent;  // jobs with a change not sent yet, marked in the list
  QListView* m_list;
  QLabel* m_heading;
  JobTimeline* m_timeline;
  QLabel* m_next;
  QPushButton* m_advance;
  QPushButton* m_editNext;
  QPushButton* m_new;
};

// The stage list of a job, whether stored as names or as {"name","done_on"} objects.
QList<QPair<QString, QString>> jobStages(const QJsonObject& jobData);
int currentStageIndex(const QJsonObject& jobData);

}  // namespace kete::app
