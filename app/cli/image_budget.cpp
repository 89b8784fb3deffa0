// The memory an image export needs, checked against the budget before anything is drawn.
#include <algorithm>
#include <cctype>
#include <string>

#include "app/cli/image_export.h"
#include "core/common/input_error.h"
#include "core/common/memory_budget.h"

namespace amla::cli {

namespace {

std::string lower_suffix(const std::string& path) {
  const auto dot = path.find_last_of("./");
  std::string suffix = dot == std::string::npos || path[dot] == '/' ? "" : path.substr(dot);
  std::transform(suffix.begin(), suffix.end(), suffix.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return suffix;
}

}  // namespace

void check_image_path(const std::string& field, const std::string& path) {
  const std::string suffix = lower_suffix(path);
  if (suffix != ".png" && suffix != ".svg" && suffix != ".pdf") {
    throw InputError(field, path, "unknown image type: use .png, .svg or .pdf");
  }
}

std::uint64_t check_image_memory(const std::string& field, int width, int height,
                                 const std::string& path, std::uint64_t budget_bytes) {
  if (lower_suffix(path) != ".png") return 0;
  // ARGB32 pixels, and the encoded PNG held in memory beside them (at most as large).
  const std::uint64_t bytes =
      2ull * static_cast<std::uint64_t>(width) * static_cast<std::uint64_t>(height) * 4;
  check_memory_budget(field, std::to_string(width) + " x " + std::to_string(height) + " px",
                      static_cast<double>(bytes), budget_bytes);
  return bytes;
}

}  // namespace amla::cli
