#pragma once
// Where a reduced-precision kernel overflowed: per stage, how many values came out inf or NaN
// from finite operands (a new overflow, not one carried along from an earlier stage), so the
// first stage to break is visible and no overflow is hidden by a later one.
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace amla {

struct StageOverflow {
  std::string stage;  // "S = Q K^T (Cube, FP16 out)", ...
  std::uint64_t inf = 0;
  std::uint64_t nan = 0;
  std::uint64_t total() const { return inf + nan; }
  // Records v when it is not finite although everything it was computed from was.
  void note(double v, bool operands_finite) {
    if (!operands_finite || std::isfinite(v)) return;
    if (std::isnan(v)) {
      ++nan;
    } else {
      ++inf;
    }
  }
};

struct OverflowCounts {
  std::vector<StageOverflow> stages;

  std::uint64_t total() const {
    std::uint64_t n = 0;
    for (const auto& s : stages) n += s.total();
    return n;
  }
  // Adds another row block's counts, stage by stage (same stage list).
  void merge(const OverflowCounts& other) {
    if (stages.empty()) {
      stages = other.stages;
      return;
    }
    for (std::size_t i = 0; i < stages.size() && i < other.stages.size(); ++i) {
      stages[i].inf += other.stages[i].inf;
      stages[i].nan += other.stages[i].nan;
    }
  }
};

}  // namespace amla
