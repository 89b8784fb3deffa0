#pragma once
// The kernel's task decomposition, the same one the numerics emulation walks: jobs are
// (batch, row block of up to mBase rows[, KV part]), each walking its KV blocks of s2Base tokens
// in order; jobs are spread over the AI cores by the KV split policy (balanced by default:
// the same number of KV blocks per core, as FlashMLA's scheduler does).
// Validation happens here: every tile must fit its buffer.
#include <cstdint>
#include <string>
#include <vector>

#include "core/hw/hardware_model.h"
#include "core/kernel/kernel_config.h"

namespace amla {

struct Job {
  int batch = 0;
  int row0 = 0;  // first row (head x q_token) of the row block
  int rows = 0;
  int kv_begin = 0;  // first KV token of this job (a KV part when split)
  int kv_end = 0;
  int part = 0;  // KV part index (0 when not split)
  int parts = 1;
  int first_task = 0;  // index into Plan::tasks
  int task_count = 0;
  int core = 0;
};

struct Task {
  int job = 0;
  int kv_block = 0;  // block index within the sequence (kv_begin / s2Base)
  int kv_begin = 0;  // first token
  int tokens = 0;
  bool first_of_job = false;
  bool last_of_job = false;
};

// One flash-decoding combine: merges the parts of one (batch, row block).
struct CombineJob {
  int batch = 0;
  int row0 = 0;
  int rows = 0;
  int parts = 0;
  int core = 0;
};

// Bytes of each tile as the tiling makes them (for validation messages and buffer tracks).
struct TileBytes {
  std::int64_t q_tile, k_tile, v_tile, p_tile;      // L1
  std::int64_t l0a_mm1, l0b_mm1, l0a_mm2, l0b_mm2;  // L0 slices
  std::int64_t l0c_tile;
  std::int64_t l1_total, l0a_total, l0b_total, l0c_total;
  std::int64_t ub_static, ub_total;
  std::int64_t gm_per_core;
};

struct Plan {
  std::vector<Job> jobs;
  std::vector<Task> tasks;
  std::vector<CombineJob> combines;
  std::vector<std::vector<int>> core_jobs;  // per AI core, the jobs in execution order
  TileBytes tiles;
  int cores = 0;
  int m_tiles = 0;  // L0C row tiles per task (full mBase)
};

TileBytes compute_tile_bytes(const Tiling& t, const Problem& p);

// Throws InputError naming the parameter, the bytes needed and the capacity, or the reason a
// configuration could never finish.
void validate_kernel_config(const KernelConfig& config, const HardwareModel& hw);

Plan make_plan(const KernelConfig& config, const HardwareModel& hw);

// (row block, KV block) tasks the plan will have, computed without building it, so a run far
// over the memory budget is refused before anything is allocated.
std::int64_t count_tasks(const KernelConfig& config);

}  // namespace amla
