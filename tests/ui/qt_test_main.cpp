// The main() of every UI test program: Qt's offscreen platform unless one is set (no display
// needed, also when started by hand or by test discovery), QSettings kept away from the user's
// configuration and from every other test process (ctest runs tests of one program in parallel
// processes: sharing one settings file, a test that saves a dialog's settings and reads them
// back could read another's), then GoogleTest.
#include <gtest/gtest.h>

#include <QApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QStandardPaths::setTestModeEnabled(true);
  QApplication app(argc, argv);
  const QTemporaryDir settings;  // this process's own, removed when it ends
  if (settings.isValid()) {
    for (const QSettings::Format format : {QSettings::NativeFormat, QSettings::IniFormat}) {
      QSettings::setPath(format, QSettings::UserScope, settings.path());
    }
  }
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
