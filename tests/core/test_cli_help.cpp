// amla-cli's help, man page and flag tables: each command's help lists every flag of its table
// (simulate's and sweep's every kernel parameter of the schema, by name, range and default); the
// table and the parsing agree (every flag is read, every default and bound is accepted, one past
// a bound is refused naming the flag, a default given explicitly changes nothing); unknown
// commands and flags name the nearest real one; the man page holds every command and flag.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

#include "app/cli/arg_list.h"
#include "app/cli/commands.h"
#include "app/cli/run_config_flags.h"
#include "core/common/input_error.h"
#include "core/common/version.h"
#include "core/kernel/kernel_params.h"
#include "core/sweep/knobs.h"
#include "tests/core/cli_runner.h"

namespace amla::cli {
namespace {

namespace fs = std::filesystem;
using testing::CliResult;
using testing::run_cli;

// Help text with every run of whitespace as one space, so wrapped lines read as one.
std::string flat(const std::string& text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The man page's escaping of text users type.
std::string roff_code(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '-' ? std::string("\\-") : std::string(1, c);
  return out;
}

const fs::path& scratch() {
  static const fs::path dir = [] {
    const fs::path d = fs::temp_directory_path() / ("amla_cli_help_" + std::to_string(getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

TEST(CliHelp, EveryFormPrintsTheSameHelpToStdoutAndExitsZero) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"--help"}, {"-h"}, {"help"}}) {
    const CliResult r = run_cli(args);
    EXPECT_EQ(r.code, 0) << args[0];
    EXPECT_TRUE(r.err.empty()) << r.err;
    for (const CommandSpec& c : cli_commands()) {
      EXPECT_TRUE(contains(r.out, "  " + c.name + " ")) << c.name;
      EXPECT_TRUE(contains(flat(r.out), c.summary)) << c.name;
    }
    EXPECT_TRUE(contains(r.out, "amla-cli help COMMAND")) << r.out;
  }
  for (const CommandSpec& c : cli_commands()) {
    const CliResult help = run_cli({"help", c.name});
    ASSERT_EQ(help.code, 0) << c.name << ": " << help.err;
    EXPECT_TRUE(contains(help.out, "Usage: amla-cli " + c.name)) << help.out;
    for (const char* form : {"--help", "-h"}) {
      const CliResult r = run_cli({c.name, form});
      EXPECT_EQ(r.code, 0) << c.name << " " << form << ": " << r.err;
      EXPECT_EQ(r.out, help.out) << c.name << " " << form;
    }
    // Anywhere a flag may stand, even after other flags.
    EXPECT_EQ(run_cli({c.name, "--json", "--help"}).out, help.out) << c.name;
  }
}

TEST(CliHelp, NoCommandPrintsTheOverviewOnStderrAndExitsTwo) {
  const CliResult r = run_cli({});
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(r.out.empty());
  EXPECT_TRUE(contains(r.err, "amla-cli help COMMAND"));
}

TEST(CliHelp, HelpAfterAFlagThatTakesAValueIsThatValue) {
  const CliResult r = run_cli({"bits", "--value", "-h"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err.rfind("amla-cli: --value: -h", 0), 0u) << r.err;
}

TEST(CliHelp, VersionIsTheProjectVersion) {
  const CliResult r = run_cli({"--version"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, std::string("amla-cli ") + version_string() + "\n");
}

TEST(CliHelp, EveryFlagOfEveryTableIsInItsCommandsHelp) {
  for (const CommandSpec& c : cli_commands()) {
    const std::string help = flat(run_cli({"help", c.name}).out);
    std::set<std::string> names;
    for (const FlagSpec& f : c.flags) {
      SCOPED_TRACE(c.name + " --" + f.name);
      EXPECT_TRUE(names.insert(f.name).second) << "declared twice";
      EXPECT_FALSE(f.help.empty());
      EXPECT_TRUE(contains(help, flag_usage(f) + " " + flat(f.help)));
      EXPECT_TRUE(contains(help, flat(value_description(f))));
      if (f.kind == FlagKind::kInteger || f.kind == FlagKind::kReal) {
        EXPECT_FALSE(f.range_text.empty());
        EXPECT_FALSE(f.default_text.empty());
      }
      if (!f.range_text.empty()) {
        EXPECT_TRUE(contains(help, flat(f.range_text)));
      }
      if (!f.default_text.empty()) {
        EXPECT_TRUE(contains(help, "default " + flat(f.default_text)));
      }
      for (const std::string& choice : f.choices) {
        EXPECT_TRUE(contains(help, " " + choice + (&choice == &f.choices.back() ? "" : ",")))
            << choice;
      }
    }
  }
}

TEST(CliHelp, SimulateAndSweepListEveryKernelParameterWithRangeAndDefault) {
  for (const char* command : {"simulate", "sweep"}) {
    const std::string help = flat(run_cli({command, "--help"}).out);
    for (const ParamDef& p : kernel_params()) {
      SCOPED_TRACE(std::string(command) + " " + std::string(p.id));
      const std::string flag = "--" + std::string(p.flag);
      const std::string rendered = flat(render_param_refs(std::string(p.help), ParamNaming::kFlag));
      EXPECT_TRUE(
          contains(help, flag + " " + (p.type == ParamType::kChoice ? "NAME " : "N ") + rendered));
      EXPECT_TRUE(contains(help, rendered + " " + param_range_text(p)));
      EXPECT_TRUE(contains(help, "default " + format_param_value(p, p.get(KernelConfig{}))));
    }
  }
  // Sweep takes exactly simulate's run flags.
  const FlagTable run_flags = run_config_flag_table();
  for (const char* command : {"simulate", "sweep"}) {
    const FlagTable& table = require_command(command).flags;
    for (const FlagSpec& f : run_flags) {
      EXPECT_TRUE(find_flag(table, f.name)) << command << " lacks --" << f.name;
    }
  }
}

TEST(CliHelp, SynopsesAndExamplesUseOnlyFlagsOfTheirCommand) {
  const std::regex flag_re("--([a-z][a-z0-9-]*)");
  for (const CommandSpec& c : cli_commands()) {
    for (auto it = std::sregex_iterator(c.synopsis.begin(), c.synopsis.end(), flag_re);
         it != std::sregex_iterator(); ++it) {
      EXPECT_TRUE(find_flag(c.flags, (*it)[1])) << c.name << " synopsis: --" << (*it)[1];
    }
    for (const CommandExample& e : c.examples) {
      // "amla-cli simulate ... && amla-cli simulate ...": every command of the line.
      std::istringstream words(e.command);
      std::string word, command;
      bool after_tool = false;
      while (words >> word) {
        if (after_tool) {
          command = word;
          after_tool = false;
          EXPECT_NO_THROW(require_command(command)) << e.command;
        } else if (word == "amla-cli") {
          after_tool = true;
        } else if (word == "&&" || word == ">") {
          command.clear();
        } else if (!command.empty() && word.rfind("--", 0) == 0) {
          const std::string name = word.substr(2, word.find('=') - 2);
          EXPECT_TRUE(find_flag(require_command(command).flags, name)) << e.command << ": " << word;
        }
      }
    }
  }
}

// --- The table and the parsing agree -------------------------------------------------------------

// Arguments that make each command parse everything and then do almost nothing: simulate only
// prints its configuration, the others run the smallest input. A flag under test comes last,
// so it wins over the same flag here.
std::vector<std::string> base_args(const std::string& command) {
  const std::string out = (scratch() / "out").string();
  if (command == "bits") return {"bits", "--value", "1"};
  if (command == "numerics") {
    return {"numerics", "--rows", "2", "--kv-len", "64", "--memory-budget-mb", "64"};
  }
  if (command == "report") {
    return {"report", "--rows", "2", "--kv-len", "64", "--memory-budget-mb", "64", "--out", out};
  }
  if (command == "simulate") return {"simulate", "--dump-config"};
  if (command == "sweep") {
    return {"sweep", "--preset", "910C-die", "--batch",         "1", "--heads", "16", "--q-tokens",
            "1",     "--kv-len", "512",      "--rows-per-task", "16"};
  }
  // The smallest run: the sensitivity moves one parameter that is zero (no rerun), compare's B
  // changes one knob.
  const std::vector<std::string> tiny = {"--preset", "910C-die", "--batch",         "1",
                                         "--heads",  "16",       "--q-tokens",      "1",
                                         "--kv-len", "512",      "--rows-per-task", "16"};
  if (command == "sensitivity") {
    std::vector<std::string> args = {"sensitivity", "--params", "kernel_launch_us"};
    args.insert(args.end(), tiny.begin(), tiny.end());
    return args;
  }
  if (command == "calibrate") {
    // A profile of the tiny run, made once; two simulations at most per call.
    const std::string profile = (scratch() / "tiny-profile.json").string();
    if (!std::filesystem::exists(profile)) {
      std::vector<std::string> make = {"simulate", "--trace", profile, "--trace-format", "insight"};
      make.insert(make.end(), tiny.begin(), tiny.end());
      EXPECT_EQ(run_cli(make).code, 0);
    }
    std::vector<std::string> args = {
        "calibrate", "--profile", profile, "--params", "fixp_bytes_per_cycle", "--max-evals", "2"};
    args.insert(args.end(), tiny.begin(), tiny.end());
    return args;
  }
  if (command == "compare") {
    std::vector<std::string> args = {"compare", "--b", "preload=1"};
    args.insert(args.end(), tiny.begin(), tiny.end());
    return args;
  }
  return {command};
}

// The base run of the sweep above, for the values its knobs have there.
RunConfig sweep_base() {
  RunConfig rc;
  const std::vector<std::pair<std::string, std::string>> knobs = {
      {"preset", "910C-die"}, {"batch", "1"},    {"heads", "16"},
      {"q-tokens", "1"},      {"kv-len", "512"}, {"rows-per-task", "16"}};
  for (const auto& [name, value] : knobs) apply_knob(rc, name, value);
  return rc;
}

// Sweep's, sensitivity's, compare's and decode's run flags are simulate's (checked through
// simulate); through them each value would start runs.
bool tested_through(const std::string& command, const FlagSpec& f) {
  const bool runs_simulations = command == "sweep" || command == "sensitivity" ||
                                command == "compare" || command == "decode" ||
                                command == "calibrate";
  return !(runs_simulations && find_flag(run_config_flag_table(), f.name));
}

// The one line a value refused by the parser prints: the schema's words for kernel parameters,
// ArgList's for the others.
std::string refusal(const std::string& command, const FlagSpec& f, const std::string& value) {
  std::string limit;
  const ParamDef* p = find_param_by_flag(f.name);
  if (p && (command == "simulate" || command == "sweep")) {
    limit = param_range_text(*p);
  } else if (f.kind == FlagKind::kReal) {
    limit = "must be " + real_range_text(f.real_min, f.real_max);
  } else {
    limit = "must be " + integer_range_text(f.min, f.max);
  }
  return "amla-cli: --" + f.name + ": " + value + " (" + limit + ")\n";
}

// The base arguments, the sweep's one knob unless the test gives its own, then `extra`.
CliResult run_with(const std::string& command, std::vector<std::string> extra) {
  std::vector<std::string> args = base_args(command);
  if (command == "sweep" && std::find(extra.begin(), extra.end(), "--param") == extra.end()) {
    args.insert(args.end(), {"--param", "preload=0"});
  }
  args.insert(args.end(), extra.begin(), extra.end());
  return run_cli(args);
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + " ";
  return s;
}

// Accepted: read (no internal error, not unknown) and not refused by the parser. The run may
// still stop later for another reason (a memory budget, a file that does not exist).
void expect_accepted(const std::string& command, const FlagSpec& f, const std::string& value) {
  const std::vector<std::string> extra = {"--" + f.name, value};
  const CliResult r = run_with(command, extra);
  EXPECT_NE(r.code, 1) << command << " " << joined(extra) << "-> " << r.err;
  EXPECT_FALSE(contains(r.err, "unknown flag")) << command << " " << joined(extra) << r.err;
  EXPECT_NE(r.err, refusal(command, f, value)) << command << " " << joined(extra);
}

void expect_refused(const std::string& command, const FlagSpec& f, const std::string& value) {
  const CliResult r = run_with(command, {"--" + f.name, value});
  EXPECT_EQ(r.code, 2) << command << " --" << f.name << " " << value;
  EXPECT_EQ(r.err, refusal(command, f, value));
}

std::string real_text(double v) { return format_real(v); }

TEST(CliFlagTables, EveryDefaultAndBoundIsAcceptedAndOnePastABoundRefused) {
  for (const CommandSpec& c : cli_commands()) {
    for (const FlagSpec& f : c.flags) {
      if (!tested_through(c.name, f)) continue;
      SCOPED_TRACE(c.name + " --" + f.name);
      switch (f.kind) {
        case FlagKind::kBare: {
          const CliResult r = run_with(c.name, {"--" + f.name});
          EXPECT_NE(r.code, 1) << r.err;
          EXPECT_FALSE(contains(r.err, "unknown flag")) << r.err;
          break;
        }
        case FlagKind::kInteger:
          for (long long v : {f.int_default, f.min, f.max}) {
            expect_accepted(c.name, f, std::to_string(v));
          }
          for (const std::string& word : f.choices) expect_accepted(c.name, f, word);
          expect_refused(c.name, f, std::to_string(f.min - 1));
          expect_refused(c.name, f, std::to_string(f.max + 1));
          break;
        case FlagKind::kReal:
          for (double v : {f.real_default, f.real_min, f.real_max}) {
            expect_accepted(c.name, f, real_text(v));
          }
          expect_refused(c.name, f, real_text(f.real_min - (std::fabs(f.real_min) + 1)));
          expect_refused(c.name, f, real_text(f.real_max + (std::fabs(f.real_max) + 1)));
          break;
        case FlagKind::kText:
          for (const std::string& choice : f.choices) expect_accepted(c.name, f, choice);
          // Free text (files, KEY=V lists): read, whatever becomes of the value.
          if (f.choices.empty()) expect_accepted(c.name, f, (scratch() / "x").string());
          break;
        case FlagKind::kRepeated:
          // sweep --param NAME=VALUE for every knob it names, at the base run's value.
          ASSERT_EQ(c.name, "sweep");
          for (const std::string& knob : f.choices) {
            const std::vector<std::string> extra = {
                "--" + f.name, knob + "=" + knob_value(sweep_base(), knob), "--json"};
            const CliResult r = run_with(c.name, extra);
            EXPECT_EQ(r.code, 0) << joined(extra) << "-> " << r.err;
          }
          break;
      }
    }
  }
}

// What the command prints for the same input, minus what differs from run to run.
std::string stable_output(const std::string& command, const std::vector<std::string>& extra) {
  const CliResult r = run_with(command, extra);
  EXPECT_EQ(r.code, 0) << command << " " << joined(extra) << "-> " << r.err;
  if (command == "simulate") return r.out;
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  if (j.is_object()) j.erase("seconds");
  return j.dump();
}

TEST(CliFlagTables, GivingTheDefaultChangesNothing) {
  for (const char* command : {"bits", "numerics", "simulate"}) {
    const std::vector<std::string> json = std::string(command) == "simulate"
                                              ? std::vector<std::string>{}
                                              : std::vector<std::string>{"--json"};
    const std::string without = stable_output(command, json);
    for (const FlagSpec& f : require_command(command).flags) {
      std::string value;
      if (f.kind == FlagKind::kInteger) value = std::to_string(f.int_default);
      if (f.kind == FlagKind::kReal) value = real_text(f.real_default);
      if (f.kind == FlagKind::kText && !f.choices.empty()) value = f.default_text;
      if (value.empty()) continue;
      // The base arguments set these; their defaults are covered by the bounds test.
      if (std::string(command) == "numerics" &&
          (f.name == "rows" || f.name == "kv-len" || f.name == "memory-budget-mb")) {
        continue;
      }
      std::vector<std::string> extra = json;
      extra.insert(extra.end(), {"--" + f.name, value});
      EXPECT_EQ(stable_output(command, extra), without)
          << command << " --" << f.name << " " << value;
    }
  }
}

TEST(CliFlagTables, LookupsOutsideTheTableAreProgrammingErrors) {
  const FlagTable table = {integer_flag("width", "W", "Width.", 10, 1, 100),
                           bare_flag("json", "JSON.")};
  ArgList list({"--width", "5"}, table, "test");
  EXPECT_THROW(list.value("height"), std::logic_error);
  EXPECT_THROW(list.flag("width"), std::logic_error);    // an integer read as a bare flag
  EXPECT_THROW(list.real("width"), std::logic_error);    // an integer read as a real
  EXPECT_THROW(list.values("width"), std::logic_error);  // not a repeated flag
  EXPECT_THROW(list.integer("nowhere"), std::logic_error);
  EXPECT_EQ(list.integer("width"), 5);
  EXPECT_FALSE(list.flag("json"));
  list.finish();

  // The table's default and range: absent gives the default; the last occurrence wins.
  ArgList absent({}, table, "test");
  EXPECT_EQ(absent.integer("width"), 10);
  ArgList twice({"--width=7", "--width", "8"}, table, "test");
  EXPECT_EQ(twice.integer("width"), 8);
  ArgList high({"--width", "101"}, table, "test");
  EXPECT_THROW(high.integer("width"), InputError);

  // A flag of the table that the command never reads is a bug, not the user's typo.
  ArgList unread({"--json"}, table, "test");
  EXPECT_THROW(unread.finish(), std::logic_error);
}

// --- Unknown commands and flags ------------------------------------------------------------------

TEST(CliUnknown, CommandsAndFlagsNameTheNearestOne) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"simulat"}, "amla-cli: command: simulat (did you mean simulate?)\n"},
      {{"help", "simulat"}, "amla-cli: command: simulat (did you mean simulate?)\n"},
      {{"numerik"}, "amla-cli: command: numerik (did you mean numerics?)\n"},
      {{"simulate", "--kv-lenn", "4"},
       "amla-cli: --kv-lenn: unknown flag (did you mean --kv-len?)\n"},
      {{"simulate", "--kv-blok", "256"},
       "amla-cli: --kv-blok: unknown flag (did you mean --kv-block?)\n"},
      {{"numerics", "--row", "4"}, "amla-cli: --row: unknown flag (did you mean --rows?)\n"},
      {{"sweep", "--parm", "preload=0,1"},
       "amla-cli: --parm: unknown flag (did you mean --param?)\n"},
      {{"bits", "--value", "1", "--jsn"}, "amla-cli: --jsn: unknown flag (did you mean --json?)\n"},
      {{"simulate", "--frobnicate", "1"},
       "amla-cli: --frobnicate: unknown flag (see amla-cli help simulate)\n"},
      {{"simulate", "batch", "4"},
       "amla-cli: argument: batch (unexpected value; did you mean --batch?)\n"},
  };
  for (const auto& [args, expected] : cases) {
    const CliResult r = run_cli(args);
    EXPECT_EQ(r.code, 2) << joined(args);
    EXPECT_EQ(r.err, expected) << joined(args);
    EXPECT_TRUE(r.out.empty()) << joined(args);
  }
  // A command far from every name lists them.
  const CliResult far = run_cli({"frobnicate"});
  EXPECT_EQ(far.code, 2);
  for (const CommandSpec& c : cli_commands()) EXPECT_TRUE(contains(far.err, c.name)) << far.err;
}

TEST(CliUnknown, AHugeWordIsNeitherComparedNorEchoedWhole) {
  // The edit distance is quadratic: a megabyte of flag must not be measured against every name.
  const std::string huge(1 << 20, 'x');
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {huge}, {"simulate", "--" + huge}, {"simulate", huge}}) {
    const CliResult r = run_cli(args);
    EXPECT_EQ(r.code, 2);
    EXPECT_LT(r.err.size(), 400u) << r.err.substr(0, 400);
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);
  }
}

