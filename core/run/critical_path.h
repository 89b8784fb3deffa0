#pragma once
// The critical path of a run, walked back as Perfetto does from the last op to finish through
// whatever released each op (its wait reason: the lane's previous op, the op that set its flag,
// freed its slot or made room in a flag counter), and the makespan attributed along it, as VTune's
// top-down does: every cycle to exactly one category, so the shares add up to 100%.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/ops/trace.h"

namespace amla {

enum class PathCategory : std::uint8_t {
  kCube,         // Cube compute on the path
  kFixpipe,      // FixPipe drains L0C -> GM
  kMte1,         // L1 -> L0A / L0B
  kMte2Hbm,      // loads from HBM (including their latency)
  kMte2L2,       // loads the L2 serves
  kMte3,         // AIV stores and atomic adds
  kVector,       // AIV Vector
  kScalar,       // scalar set-up before a stage
  kFlagLatency,  // a flag's set-to-visible latency between two ops of the path
  kSlotWait,     // a buffer slot or flag counter handed over later than the op could start
  kSharing,      // a transfer slowed below its own peak by others on the same HBM / L2
  kIdle,         // nothing on the lane: before its first op, or work not yet issued
  kLaunch,       // the kernel launch, outside the trace
  kCount
};
constexpr int kPathCategoryCount = static_cast<int>(PathCategory::kCount);

const char* path_category_key(PathCategory c);    // "cube", "mte2_hbm", ... (JSON)
const char* path_category_label(PathCategory c);  // "Cube compute", "MTE2 from HBM", ...

// The category an op's own time on the path goes to (its pipe, and for MTE2 the memory level).
PathCategory op_path_category(const OpTrace& ops, std::size_t i);

// Cycles op i waited between its lane becoming free (its previous op's end; 0 for the first) and
// its start: the wait its reason accounts for.
std::int64_t op_wait_cycles(const OpTrace& ops, std::size_t i);

struct CriticalPath {
  std::vector<std::int64_t> ops;                          // from the first op to the last
  std::int64_t length_cycles = 0;                         // the sum of `cycles`: the makespan
  std::array<std::int64_t, kPathCategoryCount> cycles{};  // kLaunch stays 0 (not in the trace)
  std::array<std::int64_t, 4> hand_offs{};                // path edges per WaitReason
};

// Without recorded reasons (OpTrace::has_reasons() false) every op is taken as released by its
// lane's previous op.
CriticalPath critical_path(const Trace& trace);

struct AttributionEntry {
  PathCategory category;
  double us = 0;
  double share = 0;  // of the makespan including the launch; the entries add up to 1
};

// Every category, in enum order, with the launch added: the us add up to the makespan as
// SimulationMetrics reports it.
std::vector<AttributionEntry> attribute_makespan(const CriticalPath& path, double clock_ghz,
                                                 double launch_us);

}  // namespace amla
