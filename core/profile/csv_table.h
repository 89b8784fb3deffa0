#pragma once
// A small CSV reader for msprof op's CSVs: a header row, then data rows, fields optionally in
// double quotes ("" for a quote). Keeps each row's line number for messages; refuses rows with
// more fields than the header (trailing empty fields, which msprof writes, are dropped).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace amla {

class CsvTable {
 public:
  // Throws InputError("<source>, line N", ...) for an unterminated quote or a ragged row.
  CsvTable(std::string_view text, const std::string& source_name);

  const std::vector<std::string>& header() const { return header_; }
  // The column named `name` (exact, after trimming spaces), or nullopt.
  std::optional<std::size_t> column(const std::string& name) const;
  std::size_t rows() const { return rows_.size(); }
  // Field `col` of data row `row` ("" when the row is short).
  const std::string& field(std::size_t row, std::size_t col) const;
  std::uint64_t line_of(std::size_t row) const { return lines_[row]; }
  // "<source>, line N: column" for messages.
  std::string where(std::size_t row, std::size_t col) const;

 private:
  std::string source_;
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<std::uint64_t> lines_;
};

// A field as a number: nullopt for "", "NA", "N/A" (msprof's "not applicable"); InputError(at,
// text, "a number") for anything else that is not a finite number.
std::optional<double> csv_number(const std::string& text, const std::string& at);

}  // namespace amla
