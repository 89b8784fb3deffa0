#pragma once
// The core's text (UTF-8 in std::string_view: names, units, help from its tables) as Qt text.
#include <QString>
#include <string_view>

namespace amla::ui {

inline QString qs(std::string_view text) {
  return QString::fromUtf8(text.data(), static_cast<int>(text.size()));
}

}  // namespace amla::ui
