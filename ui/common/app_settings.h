#pragma once
// Where the studio keeps what it remembers between sessions (window layout, recent files).
#include <QSettings>

namespace amla::ui {

inline QSettings app_settings() {
  return QSettings(QStringLiteral("AMLA Studio"), QStringLiteral("amla-studio"));
}

}  // namespace amla::ui