TEST(CliUnknown, EveryFlagMistypedByOneLetterIsSuggested) {
  for (const CommandSpec& c : cli_commands()) {
    for (const FlagSpec& f : c.flags) {
      if (f.name.size() < 3) continue;
      const std::string typo = "--" + f.name + f.name.back();  // "--jsonn"
      const CliResult r = run_with(c.name, {typo, "1"});
      EXPECT_EQ(r.code, 2) << typo;
      const std::string prefix = "amla-cli: " + typo + ": unknown flag (did you mean --";
      ASSERT_EQ(r.err.rfind(prefix, 0), 0u) << c.name << " " << typo << ": " << r.err;
      const std::string suggested = r.err.substr(prefix.size(), r.err.find('?') - prefix.size());
      EXPECT_TRUE(find_flag(c.flags, suggested)) << r.err;
    }
  }
}

TEST(CliHelp, ManPageWithACommandIsRefused) {
  const CliResult r = run_cli({"help", "simulate", "--man"});
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(contains(r.err, "--man")) << r.err;
}

// --- The man page --------------------------------------------------------------------------------

TEST(CliManPage, HasTheSectionsEveryCommandEveryFlagAndEveryExample) {
  const CliResult r = run_cli({"help", "--man"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string& man = r.out;
  EXPECT_EQ(man.rfind(".\\\" Generated", 0), 0u);
  EXPECT_TRUE(contains(man, ".TH AMLA\\-CLI 1 "));
  EXPECT_TRUE(contains(man, version_string()));
  for (const char* section :
       {"NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "EXIT STATUS", "EXAMPLES", "SEE ALSO"}) {
    EXPECT_TRUE(contains(man, std::string(".SH ") + section + "\n")) << section;
  }
  for (const char* code : {".B 0\n", ".B 1\n", ".B 2\n"}) EXPECT_TRUE(contains(man, code));
  for (const CommandSpec& c : cli_commands()) {
    EXPECT_TRUE(contains(man, ".SS " + c.name + "\n")) << c.name;
    for (const FlagSpec& f : c.flags) {
      EXPECT_TRUE(contains(man, ".TP\n\\fB\\-\\-" + roff_code(f.name) + "\\fR"))
          << c.name << " --" << f.name;
    }
    for (const CommandExample& e : c.examples) {
      EXPECT_TRUE(contains(man, "\\fB" + roff_code(e.command) + "\\fR\n")) << e.command;
    }
  }
  for (const ParamDef& p : kernel_params()) {
    EXPECT_TRUE(contains(man, roff_code(param_range_text(p)))) << p.id;
  }
  // Only the man macros the page means to use: no text line starts with a control character.
  const std::set<std::string> macros = {".\\\"", ".TH", ".SH", ".SS", ".TP", ".PP", ".B",  ".I",
                                        ".RI",   ".br", ".nh", ".ad", ".RS", ".RE", ".nf", ".fi"};
  std::istringstream lines(man);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    EXPECT_NE(line[0], '\'') << line;
    if (line[0] != '.') continue;
    EXPECT_TRUE(macros.count(line.substr(0, line.find(' ')))) << line;
  }
}

}  // namespace
}  // namespace amla::cli
