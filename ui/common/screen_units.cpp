#include "ui/common/screen_units.h"

#include <QRegularExpression>

#include "ui/common/qt_text.h"

namespace amla::ui {

QString screen_unit(std::string_view unit) {
  if (unit == "us") return QStringLiteral("\u00b5s");
  return qs(unit);
}

QString screen_count_unit(std::string_view unit, long long count) {
  const bool plural_noun =
      unit.size() >= 3 && unit.back() == 's' &&
      unit.find_first_not_of("abcdefghijklmnopqrstuvwxyz") == std::string_view::npos;
  if (count == 1 && plural_noun) unit.remove_suffix(1);
  return screen_unit(unit);
}

QString screen_text(const QString& text) {
  static const QRegularExpression microseconds(QStringLiteral("\\bus\\b"));
  QString shown = text;
  return shown.replace(microseconds, QStringLiteral("\u00b5s"));
}

QString screen_text(const std::string& text) { return screen_text(QString::fromStdString(text)); }

}  // namespace amla::ui
