#include "core/common/memory_budget.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/common/input_error.h"

namespace amla {

std::uint64_t available_memory_bytes() {
  std::ifstream meminfo("/proc/meminfo");
  std::string key;
  std::uint64_t kib = 0;
  std::string unit;
  while (meminfo >> key >> kib >> unit) {
    if (key == "MemAvailable:") return kib * 1024ULL;
  }
  return 4ULL << 30;  // no /proc: assume a small machine
}

std::uint64_t default_memory_budget_bytes() { return available_memory_bytes() / 2; }

std::string format_bytes(double bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
  int u = 0;
  while (bytes >= 1024.0 && u < 5) {
    bytes /= 1024.0;
    ++u;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", bytes, units[u]);
  return buf;
}

void check_memory_budget(const std::string& field, const std::string& value, double needed_bytes,
                         std::uint64_t budget_bytes) {
  if (needed_bytes > static_cast<double>(budget_bytes)) {
    throw InputError(field, value,
                     "needs " + format_bytes(needed_bytes) + ", over the memory budget of " +
                         format_bytes(static_cast<double>(budget_bytes)) +
                         " (the default is half the available memory, now " +
                         format_bytes(static_cast<double>(default_memory_budget_bytes())) +
                         "); use a smaller size or raise the budget with --memory-budget-mb");
  }
}

}  // namespace amla
