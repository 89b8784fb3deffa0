#pragma once
// The one error type for bad outside input (flags, files, GUI fields). It names the field, the
// offending value and the limit, so the CLI can print one line and exit 2 and the GUI can show
// the message next to the field.
#include <stdexcept>
#include <string>

namespace amla {

class InputError : public std::runtime_error {
 public:
  InputError(std::string field, std::string value, std::string limit)
      : std::runtime_error(field + ": " + value + " (" + limit + ")"),
        field_(std::move(field)),
        value_(std::move(value)),
        limit_(std::move(limit)) {}

  const std::string& field() const { return field_; }
  const std::string& value() const { return value_; }
  const std::string& limit() const { return limit_; }

 private:
  std::string field_;
  std::string value_;
  std::string limit_;
};

}  // namespace amla
