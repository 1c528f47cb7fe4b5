#pragma once
// Keeps the local store and the server in step: pushes the outbox, then pulls every bucket until
// up to date; backs off while the server cannot be reached. Its state is what the status bar shows.
#include <QJsonArray>
#include <QObject>
#include <QTimer>

class QWebSocket;

namespace kete::app {

class ApiClient;
class LocalStore;
struct ApiReply;

class SyncEngine : public QObject {
  Q_OBJECT
 public:
  enum class State { Idle, Syncing, UpToDate, Offline, Error };
  Q_ENUM(State)

  SyncEngine(ApiClient& api, LocalStore& store, QObject* parent = nullptr);

  // Starts a round now (or one more right after the current round).
  void syncNow();
  // Retry automatically with exponential backoff (1 s doubling to 60 s) while offline.
  void setAutoRetry(bool on) { m_autoRetry = on; }
  // Keep a live socket open after each successful round; the server's hints start a round at once.
  void setLive(bool on);
  bool liveConnected() const;

  State state() const { return m_state; }
  QString describe() const;  // for the status bar, translated
  int retryDelayMs() const { return m_backoffMs; }

 signals:
  void stateChanged();
  void dataChanged();  // the store changed: pages reload from it

 private:
  void pushNext();
  void pullNext(int rounds);
  void finish(State state, const QString& error = {});
  void failed(const ApiReply& reply);
  void openLive();

  ApiClient& m_api;
  LocalStore& m_store;
  QTimer m_retry;
  State m_state = State::Idle;
  QString m_error;
  bool m_running = false;
  bool m_again = false;
  bool m_autoRetry = true;
  int m_backoffMs = 1000;
  bool m_liveWanted = false;
  QWebSocket* m_live = nullptr;
  QTimer m_liveRetry;
  QTimer m_hint;  // gathers a burst of hints into one round
  QJsonArray m_buckets;  // what the last pull said this person may read
};

}  // namespace kete::app
