#include "core/kernel/plan.h"

#include <algorithm>
#include <numeric>

#include "core/common/input_error.h"
#include "core/common/memory_budget.h"

namespace amla {

namespace {

constexpr std::int64_t kUbStaticBytes = (32 + 8 + 12) * 1024;  // temp, mask, per-row state

int ceil_div(int a, int b) { return (a + b - 1) / b; }

std::string kib(std::int64_t bytes) { return format_bytes(static_cast<double>(bytes)); }

void require(bool ok, const std::string& field, long long value, const std::string& limit) {
  if (!ok) throw InputError(field, std::to_string(value), limit);
}

void validate_problem(const Problem& p) {
  require(p.batch >= 1 && p.batch <= 65536, "--batch", p.batch, "must be in [1, 65536]");
  require(p.q_tokens >= 1 && p.q_tokens <= 16, "--q-tokens", p.q_tokens, "must be in [1, 16]");
  require(p.heads >= 1 && p.heads <= 1024, "--heads", p.heads, "must be in [1, 1024]");
  require(p.latent_dim >= 16 && p.latent_dim % 16 == 0 && p.latent_dim <= 4096, "--latent-dim",
          p.latent_dim, "must be a multiple of 16 in [16, 4096]");
  require(p.rope_dim >= 0 && p.rope_dim % 16 == 0 && p.rope_dim <= 1024, "--rope-dim",
          p.rope_dim, "must be a multiple of 16 in [0, 1024]");
  require(p.page_size >= 1 && p.page_size <= 65536, "--page-size", p.page_size,
          "must be in [1, 65536]");
  if (!p.kv_lens.empty()) {
    require(static_cast<int>(p.kv_lens.size()) == p.batch, "--kv-lens",
            static_cast<long long>(p.kv_lens.size()),
            "needs one length per batch entry (batch = " + std::to_string(p.batch) + ")");
    for (int len : p.kv_lens) {
      require(len >= 1 && len <= (1 << 24), "--kv-lens", len, "every length in [1, 16777216]");
    }
  } else {
    require(p.kv_len >= 1 && p.kv_len <= (1 << 24), "--kv-len", p.kv_len,
            "must be in [1, 16777216]");
  }
}

void require_multiple_of_16(const std::string& field, int v, int max) {
  require(v >= 16 && v % 16 == 0 && v <= max, field, v,
          "must be a multiple of 16 (the Cube's fractal) in [16, " + std::to_string(max) + "]");
}

}  // namespace

TileBytes compute_tile_bytes(const Tiling& t, const Problem& p) {
  TileBytes b{};
  const std::int64_t bf16 = 2, fp32 = 4;
  b.q_tile = std::int64_t{t.m_tile} * t.l1_k_split * bf16;
  b.k_tile = std::int64_t{t.mm1_n_tile} * t.l1_k_split * bf16;
  b.v_tile = std::int64_t{t.mm2_k_split} * t.mm2_n_tile * bf16;
  b.p_tile = std::int64_t{t.m_tile} * t.mm2_k_split * bf16;
  b.l0a_mm1 = std::int64_t{t.m_tile} * t.mm1_k_slice * bf16;
  b.l0b_mm1 = std::int64_t{t.mm1_n_tile} * t.mm1_k_slice * bf16;
  b.l0a_mm2 = std::int64_t{t.m_tile} * t.mm2_k_slice * bf16;
  b.l0b_mm2 = std::int64_t{t.mm2_k_slice} * t.mm2_n_tile * bf16;
  b.l0c_tile = std::int64_t{t.m_tile} * std::max(t.mm1_n_tile, t.mm2_n_tile) * fp32;
  b.l1_total = t.qp_buffers * std::max(b.q_tile, b.p_tile) + t.kv_buffers * std::max(b.k_tile, b.v_tile);
  b.l0a_total = t.l0ab_buffers * std::max(b.l0a_mm1, b.l0a_mm2);
  b.l0b_total = t.l0ab_buffers * std::max(b.l0b_mm1, b.l0b_mm2);
  b.l0c_total = t.l0c_buffers * b.l0c_tile;
  b.ub_static = kUbStaticBytes;
  b.ub_total = std::int64_t{t.ub_input_buffers + 2} * t.ub_chunk_bytes + kUbStaticBytes;
  const std::int64_t rows = t.blocking.rows_per_task;
  const std::int64_t s2 = t.blocking.kv_block;
  b.gm_per_core = t.gm_slots * rows * s2 * (fp32 + bf16) + 2 * rows * p.latent_dim * fp32 +
                  t.gm_slots * rows * p.latent_dim * fp32;
  return b;
}

void validate_kernel_config(const KernelConfig& c, const HardwareModel& hw) {
  validate_problem(c.problem);
  const Tiling& t = c.tiling;
  const int head_dim = c.problem.latent_dim + c.problem.rope_dim;
  require(t.blocking.rows_per_task >= 1 && t.blocking.rows_per_task <= 4096, "--rows-per-task",
          t.blocking.rows_per_task, "must be in [1, 4096]");
  require_multiple_of_16("--kv-block", t.blocking.kv_block, 65536);
  require_multiple_of_16("--m-tile", t.m_tile, 1024);
  require_multiple_of_16("--l1-k-split", t.l1_k_split, head_dim);
  require_multiple_of_16("--mm1-n-tile", t.mm1_n_tile, 4096);
  require_multiple_of_16("--mm1-k-slice", t.mm1_k_slice, t.l1_k_split);
  require_multiple_of_16("--mm2-k-split", t.mm2_k_split, 4096);
  require_multiple_of_16("--mm2-n-tile", t.mm2_n_tile, c.problem.latent_dim);
  require_multiple_of_16("--mm2-k-slice", t.mm2_k_slice, t.mm2_k_split);
  require(t.preload >= 0 && t.preload <= 2, "--preload", t.preload, "must be 0, 1 or 2");
  require(t.gm_slots >= 1 && t.gm_slots <= 8, "--gm-slots", t.gm_slots, "must be in [1, 8]");
  require(t.qp_buffers >= 1 && t.qp_buffers <= 64, "--qp-buffers", t.qp_buffers, "must be in [1, 64]");
  require(t.kv_buffers >= 1 && t.kv_buffers <= 64, "--kv-buffers", t.kv_buffers, "must be in [1, 64]");
  require(t.l0ab_buffers >= 1 && t.l0ab_buffers <= 8, "--l0ab-buffers", t.l0ab_buffers,
          "must be in [1, 8]");
  require(t.l0c_buffers >= 1 && t.l0c_buffers <= 8, "--l0c-buffers", t.l0c_buffers,
          "must be in [1, 8]");
  require(t.ub_input_buffers >= 1 && t.ub_input_buffers <= 8, "--ub-input-buffers",
          t.ub_input_buffers, "must be in [1, 8]");
  require(t.ub_chunk_bytes >= 1024 && t.ub_chunk_bytes % 32 == 0 && t.ub_chunk_bytes <= (1 << 20),
          "--ub-chunk", t.ub_chunk_bytes, "must be a multiple of 32 in [1024, 1048576] bytes");
  require(t.kv_splits >= 1 && t.kv_splits <= 1024, "--kv-splits", t.kv_splits, "must be in [1, 1024]");

  const TileBytes b = compute_tile_bytes(t, c.problem);
  // A chunk of S must hold at least one whole row (the softmax works on full rows).
  require(t.ub_chunk_bytes >= std::int64_t{t.blocking.kv_block} * 4, "--ub-chunk", t.ub_chunk_bytes,
          "one S row of kv-block " + std::to_string(t.blocking.kv_block) + " FP32 = " +
              kib(std::int64_t{t.blocking.kv_block} * 4) + " must fit a chunk");
  const auto fit = [](const std::string& field, long long value, std::int64_t needed,
                      std::int64_t capacity, const std::string& what) {
    if (needed > capacity) {
      throw InputError(field, std::to_string(value),
                       what + " needs " + kib(needed) + ", capacity " + kib(capacity));
    }
  };
  fit("--l1-k-split", t.l1_k_split, std::max(b.q_tile, b.k_tile), hw.l1_bytes,
      "one Q/K tile " + std::to_string(std::max(t.m_tile, t.mm1_n_tile)) + "x" +
          std::to_string(t.l1_k_split) + " BF16 in L1");
  fit("--kv-buffers", t.kv_buffers, b.l1_total, hw.l1_bytes,
      "L1: " + std::to_string(t.qp_buffers) + " QP buffers x " + kib(std::max(b.q_tile, b.p_tile)) +
          " + " + std::to_string(t.kv_buffers) + " KV buffers x " +
          kib(std::max(b.k_tile, b.v_tile)));
  fit(b.l0a_mm1 >= b.l0a_mm2 ? "--mm1-k-slice" : "--mm2-k-slice",
      b.l0a_mm1 >= b.l0a_mm2 ? t.mm1_k_slice : t.mm2_k_slice, b.l0a_total, hw.l0a_bytes,
      "L0A: " + std::to_string(t.l0ab_buffers) + " x " + kib(std::max(b.l0a_mm1, b.l0a_mm2)) +
          " slices");
  fit(b.l0b_mm1 >= b.l0b_mm2 ? "--mm1-k-slice" : "--mm2-k-slice",
      b.l0b_mm1 >= b.l0b_mm2 ? t.mm1_k_slice : t.mm2_k_slice, b.l0b_total, hw.l0b_bytes,
      "L0B: " + std::to_string(t.l0ab_buffers) + " x " + kib(std::max(b.l0b_mm1, b.l0b_mm2)) +
          " slices");
  fit("--l0c-buffers", t.l0c_buffers, b.l0c_total, hw.l0c_bytes,
      "L0C: " + std::to_string(t.l0c_buffers) + " x " + std::to_string(t.m_tile) + "x" +
          std::to_string(std::max(t.mm1_n_tile, t.mm2_n_tile)) + " FP32 tiles of " +
          kib(b.l0c_tile));
  fit("--ub-chunk", t.ub_chunk_bytes, b.ub_total, hw.ub_bytes,
      "UB: " + std::to_string(t.ub_input_buffers) + " input + 2 output chunks + " +
          kib(b.ub_static) + " of temp, mask and row state");

  // Configurations that could never finish, caught before they hang.
  const int m_tiles = ceil_div(std::min(t.blocking.rows_per_task, c.problem.rows_per_batch()), t.m_tile);
  const int k_halves = ceil_div(head_dim, t.l1_k_split);
  const int mm2_k_halves = ceil_div(t.blocking.kv_block, t.mm2_k_split);
  if (t.l0c_buffers < m_tiles) {
    throw InputError("--l0c-buffers", std::to_string(t.l0c_buffers),
                     "MM1 accumulates all " + std::to_string(m_tiles) +
                         " row tiles of an N tile at once: needs >= " + std::to_string(m_tiles) +
                         ", or the Cube would wait forever for a tile it holds itself");
  }
  const int resident = std::max(m_tiles * k_halves, m_tiles * mm2_k_halves);
  if (t.qp_buffers < resident) {
    throw InputError("--qp-buffers", std::to_string(t.qp_buffers),
                     "MM1 keeps its Q tiles (and MM2 its P~ tiles) resident across N tiles: needs " +
                         std::to_string(resident) + " QP buffers, or the Cube waits on itself");
  }
}

Plan make_plan(const KernelConfig& c, const HardwareModel& hw) {
  validate_kernel_config(c, hw);
  const Problem& p = c.problem;
  const Tiling& t = c.tiling;
  Plan plan;
  plan.cores = hw.total_aic();
  plan.tiles = compute_tile_bytes(t, p);
  plan.m_tiles = ceil_div(std::min(t.blocking.rows_per_task, p.rows_per_batch()), t.m_tile);

  const int rows_total = p.rows_per_batch();
  const int row_blocks = ceil_div(rows_total, t.blocking.rows_per_task);
  const int whole_jobs = p.batch * row_blocks;
  int splits = 1;
  if (t.kv_split == KvSplitPolicy::kFixed) splits = t.kv_splits;
  if (t.kv_split == KvSplitPolicy::kAuto && whole_jobs < plan.cores) {
    splits = ceil_div(plan.cores, whole_jobs);
  }

  for (int b = 0; b < p.batch; ++b) {
    const int len = p.kv_len_of(b);
    const int blocks = ceil_div(len, t.blocking.kv_block);
    const int parts = std::max(1, std::min(splits, blocks));
    for (int rb = 0; rb < row_blocks; ++rb) {
      const int row0 = rb * t.blocking.rows_per_task;
      const int rows = std::min(t.blocking.rows_per_task, rows_total - row0);
      for (int part = 0; part < parts; ++part) {
        Job job;
        job.batch = b;
        job.row0 = row0;
        job.rows = rows;
        const int first_block = static_cast<int>(static_cast<long long>(blocks) * part / parts);
        const int end_block = static_cast<int>(static_cast<long long>(blocks) * (part + 1) / parts);
        job.kv_begin = first_block * t.blocking.kv_block;
        job.kv_end = std::min(len, end_block * t.blocking.kv_block);
        job.part = part;
        job.parts = parts;
        plan.jobs.push_back(job);
      }
      if (parts > 1) plan.combines.push_back({b, row0, rows, parts, 0});
    }
  }

  // Longest jobs first onto the least-loaded core; ties go round the dies in turn so both dies
  // (each with its own HBM) get the same share.
  std::vector<int> core_order;
  for (int i = 0; i < hw.aic_per_die; ++i)
    for (int d = 0; d < hw.dies; ++d) core_order.push_back(d * hw.aic_per_die + i);
  std::vector<int> order(plan.jobs.size());
  std::iota(order.begin(), order.end(), 0);
  auto blocks_of = [&](const Job& j) { return ceil_div(j.kv_end - j.kv_begin, t.blocking.kv_block); };
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return blocks_of(plan.jobs[a]) > blocks_of(plan.jobs[b]);
  });
  std::vector<long long> load(plan.cores, 0);
  plan.core_jobs.assign(plan.cores, {});
  for (int j : order) {
    int best = core_order[0];
    for (int core : core_order) {
      if (load[core] < load[best]) best = core;
    }
    load[best] += blocks_of(plan.jobs[j]) * static_cast<long long>(plan.jobs[j].rows);
    plan.jobs[j].core = best;
    plan.core_jobs[best].push_back(j);
  }
  // Tasks in execution order, core by core.
  for (int core = 0; core < plan.cores; ++core) {
    for (int j : plan.core_jobs[core]) {
      Job& job = plan.jobs[j];
      job.first_task = static_cast<int>(plan.tasks.size());
      const int blocks = blocks_of(job);
      for (int k = 0; k < blocks; ++k) {
        Task task;
        task.job = j;
        task.kv_block = k;
        task.kv_begin = job.kv_begin + k * t.blocking.kv_block;
        task.tokens = std::min(t.blocking.kv_block, job.kv_end - task.kv_begin);
        task.first_of_job = k == 0;
        task.last_of_job = k == blocks - 1;
        plan.tasks.push_back(task);
      }
      job.task_count = blocks;
    }
  }
  for (std::size_t i = 0; i < plan.combines.size(); ++i) {
    plan.combines[i].core = core_order[i % core_order.size()];
  }
  return plan;
}

}  // namespace amla
