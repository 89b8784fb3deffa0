#pragma once
// amla-cli(1): the manual page in roff (man macros), generated from the same command and flag
// tables as the help, so the two cannot disagree. `amla-cli help --man` prints it; the build
// writes it to man/amla-cli.1.
#include <ostream>

namespace amla::cli {

void print_man_page(std::ostream& out);

}  // namespace amla::cli
