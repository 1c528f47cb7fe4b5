#include "server_process.h"

#include <sys/resource.h>

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace kete::test {

ServerProcess::ServerProcess(const QString& dataDir) {
  if (dataDir.isEmpty()) {
    m_tempDir = std::make_unique<QTemporaryDir>();
    m_dataDir = m_tempDir->path() + "/data";
  } else {
    m_dataDir = dataDir;
  }
}

ServerProcess::~ServerProcess() {
  if (m_process.state() != QProcess::NotRunning) stop();
}

QString ServerProcess::binary() { return QStringLiteral(KETE_SERVER_BINARY); }

CommandResult ServerProcess::run(const QStringList& args, const QByteArray& input, int timeoutMs) {
  QProcess p;
  p.start(binary(), args);
  CommandResult r;
  if (!p.waitForStarted()) return r;
  if (!input.isEmpty()) p.write(input);
  p.closeWriteChannel();
  if (!p.waitForFinished(timeoutMs)) {
    p.kill();
    p.waitForFinished();
  }
  r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  r.out = p.readAllStandardOutput();
  r.err = p.readAllStandardError();
  return r;
}

QString ServerProcess::writeConfig(const QByteArray& json) const {
  QDir().mkpath(m_dataDir);
  QFile file(m_dataDir + "/../kete-test.json");
  if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size()) return {};
  return QFileInfo(file).absoluteFilePath();
}

std::unique_ptr<QSslSocket> ServerProcess::rawConnection() const {
  auto socket = std::make_unique<QSslSocket>();
  socket->setPeerVerifyMode(QSslSocket::VerifyNone);
  socket->connectToHostEncrypted("127.0.0.1", quint16(m_port));
  if (!socket->waitForEncrypted(10000)) return nullptr;
  return socket;
}

bool ServerProcess::start(const QStringList& extraArgs) {
  m_out.clear();
  m_err.clear();
  m_port = 0;
  QStringList args{"serve", "--data", m_dataDir};
  if (!extraArgs.contains("--listen")) args << "--listen" << "127.0.0.1:0";
  args << extraArgs;
  QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
  if (!m_clockOffset.isEmpty()) {
    const QString library = fakeTimeLibrary();
    if (library.isEmpty()) {
      m_err = "libfaketime is not installed (scripts/setup installs it)";
      return false;
    }
    const QString preload = environment.value("LD_PRELOAD");
    environment.insert("LD_PRELOAD", preload.isEmpty() ? library : preload + ":" + library);
    environment.insert("FAKETIME", m_clockOffset);
  }
  m_process.setProcessEnvironment(environment);
#ifdef RLIMIT_NOFILE
  if (m_openFileLimit > 0)
    m_process.setChildProcessModifier([limit = rlim_t(m_openFileLimit)] {
      const rlimit both{limit, limit};
      ::setrlimit(RLIMIT_NOFILE, &both);
    });
#endif
  m_process.start(binary(), args);
  if (!m_process.waitForStarted()) return false;
  static const QRegularExpression listening(R"(listening on https://127\.0\.0\.1:(\d+))");
  static const QRegularExpression fingerprint(R"(fingerprint: ([0-9A-F:]{95}))");
  QDeadlineTimer deadline(30000);
  while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
    m_process.waitForReadyRead(200);
    m_out += m_process.readAllStandardOutput();
    m_err += m_process.readAllStandardError();
    const QString text = QString::fromUtf8(m_out);
    if (auto m = listening.match(text); m.hasMatch()) {
      m_port = m.captured(1).toInt();
      m_fingerprint = fingerprint.match(text).captured(1);
      return true;
    }
  }
  m_out += m_process.readAllStandardOutput();
  m_err += m_process.readAllStandardError();
  return false;
}

int ServerProcess::stop() {
  if (m_process.state() == QProcess::NotRunning) return m_process.exitCode();
  m_process.terminate();
  if (!m_process.waitForFinished(15000)) {
    kill();
    return -1;
  }
  m_out += m_process.readAllStandardOutput();
  m_err += m_process.readAllStandardError();
  return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

QString ServerProcess::fakeTimeLibrary() {
#ifdef KETE_FAKETIME_LIBRARY
  return QStringLiteral(KETE_FAKETIME_LIBRARY);
#else
  return {};
#endif
}

void ServerProcess::kill() {
  m_process.kill();
  m_process.waitForFinished();
}

QUrl ServerProcess::url(const QString& path) const {
  return QUrl(QStringLiteral("https://127.0.0.1:%1%2").arg(m_port).arg(path));
}

QByteArray ServerProcess::log() {
  m_err += m_process.readAllStandardError();
  return m_err;
}

}  // namespace kete::test
