#pragma once
// The real kete-server, started as a child process on a random loopback port with its own data folder.
#include <QByteArray>
#include <QProcess>
#include <QSslSocket>
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

  // The path of libfaketime's preload library, or empty when it is not installed.
  static QString fakeTimeLibrary();
  // Runs the server (from the next start()) with its clock moved by `offset` in libfaketime's
  // relative form ("-3h", "+3h"). The library is preloaded directly rather than through the
  // `faketime` wrapper: the wrapper keeps a semaphore named after its own process id, which it
  // leaves behind when it is stopped by a signal, and a later wrapper given the same id then
  // cannot start.
  void setClockOffset(const QString& offset) { m_clockOffset = offset; }
  // Runs the server (from the next start()) allowed this many open descriptors, soft and hard
  // limit alike (as `ulimit -n` would); 0 leaves the limit as it is.
  void setOpenFileLimit(int limit) { m_openFileLimit = limit; }
  // Writes a config file for `serve --config` beside the data folder; its path, or empty.
  QString writeConfig(const QByteArray& json) const;
  // A TLS connection to the running server on which a test writes a request's bytes itself.
  std::unique_ptr<QSslSocket> rawConnection() const;
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
  std::unique_ptr<QTemporaryDir> m_tempDir;
  QString m_dataDir;
  QString m_clockOffset;
  int m_openFileLimit = 0;
  QProcess m_process;
  QByteArray m_out;
  QByteArray m_err;
  QString m_fingerprint;
  int m_port = 0;
};

}  // namespace kete::test
