#include <iostream>

#include "app/cli/commands.h"

int main(int argc, char** argv) {
  return amla::cli::cli_main(std::vector<std::string>(argv, argv + argc), std::cout, std::cerr);
}
