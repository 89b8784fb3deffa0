#pragma once
// How many bytes a single run may allocate. Default: half of the memory the machine reports as
// available, so a mistyped size is refused before it starts instead of freezing the machine.
#include <cstdint>
#include <string>

namespace amla {

std::uint64_t available_memory_bytes();
std::uint64_t default_memory_budget_bytes();
std::string format_bytes(double bytes);

// Throws InputError(field, value, "needs X, over the memory budget of Y ...") when needed > budget.
void check_memory_budget(const std::string& field, const std::string& value, double needed_bytes,
                         std::uint64_t budget_bytes);

}  // namespace amla
