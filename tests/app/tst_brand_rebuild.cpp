// A business rebrands kete-client with a folder under resources/brands/ and a rebuild, no code.
// Both builds are run as real programs under the display; each window must carry its own
// brand's name and colours, and never the other's.
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Brand {
  QString appName;
  QColor primary;
  QColor background;
};

Brand readBrand(const QString& dir) {
  QFile f(dir + "/brand.json");
  if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(f.fileName()));
  const auto o = QJsonDocument::fromJson(f.readAll()).object();
  const auto colours = o.value("colours").toObject();
  return {o.value("client_app_name").toString(), QColor(colours.value("primary").toString()),
          QColor(colours.value("background").toString())};
}

// How many pixels have exactly this colour.
int pixelsOf(const QImage& image, const QColor& colour) {
  int n = 0;
  const QRgb want = colour.rgb();
  for (int y = 0; y < image.height(); ++y)
    for (int x = 0; x < image.width(); ++x) n += (image.pixel(x, y) & 0xFFFFFF) == (want & 0xFFFFFF);
  return n;
}

}  // namespace

class BrandRebuild : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;

  QImage run(const QString& program, QString* title) {
    const QString png = m_dir.path() + "/" + QFileInfo(program).fileName() + ".png";
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("XDG_CONFIG_HOME", m_dir.path() + "/config");  // no remembered server or session
    env.insert("XDG_DATA_HOME", m_dir.path() + "/data");
    p.setProcessEnvironment(env);
    p.start(program, {"--screenshot", png});
    if (!p.waitForFinished(30000) || p.exitCode() != 0) {
      qWarning() << p.readAllStandardError();
      return {};
    }
    for (const auto& line : QString::fromUtf8(p.readAllStandardOutput()).split('\n'))
      if (line.startsWith("window: ")) *title = line.mid(8);
    return QImage(png);
  }

 private slots:
  // The option bench/window_start times starts with: it reports the first usable window (here the
  // sign-in page, nothing being saved) and quits by itself.
  void startupTimeIsReportedAndTheAppQuits() {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("XDG_CONFIG_HOME", m_dir.path() + "/config-start");
    env.insert("XDG_DATA_HOME", m_dir.path() + "/data-start");
    p.setProcessEnvironment(env);
    p.start(KETE_CLIENT_BINARY, {"--startup-time"});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    const auto match = QRegularExpression(R"(usable window after ([0-9.]+) ms \(sign-in page\))").match(out);
    QVERIFY2(match.hasMatch(), qPrintable(out));
    QVERIFY(match.captured(1).toDouble() > 0);
  }

  void eachBuildCarriesItsOwnBrand() {
    const Brand main = readBrand(KETE_BRAND_DIR), other = readBrand(KETE_REBRAND_DIR);
    QVERIFY(main.appName != other.appName);
    QVERIFY(main.primary != other.primary);
    QString mainTitle, otherTitle;
    const QImage mainShot = run(KETE_CLIENT_BINARY, &mainTitle);
    const QImage otherShot = run(KETE_REBRAND_BINARY, &otherTitle);
    QVERIFY(!mainShot.isNull());
    QVERIFY(!otherShot.isNull());
    QCOMPARE(mainTitle, main.appName);
    QCOMPARE(otherTitle, other.appName);
    // The window is painted in its brand's background and primary colour, not the other's.
    const int area = mainShot.width() * mainShot.height();
    QVERIFY2(pixelsOf(mainShot, main.background) > area / 4, "the main build's background is not its brand's");
    QVERIFY2(pixelsOf(otherShot, other.background) > area / 4, "the rebuilt client's background is not its brand's");
    QVERIFY(pixelsOf(mainShot, main.primary) > 50);
    QVERIFY(pixelsOf(otherShot, other.primary) > 50);
    QCOMPARE(pixelsOf(otherShot, main.primary), 0);
    QCOMPARE(pixelsOf(mainShot, other.primary), 0);
    QFile::copy(m_dir.path() + "/" + QFileInfo(KETE_REBRAND_BINARY).fileName() + ".png",
                KETE_SCREENSHOT_DIR "/client-rebrand-sign-in.png");
  }
};

QTEST_GUILESS_MAIN(BrandRebuild)
#include "tst_brand_rebuild.moc"
