#pragma once
// Random but valid kernel configurations for the invariant tests (the simulator's and the
// critical path's): small problems over every variant, preload, split policy and preset.
#include <initializer_list>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/hw/hardware_presets.h"
#include "core/kernel/kernel_config.h"

namespace amla::testing {

struct RandomRun {
  HardwareModel hardware;
  KernelConfig config;
  std::string what;  // one line naming the configuration, for failure messages
};

// The i-th configuration drawn from `rng`; every 5th has per-request lengths.
inline RandomRun random_kernel_run(std::mt19937& rng, int i) {
  const auto pick = [&](std::initializer_list<int> v) {
    return *(v.begin() + std::uniform_int_distribution<int>(0, int(v.size()) - 1)(rng));
  };
  static const std::vector<std::string> presets = preset_names();
  KernelConfig c;
  c.problem.batch = pick({1, 2, 3, 5, 8});
  c.problem.q_tokens = pick({1, 2, 3, 4});
  c.problem.heads = pick({16, 32, 64, 128});
  c.problem.kv_len = std::uniform_int_distribution<int>(100, 3000)(rng);
  if (i % 5 == 0) c.problem.kv_lens = draw_kv_lengths(c.problem.batch, 1500, i);
  c.variant = i % 2 ? KernelVariant::kAmla : KernelVariant::kBaseline;
  c.tiling.preload = pick({0, 1, 2});
  c.tiling.blocking.kv_block = pick({128, 256, 512});
  c.tiling.blocking.rows_per_task = std::min(pick({64, 128, 256}), c.problem.rows_per_batch());
  c.tiling.kv_split = static_cast<KvSplitPolicy>(pick({0, 1, 2, 3}));
  c.tiling.kv_splits = pick({1, 2, 3});
  c.tiling.gm_slots = pick({1, 2, 3});
  const HardwareModel hw = find_preset(presets[static_cast<std::size_t>(i) % presets.size()]);
  std::ostringstream what;
  what << "config " << i << " " << hw.name << " b" << c.problem.batch << " q" << c.problem.q_tokens
       << " h" << c.problem.heads << " S" << c.problem.kv_len << " " << variant_name(c.variant)
       << " p" << c.tiling.preload << " blk" << c.tiling.blocking.kv_block << " rpt"
       << c.tiling.blocking.rows_per_task << " " << kv_split_name(c.tiling.kv_split);
  return {hw, c, what.str()};
}

}  // namespace amla::testing
