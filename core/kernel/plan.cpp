#include "core/kernel/plan.h"

#include <algorithm>
#include <numeric>

#include "core/common/input_error.h"
#include "core/common/memory_budget.h"
#include "core/kernel/kernel_params.h"

namespace amla {

namespace {

constexpr std::int64_t kUbStaticBytes = (32 + 8 + 12) * 1024;  // temp, mask, per-row state

int ceil_div(int a, int b) { return (a + b - 1) / b; }

std::string kib(std::int64_t bytes) { return format_bytes(static_cast<double>(bytes)); }

// Every error names the parameter by its schema id; its text refers to others as {id}, so each
// front end shows it at its own field in its own words (kernel_params.h).
void require(bool ok, const char* id, long long value, const std::string& limit) {
  if (!ok) throw InputError(id, format_param_value(param(id), value), limit);
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
  b.l1_total =
      t.qp_buffers * std::max(b.q_tile, b.p_tile) + t.kv_buffers * std::max(b.k_tile, b.v_tile);
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
  // Each value within its own range first (the schema's), then the rules between them.
  for (const ParamDef& p : kernel_params()) check_param_value(p, std::string(p.id), p.get(c));
  const Problem& problem = c.problem;
  const Tiling& t = c.tiling;
  if (!problem.kv_lens.empty()) {
    require(static_cast<int>(problem.kv_lens.size()) == problem.batch, "problem.batch",
            problem.batch,
            "needs one length per batch entry: " + std::to_string(problem.kv_lens.size()) +
                " lengths are given");
    for (const int len : problem.kv_lens) {
      check_param_value(param("problem.kv_len"), "problem.kv_len", len);
    }
  }
  const int head_dim = problem.latent_dim + problem.rope_dim;
  require(t.blocking.rows_per_task <= problem.rows_per_batch(), "tiling.rows_per_task",
          t.blocking.rows_per_task,
          "at most the rows of one request, {problem.heads} x {problem.q_tokens} = " +
              std::to_string(problem.rows_per_batch()) + ": a task never spans two requests");
  require(t.l1_k_split <= head_dim, "tiling.l1_k_split", t.l1_k_split,
          "at most the head dimension {problem.latent_dim} + {problem.rope_dim} = " +
              std::to_string(head_dim));
  require(t.mm1_k_slice <= t.l1_k_split, "tiling.mm1_k_slice", t.mm1_k_slice,
          "at most {tiling.l1_k_split} = " + std::to_string(t.l1_k_split) +
              ": a k-slice is cut from one L1 tile");
  require(
      t.mm2_n_tile <= problem.latent_dim, "tiling.mm2_n_tile", t.mm2_n_tile,
      "at most {problem.latent_dim} = " + std::to_string(problem.latent_dim) + ", the width of V");
  require(t.mm2_k_slice <= t.mm2_k_split, "tiling.mm2_k_slice", t.mm2_k_slice,
          "at most {tiling.mm2_k_split} = " + std::to_string(t.mm2_k_split) +
              ": a k-slice is cut from one L1 tile");

  const TileBytes b = compute_tile_bytes(t, problem);
  // A chunk of S must hold at least one whole row (the softmax works on full rows).
  require(t.ub_chunk_bytes >= std::int64_t{t.blocking.kv_block} * 4, "tiling.ub_chunk_bytes",
          t.ub_chunk_bytes,
          "one S row of {tiling.kv_block} = " + std::to_string(t.blocking.kv_block) +
              " FP32 values (" + kib(std::int64_t{t.blocking.kv_block} * 4) + ") must fit a chunk");
  const auto fit = [](const char* id, long long value, std::int64_t needed, std::int64_t capacity,
                      const std::string& what) {
    if (needed > capacity) {
      throw InputError(id, std::to_string(value),
                       what + " needs " + kib(needed) + ", capacity " + kib(capacity));
    }
  };
  fit("tiling.l1_k_split", t.l1_k_split, std::max(b.q_tile, b.k_tile), hw.l1_bytes,
      "one Q/K tile " + std::to_string(std::max(t.m_tile, t.mm1_n_tile)) + "x" +
          std::to_string(t.l1_k_split) +
          " BF16 in L1 ({tiling.m_tile} or {tiling.mm1_n_tile} x {tiling.l1_k_split})");
  fit("tiling.kv_buffers", t.kv_buffers, b.l1_total, hw.l1_bytes,
      "L1: " + std::to_string(t.qp_buffers) + " QP buffers x " + kib(std::max(b.q_tile, b.p_tile)) +
          " + " + std::to_string(t.kv_buffers) + " KV buffers x " +
          kib(std::max(b.k_tile, b.v_tile)));
  const bool mm1_wider_l0a = b.l0a_mm1 >= b.l0a_mm2;
  fit(mm1_wider_l0a ? "tiling.mm1_k_slice" : "tiling.mm2_k_slice",
      mm1_wider_l0a ? t.mm1_k_slice : t.mm2_k_slice, b.l0a_total, hw.l0a_bytes,
      "L0A: " + std::to_string(t.l0ab_buffers) + " x " + kib(std::max(b.l0a_mm1, b.l0a_mm2)) +
          " slices");
  const bool mm1_wider_l0b = b.l0b_mm1 >= b.l0b_mm2;
  fit(mm1_wider_l0b ? "tiling.mm1_k_slice" : "tiling.mm2_k_slice",
      mm1_wider_l0b ? t.mm1_k_slice : t.mm2_k_slice, b.l0b_total, hw.l0b_bytes,
      "L0B: " + std::to_string(t.l0ab_buffers) + " x " + kib(std::max(b.l0b_mm1, b.l0b_mm2)) +
          " slices");
  fit("tiling.l0c_buffers", t.l0c_buffers, b.l0c_total, hw.l0c_bytes,
      "L0C: " + std::to_string(t.l0c_buffers) + " x " + std::to_string(t.m_tile) + "x" +
          std::to_string(std::max(t.mm1_n_tile, t.mm2_n_tile)) + " FP32 tiles of " +
          kib(b.l0c_tile));
  fit("tiling.ub_chunk_bytes", t.ub_chunk_bytes, b.ub_total, hw.ub_bytes,
      "UB: " + std::to_string(t.ub_input_buffers) + " input + 2 output chunks + " +
          kib(b.ub_static) + " of temp, mask and row state");

  // Configurations that could never finish, caught before they hang.
  const int m_tiles = ceil_div(t.blocking.rows_per_task, t.m_tile);
  const int k_halves = ceil_div(head_dim, t.l1_k_split);
  const int mm2_k_halves = ceil_div(t.blocking.kv_block, t.mm2_k_split);
  require(t.l0c_buffers >= m_tiles, "tiling.l0c_buffers", t.l0c_buffers,
          "MM1 accumulates all " + std::to_string(m_tiles) +
              " row tiles of an N tile at once: needs >= " + std::to_string(m_tiles) +
              ", or the Cube would wait forever for a tile it holds itself");
  const int resident = std::max(m_tiles * k_halves, m_tiles * mm2_k_halves);
  require(t.qp_buffers >= resident, "tiling.qp_buffers", t.qp_buffers,
          "MM1 keeps its Q tiles (and MM2 its P~ tiles, {tiling.kv_block} / "
          "{tiling.mm2_k_split} per row tile of {tiling.m_tile}) resident across N tiles: needs " +
              std::to_string(resident) + " QP buffers, or the Cube waits on itself");
}

namespace {

struct WholeJob {
  int batch, row0, rows, len, blocks;
};

Job make_job(const WholeJob& w, int first_block, int end_block, int kv_block) {
  Job job;
  job.batch = w.batch;
  job.row0 = w.row0;
  job.rows = w.rows;
  job.kv_begin = first_block * kv_block;
  job.kv_end = std::min(w.len, end_block * kv_block);
  return job;
}

void number_parts(Plan& plan, int first_job, const WholeJob& w, int combine_core) {
  const int parts = static_cast<int>(plan.jobs.size()) - first_job;
  for (int k = 0; k < parts; ++k) {
    plan.jobs[static_cast<std::size_t>(first_job + k)].part = k;
    plan.jobs[static_cast<std::size_t>(first_job + k)].parts = parts;
  }
  if (parts > 1) plan.combines.push_back({w.batch, w.row0, w.rows, parts, combine_core});
}

// Flash-decoding as FlashMLA schedules it: every core gets the same number of KV blocks (+-1).
// The jobs are laid end to end and cut where a core's share ends; a job cut into several parts
// gets a combine, run by the core of its last part.
void assign_balanced(const std::vector<WholeJob>& wholes, const std::vector<int>& core_order,
                     int kv_block, Plan& plan) {
  long long total = 0;
  for (const auto& w : wholes) total += w.blocks;
  const int cores = static_cast<int>(core_order.size());
  const auto quota = [&](int i) { return total / cores + (i < total % cores ? 1 : 0); };
  int slot = 0;
  long long used = 0;
  for (const WholeJob& w : wholes) {
    const int first_job = static_cast<int>(plan.jobs.size());
    int block = 0;
    while (block < w.blocks) {
      while (slot < cores - 1 && used >= quota(slot)) {
        ++slot;
        used = 0;
      }
      const long long room = std::max<long long>(1, quota(slot) - used);
      const int take = static_cast<int>(std::min<long long>(room, w.blocks - block));
      Job job = make_job(w, block, block + take, kv_block);
      job.core = core_order[static_cast<std::size_t>(slot)];
      plan.jobs.push_back(job);
      block += take;
      used += take;
    }
    number_parts(plan, first_job, w, plan.jobs.back().core);
  }
}

// Whole jobs (or a fixed number of KV parts each), longest first onto the least-loaded core.
void assign_greedy(const std::vector<WholeJob>& wholes, int splits,
                   const std::vector<int>& core_order, int kv_block, Plan& plan) {
  for (const WholeJob& w : wholes) {
    const int first_job = static_cast<int>(plan.jobs.size());
    const int parts = std::max(1, std::min(splits, w.blocks));
    for (int part = 0; part < parts; ++part) {
      const int b0 = static_cast<int>(static_cast<long long>(w.blocks) * part / parts);
      const int b1 = static_cast<int>(static_cast<long long>(w.blocks) * (part + 1) / parts);
      plan.jobs.push_back(make_job(w, b0, b1, kv_block));
    }
    number_parts(plan, first_job, w, 0);
  }
  std::vector<int> order(plan.jobs.size());
  std::iota(order.begin(), order.end(), 0);
  const auto blocks_of = [&](int j) {
    return ceil_div(plan.jobs[j].kv_end - plan.jobs[j].kv_begin, kv_block);
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return blocks_of(a) > blocks_of(b); });
  std::vector<long long> load(static_cast<std::size_t>(plan.cores), 0);
  for (int j : order) {
    int best = core_order[0];
    for (int core : core_order) {
      if (load[static_cast<std::size_t>(core)] < load[static_cast<std::size_t>(best)]) best = core;
    }
    load[static_cast<std::size_t>(best)] +=
        blocks_of(j) * static_cast<long long>(plan.jobs[static_cast<std::size_t>(j)].rows);
    plan.jobs[static_cast<std::size_t>(j)].core = best;
  }
  for (std::size_t i = 0; i < plan.combines.size(); ++i) {
    plan.combines[i].core = core_order[i % core_order.size()];
  }
}

}  // namespace

std::int64_t count_tasks(const KernelConfig& c) {
  const Problem& p = c.problem;
  const int kv_block = std::max(1, c.tiling.blocking.kv_block);
  const std::int64_t row_blocks =
      ceil_div(p.rows_per_batch(), std::max(1, c.tiling.blocking.rows_per_task));
  std::int64_t blocks = 0;
  for (int b = 0; b < p.batch; ++b) {
    const int len =
        (p.kv_lens.size() == static_cast<std::size_t>(p.batch)) ? p.kv_lens[b] : p.kv_len;
    blocks += ceil_div(std::max(1, len), kv_block);
  }
  return blocks * row_blocks;
}

Plan make_plan(const KernelConfig& c, const HardwareModel& hw) {
  validate_kernel_config(c, hw);
  const Problem& p = c.problem;
  const Tiling& t = c.tiling;
  const int kv_block = t.blocking.kv_block;
  Plan plan;
  plan.cores = hw.total_aic();
  plan.tiles = compute_tile_bytes(t, p);
  plan.m_tiles = ceil_div(t.blocking.rows_per_task, t.m_tile);

  std::vector<WholeJob> wholes;
  const int rows_total = p.rows_per_batch();
  const int row_blocks = ceil_div(rows_total, t.blocking.rows_per_task);
  for (int b = 0; b < p.batch; ++b) {
    for (int rb = 0; rb < row_blocks; ++rb) {
      const int row0 = rb * t.blocking.rows_per_task;
      wholes.push_back({b, row0, std::min(t.blocking.rows_per_task, rows_total - row0),
                        p.kv_len_of(b), ceil_div(p.kv_len_of(b), kv_block)});
    }
  }
  // Cores in the order that goes round the dies in turn, so both dies (each with its own HBM
  // and L2) get the same share.
  std::vector<int> core_order;
  for (int i = 0; i < hw.aic_per_die; ++i)
    for (int d = 0; d < hw.dies; ++d) core_order.push_back(d * hw.aic_per_die + i);

  if (t.kv_split == KvSplitPolicy::kBalanced) {
    assign_balanced(wholes, core_order, kv_block, plan);
  } else {
    int splits = 1;
    if (t.kv_split == KvSplitPolicy::kFixed) splits = t.kv_splits;
    const int whole_jobs = static_cast<int>(wholes.size());
    if (t.kv_split == KvSplitPolicy::kAuto && whole_jobs < plan.cores) {
      splits = ceil_div(plan.cores, whole_jobs);
    }
    assign_greedy(wholes, splits, core_order, kv_block, plan);
  }

  plan.core_jobs.assign(static_cast<std::size_t>(plan.cores), {});
  for (std::size_t j = 0; j < plan.jobs.size(); ++j) {
    plan.core_jobs[static_cast<std::size_t>(plan.jobs[j].core)].push_back(static_cast<int>(j));
  }
  // Tasks in execution order, core by core.
  for (int core = 0; core < plan.cores; ++core) {
    for (int j : plan.core_jobs[static_cast<std::size_t>(core)]) {
      Job& job = plan.jobs[static_cast<std::size_t>(j)];
      job.first_task = static_cast<int>(plan.tasks.size());
      const int blocks = ceil_div(job.kv_end - job.kv_begin, kv_block);
      for (int k = 0; k < blocks; ++k) {
        Task task;
        task.job = j;
        task.kv_begin = job.kv_begin + k * kv_block;
        task.kv_block = task.kv_begin / kv_block;
        task.tokens = std::min(kv_block, job.kv_end - task.kv_begin);
        task.first_of_job = k == 0;
        task.last_of_job = k == blocks - 1;
        plan.tasks.push_back(task);
      }
      job.task_count = blocks;
    }
  }
  return plan;
}

}  // namespace amla
