#pragma once
// The real kete-server, started as a child process on a random loopback port with its own data folder.
#include <QByteArray>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>
#include <memory>

namespace kete::test {

struct CommandResult {
  int exitCode = -1;
  QByteArray out;
  QByteArray err;
};

class ServerProcess {
 public:
  // An empty dataDir means a fresh temporary folder removed with this object.
  explicit ServerProcess(const QString& dataDir = {});
  ~ServerProcess();

  static QString binary();
  // Runs a kete-server command to completion (seed-demo, admin create-user, --version, ...).
  static CommandResult run(const QStringList& args, const QByteArray& input = {}, int timeoutMs = 60000);

  // A command that runs the server, e.g. {"faketime", "-f", "-3h"} for a server whose clock is
  // three hours behind (used by start()).
  void setWrapper(const QStringList& wrapper) { m_wrapper = wrapper; }
  // Starts `serve` on 127.0.0.1:0 and waits until it listens; false with the reason in log().
  bool start(const QStringList& extraArgs = {});
  // SIGTERM, then waits; returns the exit code (or -1 if it had to be killed).
  int stop();
  void kill();

  QString dataDir() const { return m_dataDir; }
  QUrl url(const QString& path) const;
  QString fingerprint() const { return m_fingerprint; }
  int port() const { return m_port; }
  qint64 pid() const { return m_process.processId(); }
  QByteArray log();  // everything the server wrote to standard error so far
  QByteArray output() const { return m_out; }

 private:
  void signalServer(const char* signal);
  std::unique_ptr<QTemporaryDir> m_tempDir;
  QString m_dataDir;
  QStringList m_wrapper;
  QProcess m_process;
  QByteArray m_out;
  QByteArray m_err;
  QString m_fingerprint;
  int m_port = 0;
};

}  // namespace kete::test
