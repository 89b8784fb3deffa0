#pragma once
// Units as the screen spells them. The core's tables and the CLI write microseconds as "us"
// (plain ASCII for terminals, CSV and JSON); every label, axis, table cell and tooltip on screen
// says "µs".
#include <QString>
#include <string>
#include <string_view>

namespace amla::ui {

// A unit from a core table: "us" becomes "µs", any other unit is kept.
QString screen_unit(std::string_view unit);

// The unit after a count: the parameters' units are plural count nouns ("parts", "tokens"),
// singular after one ("1 part"). Abbreviations ("us", "ms", "B") and symbols are kept.
QString screen_count_unit(std::string_view unit, long long count);

// A value or label formatted by the core ("504.42 us", "dispatch combine us per token"): the
// word "us" becomes "µs".
QString screen_text(const std::string& text);
QString screen_text(const QString& text);

}  // namespace amla::ui
