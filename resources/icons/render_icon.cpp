// Build-time helper: renders the SVG icon to the hicolor PNG sizes, so the PNGs never drift from
// the one committed drawing.
//   amla_render_icon ICON.svg OUT_DIR SIZE...   writes OUT_DIR/<N>x<N>/apps/<icon name>.png
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <cstdio>
#include <cstdlib>

int main(int argc, char* argv[]) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s ICON.svg OUT_DIR SIZE...\n", argv[0]);
    return 2;
  }
  // The icon has text, and fonts need a QGuiApplication; offscreen needs no display.
  qputenv("QT_QPA_PLATFORM", "offscreen");
  // Builds often run without XDG_RUNTIME_DIR; Qt's complaint about it is noise in the build log.
  qInstallMessageHandler([](QtMsgType type, const QMessageLogContext&, const QString& message) {
    if (!message.startsWith(QStringLiteral("QStandardPaths:"))) {
      std::fprintf(stderr, "%s\n", qPrintable(message));
    }
    if (type == QtFatalMsg) std::abort();
  });
  QGuiApplication app(argc, argv);
  const QString svg = QString::fromLocal8Bit(argv[1]);
  QSvgRenderer renderer(svg);
  if (!renderer.isValid()) {
    std::fprintf(stderr, "amla_render_icon: cannot read %s\n", argv[1]);
    return 1;
  }
  const QString name = QFileInfo(svg).completeBaseName();
  for (int i = 3; i < argc; ++i) {
    bool ok = false;
    const int size = QString::fromLatin1(argv[i]).toInt(&ok);
    if (!ok || size <= 0 || size > 1024) {
      std::fprintf(stderr, "amla_render_icon: bad size %s\n", argv[i]);
      return 2;
    }
    const QString dir =
        QStringLiteral("%1/%2x%2/apps").arg(QString::fromLocal8Bit(argv[2])).arg(size);
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    renderer.render(&painter);
    painter.end();
    const QString path = QStringLiteral("%1/%2.png").arg(dir, name);
    if (!QDir().mkpath(dir) || !image.save(path, "PNG")) {
      std::fprintf(stderr, "amla_render_icon: cannot write %s\n", qPrintable(path));
      return 1;
    }
  }
  return 0;
}
