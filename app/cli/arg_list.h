#pragma once
// A small, strict command-line flag reader: "--name value", "--name=value" and bare "--flag".
// Every lookup consumes its tokens; finish() rejects whatever no one asked for, so a typo is an
// error naming the flag rather than a silently ignored option. Bad values throw InputError.
#include <optional>
#include <string>
#include <vector>

namespace amla::cli {

class ArgList {
 public:
  explicit ArgList(std::vector<std::string> tokens);

  bool flag(const std::string& name);
  std::optional<std::string> value(const std::string& name);
  // Every value of a flag that may be repeated ("--param A=1,2 --param B=3"), in order.
  std::vector<std::string> values(const std::string& name);
  bool has(const std::string& name) const;
  long long integer(const std::string& name, long long fallback, long long min, long long max);
  double real(const std::string& name, double fallback, double min, double max);
  // Throws InputError for the first token nobody consumed.
  void finish() const;

 private:
  struct Token {
    std::string text;
    bool used = false;
  };
  std::vector<Token> tokens_;
};

long long parse_integer(const std::string& field, const std::string& text, long long min,
                        long long max);
double parse_real(const std::string& field, const std::string& text, double min, double max);

}  // namespace amla::cli
