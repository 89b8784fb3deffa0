#pragma once
// A small, strict command-line flag reader over one command's flag table: "--name value",
// "--name=value" and bare "--flag"; the last occurrence of a flag wins. Every lookup consumes its
// tokens; finish() rejects whatever no one asked for, so a typo is an error naming the flag (and
// the nearest real one) rather than a silently ignored option. Defaults and ranges come from the
// table; looking up a flag the table lacks, or with the wrong kind, is a programming error
// (std::logic_error). Bad values throw InputError.
#include <optional>
#include <string>
#include <vector>

#include "app/cli/flag_spec.h"

namespace amla::cli {

class ArgList {
 public:
  // `command` names the command in messages ("see amla-cli help simulate"). Throws InputError
  // for a flag the table lacks, unless help was asked for.
  ArgList(std::vector<std::string> tokens, const FlagTable& table, std::string command);

  // --help or -h where a flag may stand (not as the value of a flag before it).
  bool help_requested() const { return help_requested_; }

  bool flag(const std::string& name);  // kBare
  // The value of any flag that takes one; a required flag that is missing throws InputError.
  std::optional<std::string> value(const std::string& name);
  // The value, or the table's default text.
  std::string text(const std::string& name);
  // kRepeated: every value in order ("--param A=1,2 --param B=3").
  std::vector<std::string> values(const std::string& name);
  bool has(const std::string& name) const;
  // kInteger / kReal: the value checked against the table's range, or the table's default.
  long long integer(const std::string& name);
  double real(const std::string& name);
  // Text that belongs to a flag (a part of its value, a word it also accepts) checked against
  // that flag's range; errors name the flag.
  long long integer_of(const std::string& name, const std::string& text) const;
  double real_of(const std::string& name, const std::string& text) const;
  // The first token nobody consumed that is not a flag (for `help COMMAND`).
  std::optional<std::string> positional();
  // Whether the call starts with `word` (a subcommand: `sweep merge ...`); consumes it if so.
  bool take_leading_word(const std::string& word);
  // Throws InputError for the first token nobody consumed (std::logic_error when that token is
  // a flag of the table: the command declares a flag it does not read).
  void finish() const;

  const FlagSpec& spec(const std::string& name) const;

 private:
  const FlagSpec& spec(const std::string& name, FlagKind kind) const;
  std::optional<std::string> take_last(const std::string& name);
  [[noreturn]] void reject_unknown(const std::string& token) const;

  struct Token {
    std::string text;
    bool used = false;
  };
  std::vector<Token> tokens_;
  FlagTable table_;
  std::string command_;
  bool help_requested_ = false;
};

long long parse_integer(const std::string& field, const std::string& text, long long min,
                        long long max);
double parse_real(const std::string& field, const std::string& text, double min, double max);

}  // namespace amla::cli
