#pragma once
// What one amla-cli command is: its name, the words the help and the man page show, its flag
// table, its examples and the function that runs it. Each command file defines its own.
#include <ostream>
#include <string>
#include <vector>

#include "app/cli/arg_list.h"
#include "app/cli/flag_spec.h"

namespace amla::cli {

struct CommandExample {
  std::string command;  // "amla-cli bits --value 0 --shift -3"
  std::string comment;  // why one would run it ("" for none)
};

struct CommandSpec {
  std::string name;         // "simulate"
  std::string summary;      // one line for the command list
  std::string synopsis;     // the shape of a call after "amla-cli NAME"
  std::string description;  // a paragraph for `help NAME` and the man page
  FlagTable flags;
  std::vector<CommandExample> examples;
  // Runs with the arguments parsed against `flags`; returns the exit code and throws
  // InputError for bad input (the caller prints it and exits 2).
  int (*run)(ArgList& args, std::ostream& out) = nullptr;
};

}  // namespace amla::cli
