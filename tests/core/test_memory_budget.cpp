// The memory budget's refusal names the field, the value, what it needs and the budget it is over;
// it gives the default for what it is (half the available memory, with its size now), rather
// than saying the budget it was given is that default.
#include <gtest/gtest.h>

#include <string>

#include "core/common/input_error.h"
#include "core/common/memory_budget.h"

namespace amla {
namespace {

TEST(MemoryBudget, FormatsBytesInBinaryUnits) {
  EXPECT_EQ(format_bytes(512), "512 B");
  EXPECT_EQ(format_bytes(1536), "1.5 KiB");
  EXPECT_EQ(format_bytes(6.5 * 1024 * 1024), "6.5 MiB");
}

TEST(MemoryBudget, RefusalNamesTheNeedTheBudgetAndTheDefault) {
  try {
    check_memory_budget("trace", "4096 tasks", 6.5 * 1024 * 1024, std::uint64_t{1} << 20);
    FAIL() << "a need over the budget was accepted";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_EQ(e.field(), "trace");
    EXPECT_NE(what.find("4096 tasks"), std::string::npos) << what;
    EXPECT_NE(what.find("needs 6.5 MiB, over the memory budget of 1.0 MiB"), std::string::npos)
        << what;
    const std::string default_now =
        "the default is half the available memory, now " +
        format_bytes(static_cast<double>(default_memory_budget_bytes()));
    EXPECT_NE(what.find(default_now), std::string::npos) << what;
    EXPECT_EQ(what.find("by default"), std::string::npos) << what;
  }
  EXPECT_NO_THROW(check_memory_budget("trace", "1 task", 1024, std::uint64_t{1} << 20));
}

}  // namespace
}  // namespace amla
