// Opens many idle connections to one HTTPS server and keeps them open, for measuring what each
// costs the server:
//   kete-bench-idle-sockets live  PORT COUNT TOKEN   live-update WebSockets (GET /api/v1/sync/live)
//   kete-bench-idle-sockets https PORT COUNT PATH    keep-alive HTTPS connections after one GET
// Connections are opened at most 64 at a time. When all are open it prints "open N" and waits for
// lines on standard input: "listen" (sent just before the push that should reach them all) starts
// a clock and prints when the first and the last socket heard something (or gives up after 10 s);
// end of input closes everything and exits.
// Certificates are not checked: this is a loopback benchmark, never a client.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QList>
#include <QSocketNotifier>
#include <QSslSocket>
#include <QTextStream>
#include <QTimer>
#include <cstdio>
#include <memory>

namespace {

struct Run {
  QString mode;
  quint16 port = 0;
  int count = 0;
  QByteArray argument;
  int started = 0;
  int open = 0;
  int failed = 0;
  int inFlight = 0;
  bool listening = false;
  int heard = 0;
  QElapsedTimer clock;
  qint64 firstHeardNs = 0;
  QList<QSslSocket*> sockets;
  QList<bool> heardBy;
};

QByteArray requestFor(const Run& run) {
  if (run.mode == "live")
    return "GET /api/v1/sync/live HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer " +
           run.argument + "\r\n\r\n";
  return "GET " + run.argument + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
}

void report(Run& run) {
  std::printf("heard %d of %d: the first %.1f ms after the push was sent, the last %.1f ms after it\n", run.heard, run.open,
              double(run.firstHeardNs) / 1e6, double(run.clock.nsecsElapsed()) / 1e6);
  std::fflush(stdout);
  run.listening = false;
}

void openMore(Run& run) {
  while (run.started < run.count && run.inFlight < 64) {
    const int index = run.started++;
    ++run.inFlight;
    auto* socket = new QSslSocket(qApp);
    run.sockets.append(socket);
    run.heardBy.append(false);
    socket->setPeerVerifyMode(QSslSocket::VerifyNone);
    auto answered = std::make_shared<bool>(false);
    QObject::connect(socket, &QSslSocket::encrypted, socket, [socket, &run] { socket->write(requestFor(run)); });
    QObject::connect(socket, &QSslSocket::readyRead, socket, [socket, answered, index, &run] {
      const QByteArray data = socket->readAll();
      if (!*answered) {
        *answered = true;
        --run.inFlight;
        const bool ok = run.mode == "live" ? data.startsWith("HTTP/1.1 101") : data.startsWith("HTTP/1.1 200");
        if (ok) ++run.open; else ++run.failed;
        if (!ok && run.failed == 1) std::fprintf(stderr, "refused: %s\n", data.left(200).constData());
        if (run.open + run.failed == run.count) {
          std::printf("open %d (%d refused)\n", run.open, run.failed);
          std::fflush(stdout);
        }
        openMore(run);
        return;
      }
      if (run.listening && !run.heardBy[index]) {
        run.heardBy[index] = true;
        if (run.heard == 0) run.firstHeardNs = run.clock.nsecsElapsed();
        if (++run.heard == run.open) report(run);
      }
    });
    QObject::connect(socket, &QSslSocket::errorOccurred, socket, [socket, answered, &run](QAbstractSocket::SocketError) {
      if (*answered) return;
      *answered = true;
      --run.inFlight;
      if (++run.failed == 1) std::fprintf(stderr, "failed: %s\n", qPrintable(socket->errorString()));
      if (run.open + run.failed == run.count) {
        std::printf("open %d (%d refused)\n", run.open, run.failed);
        std::fflush(stdout);
      }
      openMore(run);
    });
    socket->connectToHostEncrypted("127.0.0.1", run.port);
  }
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  const auto args = app.arguments();
  if (args.size() != 5 || (args[1] != "live" && args[1] != "https")) {
    std::fprintf(stderr, "usage: %s live|https PORT COUNT TOKEN|PATH\n", argv[0]);
    return 2;
  }
  Run run;
  run.mode = args[1];
  run.port = static_cast<quint16>(args[2].toUInt());
  run.count = args[3].toInt();
  run.argument = args[4].toUtf8();
  openMore(run);

  QSocketNotifier input(0, QSocketNotifier::Read);
  QObject::connect(&input, &QSocketNotifier::activated, &app, [&] {
    char line[64];
    if (!std::fgets(line, sizeof line, stdin)) {
      input.setEnabled(false);
      for (auto* s : run.sockets) s->abort();
      app.quit();
      return;
    }
    if (QByteArray(line).trimmed() == "listen") {
      run.heard = 0;
      for (auto& h : run.heardBy) h = false;
      run.listening = true;
      run.clock.start();
      QTimer::singleShot(10000, &app, [&run] { if (run.listening) report(run); });
    }
  });
  return app.exec();
}
