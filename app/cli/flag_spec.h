#pragma once
// One command-line flag, declared once in its command's table: name, value syntax, meaning,
// default and range. ArgList parses with the table (so a default or a bound cannot differ from
// what the help says) and the help text and the man page are printed from it.
#include <cstdint>
#include <string>
#include <vector>

namespace amla::cli {

enum class FlagKind : std::uint8_t {
  kBare,      // --json: present or not
  kInteger,   // --width 1920: a whole number in [min, max] (optionally also a word, see words)
  kReal,      // --scale 0.04: a finite number in [real_min, real_max]
  kText,      // --trace FILE, --dist NAME: text, checked by the command (choices, if any, listed)
  kRepeated,  // --param NAME=V1,V2: may be given several times, every value kept
};

struct FlagSpec {
  std::string name;  // without the dashes: "width"
  FlagKind kind = FlagKind::kText;
  std::string metavar;  // "W", "FILE"; empty for bare flags
  std::string help;     // one sentence: what it does
  std::string group;    // the heading it is listed under ("Output", "Tiling", ...)
  std::string unit;     // "tokens", "pixels"; "" when the value has none
  bool required = false;
  // The default as the help shows it ("1920", "half the available memory"); "" for none.
  std::string default_text;
  // What values are accepted, as the help shows it ("an integer in [16, 16384]"); "" for any.
  std::string range_text;
  long long int_default = 0, min = 0, max = 0, multiple_of = 1;  // kInteger
  double real_default = 0, real_min = 0, real_max = 0;           // kReal
  // kText: the accepted names, when the set is closed. kInteger: words accepted besides a
  // number ("none" for --clamp).
  std::vector<std::string> choices;

  bool takes_value() const { return kind != FlagKind::kBare; }
};

using FlagTable = std::vector<FlagSpec>;

FlagSpec bare_flag(std::string name, std::string help);
FlagSpec integer_flag(std::string name, std::string metavar, std::string help,
                      long long default_value, long long min, long long max);
FlagSpec real_flag(std::string name, std::string metavar, std::string help, double default_value,
                   double min, double max);
// A text value; `default_text` is the value used when the flag is absent ("" for none).
FlagSpec text_flag(std::string name, std::string metavar, std::string help,
                   std::string default_text = "");
// A text value from a closed set of names (metavar NAME).
FlagSpec choice_flag(std::string name, std::string help, std::vector<std::string> choices,
                     std::string default_text = "");
FlagSpec repeated_flag(std::string name, std::string metavar, std::string help);

// Sets the group of every flag of `table` that has none yet, and returns the table.
FlagTable in_group(std::string group, FlagTable table);
// `a` then `b`.
FlagTable concat(FlagTable a, const FlagTable& b);
// The flag named `name` in `table`, or nullptr.
const FlagSpec* find_flag(const FlagTable& table, const std::string& name);

// A real as the help and the error messages print it: shortest round-trip text ("1e-30", "0.5").
std::string format_real(double value);
// "an integer in [16, 16384]", "a finite number in [0, 4]", "one of a, b, c".
std::string integer_range_text(long long min, long long max);
std::string real_range_text(double min, double max);
std::string choices_text(const std::vector<std::string>& choices);

// How the flag is written: "--width W", "--json".
std::string flag_usage(const FlagSpec& f);
// What it takes, for the help and the man page: "an integer in [16, 16384] pixels; default
// 1920" (range, unit, default, required, repeatable); "" when there is nothing to say.
std::string value_description(const FlagSpec& f);

}  // namespace amla::cli
