#include "core/profile/csv_table.h"

#include <charconv>
#include <cmath>

#include "core/common/bounded_read.h"
#include "core/common/input_error.h"

namespace amla {
namespace {

std::string trimmed(std::string s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

}  // namespace

CsvTable::CsvTable(std::string_view text, const std::string& source_name) : source_(source_name) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a UTF-8 byte order mark
  std::vector<std::string> row;
  std::string field;
  std::uint64_t line = 1, row_line = 1;
  bool quoted = false, field_started = false;
  const auto end_row = [&] {
    row.push_back(trimmed(std::move(field)));
    field.clear();
    field_started = false;
    while (row.size() > 1 && row.back().empty()) row.pop_back();
    const bool blank = row.size() == 1 && row[0].empty();
    if (!blank) {
      if (header_.empty()) {
        header_ = std::move(row);
      } else {
        if (row.size() > header_.size()) {
          throw InputError(source_ + ", line " + std::to_string(row_line),
                           std::to_string(row.size()) + " fields",
                           "the header has " + std::to_string(header_.size()) + " columns");
        }
        rows_.push_back(std::move(row));
        lines_.push_back(row_line);
      }
    }
    row.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
    } else if (c == '"' && !field_started) {
      quoted = true;
      field_started = true;
    } else if (c == ',') {
      row.push_back(trimmed(std::move(field)));
      field.clear();
      field_started = false;
    } else if (c == '\n') {
      end_row();
      row_line = ++line;
    } else {
      if (c != ' ' && c != '\t') field_started = true;
      field += c;
    }
  }
  if (quoted) {
    throw InputError(source_ + ", line " + std::to_string(row_line), "a quoted field",
                     "not closed before the end of the file");
  }
  if (!field.empty() || !row.empty()) end_row();
  if (header_.empty()) throw InputError(source_ + ", line 1", "empty", "expected a header row");
}

std::optional<std::size_t> CsvTable::column(const std::string& name) const {
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == name) return i;
  }
  return std::nullopt;
}

const std::string& CsvTable::field(std::size_t row, std::size_t col) const {
  static const std::string kEmpty;
  const auto& r = rows_[row];
  return col < r.size() ? r[col] : kEmpty;
}

std::string CsvTable::where(std::size_t row, std::size_t col) const {
  return source_ + ", line " + std::to_string(lines_[row]) + ": " +
         (col < header_.size() ? header_[col] : "column " + std::to_string(col + 1));
}

std::optional<double> csv_number(const std::string& text, const std::string& at) {
  if (text.empty() || text == "NA" || text == "N/A") return std::nullopt;
  double v = 0;
  const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size() || !std::isfinite(v)) {
    throw InputError(at, "\"" + printable_excerpt(text, 40) + "\"", "expected a number");
  }
  return v;
}

}  // namespace amla
