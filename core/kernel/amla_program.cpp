#include "core/kernel/amla_program.h"

#include <algorithm>
#include <cmath>

#include "core/common/cancelled.h"

namespace amla {

namespace {

constexpr int kAivs = 2;
constexpr int kTracksPerCore = 7;  // L1, L0A, L0B, L0C, UB (AIV0), UB (AIV1), GM workspace

int ceil_div(int a, int b) { return (a + b - 1) / b; }

enum class Level { kLocal, kL2, kHbm };

// A ring of equally sized slots inside one buffer; the next tile takes the next slot.
struct SlotRing {
  int first = 0;
  int count = 1;
  int next = 0;
  int take() {
    const int slot = first + next;
    next = (next + 1) % count;
    return slot;
  }
};

struct CoreState {
  std::vector<int> tasks;  // Plan task indices in execution order
  std::vector<int> combines;
  int round = 0;
  int rounds = 0;
  int die = 0;
  // Intra-core flags of the AIC.
  int q_ready = 0, k_ready = 0, a_ready = 0, b_ready = 0, c_ready = 0, aic_scalar = 0;
  // Cross-core flags: AIC -> AIV h, one counter per consuming pipe (a counter shared by two
  // pipes would let the wrong one take a set), and both AIVs -> AIC (waited with count 2).
  int s_ready[kAivs][kPipeCount] = {}, o_ready[kAivs][kPipeCount] = {};
  int p_ready = 0, n_done = 0;
  // Intra-core flags of each AIV.
  int ld_ready[kAivs] = {}, vec_ready[kAivs] = {}, o_written[kAivs] = {};
  int aiv_scalar_mte2[kAivs] = {}, aiv_scalar_vec[kAivs] = {};
  // Slot rings.
  SlotRing qp, kv, l0a, l0b, l0c, ub_in[kAivs], ub_out[kAivs], gm_s, gm_p, gm_o, gm_pv;
  int ub_static[kAivs] = {};
  bool ub_static_taken[kAivs] = {};
};

class KernelProgram : public ProgramSource {
 public:
  KernelProgram(const KernelConfig& config, const HardwareModel& hw, const Plan& plan)
      : cfg_(config), hw_(hw), plan_(plan), t_(config.tiling) {
    head_dim_ = cfg_.problem.latent_dim + cfg_.problem.rope_dim;
    latent_ = cfg_.problem.latent_dim;
    amla_ = cfg_.variant == KernelVariant::kAmla;
    layout_.cores = plan.cores;
    for (int d = 0; d < hw.dies; ++d) {
      layout_.resources.push_back(
          {"HBM die " + std::to_string(d), hw.hbm_bytes_per_cycle_per_die()});
      layout_.resources.push_back({"L2 die " + std::to_string(d), hw.l2_bytes_per_cycle_per_die()});
    }
    task_s_use_.assign(plan.tasks.size(), -1);
    task_p_use_.assign(plan.tasks.size(), -1);
    task_pv_use_.assign(plan.tasks.size(), -1);
    job_o_use_.assign(plan.jobs.size(), -1);
    job_combine_.assign(plan.jobs.size(), -1);
    for (std::size_t i = 0; i < plan.combines.size(); ++i) {
      const CombineJob& cj = plan.combines[i];
      FlagDef f;
      f.name = "combine " + std::to_string(i) + " parts done";
      f.latency = hw.cross_core_flag_latency_cycles;
      f.cross_core = true;
      f.level = true;
      combine_flag_.push_back(add_flag(f));
      for (std::size_t j = 0; j < plan.jobs.size(); ++j) {
        if (plan.jobs[j].batch == cj.batch && plan.jobs[j].row0 == cj.row0 &&
            plan.jobs[j].parts > 1)
          job_combine_[j] = static_cast<int>(i);
      }
    }
    cores_.resize(plan.cores);
    for (int c = 0; c < plan.cores; ++c) setup_core(c);
  }

  ProgramLayout& layout() override { return layout_; }
  int cores() const override { return plan_.cores; }

  bool emit_next_round(int core, InstructionSink& sink) override {
    CoreState& cs = cores_[core];
    if (cs.round >= cs.rounds) return false;
    const int r = cs.round++;
    const int T = static_cast<int>(cs.tasks.size());
    const int p = t_.preload;
    if (r >= T + (p == 0 ? 0 : p)) {  // the closing round: flash-decoding combines
      for (int cj : cs.combines) emit_combine(core, cj, sink);
      return true;
    }
    if (p == 0) {
      emit_mm1(core, cs.tasks[r], sink);
      for (int h = 0; h < kAivs; ++h) emit_vec1(core, h, cs.tasks[r], sink);
      emit_mm2(core, cs.tasks[r], sink);
      for (int h = 0; h < kAivs; ++h) emit_post(core, h, cs.tasks[r], sink);
      return true;
    }
    // Preload: MM1 of task r runs ahead while the Vector cores work on task r-1; the work
    // after MM2 (baseline update, final Vec2) trails by preload - 1 more rounds.
    if (r < T) emit_mm1(core, cs.tasks[r], sink);
    if (r >= 1 && r <= T) {
      for (int h = 0; h < kAivs; ++h) emit_vec1(core, h, cs.tasks[r - 1], sink);
      emit_mm2(core, cs.tasks[r - 1], sink);
    }
    const int post = r - p;
    if (post >= 0 && post < T) {
      for (int h = 0; h < kAivs; ++h) emit_post(core, h, cs.tasks[post], sink);
    }
    return true;
  }

 private:
  // ---- layout -------------------------------------------------------------------------------
  int add_flag(const FlagDef& f) {
    layout_.flags.push_back(f);
    return static_cast<int>(layout_.flags.size()) - 1;
  }
  int local_flag(int core, const std::string& name) {
    FlagDef f;
    f.name = "core " + std::to_string(core) + " " + name;
    f.latency = hw_.intra_core_flag_latency_cycles;
    return add_flag(f);
  }
  int cross_flag(int core, const std::string& name) {
    FlagDef f;
    f.name = "core " + std::to_string(core) + " " + name;
    f.latency = hw_.cross_core_flag_latency_cycles;
    f.max_pending = hw_.cross_core_flag_max_pending;
    f.cross_core = true;
    return add_flag(f);
  }
  SlotRing add_slots(int track, int count, std::int64_t size, std::int64_t& offset,
                     const std::string& name) {
    SlotRing ring;
    ring.first = static_cast<int>(layout_.slot_defs.size());
    ring.count = count;
    for (int i = 0; i < count; ++i) {
      layout_.slot_defs.push_back({track, offset, size, name + " " + std::to_string(i)});
      offset += size;
    }
    return ring;
  }
  int new_use(int slot, int releases, int task, OpKind producer) {
    layout_.uses.push_back({slot, static_cast<std::int16_t>(releases), task, producer});
    return static_cast<int>(layout_.uses.size()) - 1;
  }

  void setup_core(int c) {
    CoreState& cs = cores_[c];
    cs.die = c / hw_.aic_per_die;
    for (int j : plan_.core_jobs[c]) {
      const Job& job = plan_.jobs[j];
      for (int k = 0; k < job.task_count; ++k) cs.tasks.push_back(job.first_task + k);
    }
    for (std::size_t i = 0; i < plan_.combines.size(); ++i) {
      if (plan_.combines[i].core == c) cs.combines.push_back(static_cast<int>(i));
    }
    const int T = static_cast<int>(cs.tasks.size());
    cs.rounds = T + (T > 0 ? t_.preload : 0) + 1;

    cs.q_ready = local_flag(c, "AIC MTE2->MTE1 (Q/P tile)");
    cs.k_ready = local_flag(c, "AIC MTE2->MTE1 (K/V tile)");
    cs.a_ready = local_flag(c, "AIC MTE1->CUBE (L0A)");
    cs.b_ready = local_flag(c, "AIC MTE1->CUBE (L0B)");
    cs.c_ready = local_flag(c, "AIC CUBE->FIXP (L0C)");
    cs.aic_scalar = local_flag(c, "AIC SCALAR->MTE2");
    cs.p_ready = cross_flag(c, "V1->C2 (P~ written)");
    cs.n_done = cross_flag(c, "V1nupdate->C2 (O rescaled)");
    for (int h = 0; h < kAivs; ++h) {
      const std::string aiv = "AIV" + std::to_string(h) + " ";
      for (Pipe pipe : {Pipe::kMte2, Pipe::kVector, Pipe::kMte3}) {
        const std::string to = std::string(" to ") + pipe_name(pipe);
        cs.s_ready[h][static_cast<int>(pipe)] = cross_flag(c, "C1->" + aiv + "(S written)" + to);
        cs.o_ready[h][static_cast<int>(pipe)] = cross_flag(c, "C2->" + aiv + "(P V landed)" + to);
      }
      cs.ld_ready[h] = local_flag(c, aiv + "MTE2->VECTOR");
      cs.vec_ready[h] = local_flag(c, aiv + "VECTOR->MTE3");
      cs.o_written[h] = local_flag(c, aiv + "MTE3->MTE2 (O written)");
      cs.aiv_scalar_mte2[h] = local_flag(c, aiv + "SCALAR->MTE2");
      cs.aiv_scalar_vec[h] = local_flag(c, aiv + "SCALAR->VECTOR");
    }

    const TileBytes& b = plan_.tiles;
    const int base = static_cast<int>(layout_.tracks.size());
    auto track = [&](Unit u, BufferKind kind, std::int64_t capacity, const std::string& name) {
      BufferTrack tr;
      tr.core = c;
      tr.unit = u;
      tr.buffer = kind;
      tr.capacity = capacity;
      tr.name = name;
      layout_.tracks.push_back(tr);
    };
    track(Unit::kAic, BufferKind::kL1, hw_.l1_bytes, "L1");
    track(Unit::kAic, BufferKind::kL0A, hw_.l0a_bytes, "L0A");
    track(Unit::kAic, BufferKind::kL0B, hw_.l0b_bytes, "L0B");
    track(Unit::kAic, BufferKind::kL0C, hw_.l0c_bytes, "L0C");
    track(Unit::kAiv0, BufferKind::kUB, hw_.ub_bytes, "UB (AIV0)");
    track(Unit::kAiv1, BufferKind::kUB, hw_.ub_bytes, "UB (AIV1)");
    track(Unit::kAic, BufferKind::kGmWorkspace, b.gm_per_core, "GM workspace");

    std::int64_t off = 0;
    cs.qp = add_slots(base + 0, t_.qp_buffers, std::max(b.q_tile, b.p_tile), off, "QP");
    cs.kv = add_slots(base + 0, t_.kv_buffers, std::max(b.k_tile, b.v_tile), off, "KV");
    off = 0;
    cs.l0a = add_slots(base + 1, t_.l0ab_buffers, std::max(b.l0a_mm1, b.l0a_mm2), off, "L0A");
    off = 0;
    cs.l0b = add_slots(base + 2, t_.l0ab_buffers, std::max(b.l0b_mm1, b.l0b_mm2), off, "L0B");
    off = 0;
    cs.l0c = add_slots(base + 3, t_.l0c_buffers, b.l0c_tile, off, "L0C");
    for (int h = 0; h < kAivs; ++h) {
      off = 0;
      cs.ub_in[h] = add_slots(base + 4 + h, t_.ub_input_buffers, t_.ub_chunk_bytes, off, "in");
      cs.ub_out[h] = add_slots(base + 4 + h, 2, t_.ub_chunk_bytes, off, "out");
      cs.ub_static[h] = add_slots(base + 4 + h, 1, b.ub_static, off, "temp+mask+state").first;
    }
    const std::int64_t rows = t_.blocking.rows_per_task;
    const std::int64_t s2 = t_.blocking.kv_block;
    off = 0;
    cs.gm_s = add_slots(base + 6, t_.gm_slots, rows * s2 * 4, off, "S");
    cs.gm_p = add_slots(base + 6, t_.gm_slots, rows * s2 * 2, off, "P~");
    cs.gm_o = add_slots(base + 6, 2, rows * latent_ * 4, off, "O");
    cs.gm_pv = add_slots(base + 6, t_.gm_slots, rows * latent_ * 4, off, "PV");
  }

  // ---- instruction helpers ------------------------------------------------------------------
  Instr transfer(OpKind kind, int task, double bytes, double rate, Level level, int die,
                 double factor = 1.0) const {
    Instr in;
    in.kind = kind;
    in.task = task;
    in.work = bytes;
    const double efficiency = bytes / (bytes + hw_.dma_half_efficiency_bytes);
    in.peak = static_cast<float>(std::max(1e-3, rate * efficiency));
    in.resource_factor = static_cast<float>(factor);
    if (level == Level::kL2) {
      in.resource = static_cast<std::int8_t>(die * 2 + 1);
      in.latency = static_cast<float>(hw_.l2_hit_latency_cycles);
    } else if (level == Level::kHbm) {
      in.resource = static_cast<std::int8_t>(die * 2);
      in.latency = static_cast<float>(hw_.l2_hit_latency_cycles + hw_.hbm_extra_latency_cycles);
    }
    return in;
  }
  static Instr compute(OpKind kind, int task, double cycles, double flops = 0) {
    Instr in;
    in.kind = kind;
    in.task = task;
    in.work = std::max(1.0, cycles);
    in.flops = flops;
    return in;
  }
  double mmad_cycles(int m, int n, int k) const {
    const double fractals = std::ceil(m / 16.0) * std::ceil(n / 16.0) * std::ceil(k / 16.0);
    return hw_.mmad_startup_cycles + fractals * 8192.0 / hw_.cube_flops_per_cycle;
  }
  double repeats(double bytes) const { return std::ceil(bytes / hw_.vector_bytes_per_repeat); }
  // n vector instructions: start-up each, plus per-repeat costs.
  double vector_cycles(int instructions, double per_repeat_cycles, double bytes,
                       double reduced_elements = 0) const {
    return instructions * hw_.vector_startup_cycles + repeats(bytes) * per_repeat_cycles +
           reduced_elements * hw_.vector_reduce_cycles_per_element;
  }
  int scalar_op(int core, Unit unit, int flag, int task, double extra, InstructionSink& sink) {
    Instr s = compute(OpKind::kScalarSetup, task, hw_.scalar_setup_cycles + extra);
    s.set(flag);
    sink.push(lane_index(core, unit, Pipe::kScalar), s);
    return flag;
  }
  int aiv_rows(int rows, int h) const {
    const int first = (rows + 1) / 2;
    return h == 0 ? first : rows - first;
  }
  void push(int core, Unit unit, Pipe pipe, const Instr& in, InstructionSink& sink) {
    sink.push(lane_index(core, unit, pipe), in);
  }

  // Which pipe of AIV h takes the hand-off of MM1 (S written) and of MM2 (P V landed).
  Pipe s_consumer(const Job& job, int h) const {
    return aiv_rows(job.rows, h) > 0 ? Pipe::kMte2 : Pipe::kVector;
  }
  Pipe o_consumer(const Task& task, int h) const {
    if (aiv_rows(plan_.jobs[task.job].rows, h) == 0) return Pipe::kVector;
    if (amla_ && !task.last_of_job) return Pipe::kMte3;  // the next block's INT32 atomic add
    return Pipe::kMte2;                                  // Vec2's or the update's first load
  }
  int s_ready(const CoreState& cs, const Job& job, int h) const {
    return cs.s_ready[h][int(s_consumer(job, h))];
  }
  // The o_ready flag the work of `task` on AIV h waits for: set by the MM2 of `producer`.
  int o_ready(const CoreState& cs, const Task& producer, int h) const {
    return cs.o_ready[h][int(o_consumer(producer, h))];
  }

  // One L0 k-slice of a matmul: MTE1 moves the left slice (Q or P~) into L0A and the right one
  // (K or V) into L0B, then the Cube accumulates their product into the L0C tile.
  struct SliceStep {
    OpKind mmad = OpKind::kMmadQK;
    int rows = 0, cols = 0, depth = 0;  // M, N and this slice's K
    bool first_use_of_a = false;        // wait for the L1 tile's load
    int last_use_of_a = -1;             // the L1 slot use this move releases, or -1
    bool first_use_of_b = false;
    int last_use_of_b = -1;
    bool opens_l0c = false;   // first slice into a fresh L0C tile
    bool closes_l0c = false;  // last slice: hand the tile to FixPipe
  };
  void emit_slice(int core, int t, const SliceStep& step, int& l0c_use, InstructionSink& sink) {
    CoreState& cs = cores_[core];
    const int a_use = new_use(cs.l0a.take(), 1, t, OpKind::kMoveL0A);
    Instr ma = transfer(OpKind::kMoveL0A, t, double(step.rows) * step.depth * 2,
                        hw_.mte1_l1_to_l0a_bytes_per_cycle, Level::kLocal, cs.die);
    if (step.first_use_of_a) ma.wait(cs.q_ready);
    ma.take(a_use);
    if (step.last_use_of_a >= 0) ma.give(step.last_use_of_a);
    ma.set(cs.a_ready);
    push(core, Unit::kAic, Pipe::kMte1, ma, sink);
    const int b_use = new_use(cs.l0b.take(), 1, t, OpKind::kMoveL0B);
    Instr mb = transfer(OpKind::kMoveL0B, t, double(step.depth) * step.cols * 2,
                        hw_.mte1_l1_to_l0b_bytes_per_cycle, Level::kLocal, cs.die);
    if (step.first_use_of_b) mb.wait(cs.k_ready);
    mb.take(b_use);
    if (step.last_use_of_b >= 0) mb.give(step.last_use_of_b);
    mb.set(cs.b_ready);
    push(core, Unit::kAic, Pipe::kMte1, mb, sink);
    Instr mm = compute(step.mmad, t, mmad_cycles(step.rows, step.cols, step.depth),
                       2.0 * step.rows * step.cols * step.depth);
    mm.wait(cs.a_ready);
    mm.wait(cs.b_ready);
    mm.give(a_use);
    mm.give(b_use);
    if (step.opens_l0c) {
      l0c_use = new_use(cs.l0c.take(), 1, t, step.mmad);
      mm.take(l0c_use);
    }
    if (step.closes_l0c) mm.set(cs.c_ready);
    push(core, Unit::kAic, Pipe::kCube, mm, sink);
  }

  // ---- MM1: S = [Q|Qrope][K|Krope]^T -> GM ---------------------------------------------------
  void emit_mm1(int core, int t, InstructionSink& sink) {
    CoreState& cs = cores_[core];
    const Task& task = plan_.tasks[t];
    const Job& job = plan_.jobs[task.job];
    const int R = job.rows, T = task.tokens;
    const int Mt = ceil_div(R, t_.m_tile), Nt = ceil_div(T, t_.mm1_n_tile);
    const int Kh = ceil_div(head_dim_, t_.l1_k_split);
    const double dispatch = task.first_of_job ? hw_.block_dispatch_cycles : 0.0;
    int scalar = scalar_op(core, Unit::kAic, cs.aic_scalar, t, dispatch, sink);
    std::vector<int> q_use(static_cast<std::size_t>(Mt * Kh), -1);
    std::vector<int> l0c_use(static_cast<std::size_t>(Mt), -1);
    bool first_fixp = true;
    for (int n = 0; n < Nt; ++n) {
      const int tok = std::min(t_.mm1_n_tile, T - n * t_.mm1_n_tile);
      for (int k = 0; k < Kh; ++k) {
        const int cols = std::min(t_.l1_k_split, head_dim_ - k * t_.l1_k_split);
        const int kv_use = new_use(cs.kv.take(), 1, t, OpKind::kLoadK);
        Instr lk = transfer(OpKind::kLoadK, t, double(tok) * cols * 2,
                            hw_.mte2_gm_to_l1_bytes_per_cycle, Level::kHbm, cs.die);
        if (scalar >= 0) lk.wait(scalar), scalar = -1;
        lk.take(kv_use);
        lk.set(cs.k_ready);
        push(core, Unit::kAic, Pipe::kMte2, lk, sink);
        for (int m = 0; m < Mt; ++m) {
          const int rows = std::min(t_.m_tile, R - m * t_.m_tile);
          int& qu = q_use[static_cast<std::size_t>(m * Kh + k)];
          if (n == 0) {
            qu = new_use(cs.qp.take(), 1, t, OpKind::kLoadQ);
            Instr lq = transfer(OpKind::kLoadQ, t, double(rows) * cols * 2,
                                hw_.mte2_gm_to_l1_bytes_per_cycle,
                                task.first_of_job ? Level::kHbm : Level::kL2, cs.die);
            lq.take(qu);
            lq.set(cs.q_ready);
            push(core, Unit::kAic, Pipe::kMte2, lq, sink);
          }
          const int slices = ceil_div(cols, t_.mm1_k_slice);
          for (int s = 0; s < slices; ++s) {
            SliceStep step;
            step.mmad = OpKind::kMmadQK;
            step.rows = rows;
            step.cols = tok;
            step.depth = std::min(t_.mm1_k_slice, cols - s * t_.mm1_k_slice);
            step.first_use_of_a = n == 0 && s == 0;
            step.last_use_of_a = n == Nt - 1 && s == slices - 1 ? qu : -1;
            step.first_use_of_b = m == 0 && s == 0;
            step.last_use_of_b = m == Mt - 1 && s == slices - 1 ? kv_use : -1;
            step.opens_l0c = k == 0 && s == 0;
            step.closes_l0c = k == Kh - 1 && s == slices - 1;
            emit_slice(core, t, step, l0c_use[static_cast<std::size_t>(m)], sink);
          }
        }
        if (k != Kh - 1) continue;
        for (int m = 0; m < Mt; ++m) {
          const int rows = std::min(t_.m_tile, R - m * t_.m_tile);
          Instr fx = transfer(OpKind::kFixpS, t, double(rows) * tok * 4, hw_.fixp_bytes_per_cycle,
                              Level::kL2, cs.die);
          fx.wait(cs.c_ready);
          fx.give(l0c_use[static_cast<std::size_t>(m)]);
          if (first_fixp) {
            task_s_use_[t] = new_use(cs.gm_s.take(), kAivs, t, OpKind::kFixpS);
            fx.take(task_s_use_[t]);
            first_fixp = false;
          }
          if (n == Nt - 1 && m == Mt - 1) {
            for (int h = 0; h < kAivs; ++h) fx.set(cs.s_ready[h][int(s_consumer(job, h))]);
          }
          push(core, Unit::kAic, Pipe::kFixp, fx, sink);
        }
      }
    }
  }

  // ---- MM2: O (+)= P~ V ----------------------------------------------------------------------
  void emit_mm2(int core, int t, InstructionSink& sink) {
    CoreState& cs = cores_[core];
    const Task& task = plan_.tasks[t];
    const Job& job = plan_.jobs[task.job];
    const int R = job.rows, T = task.tokens;
    const int Mt = ceil_div(R, t_.m_tile), Nt = ceil_div(latent_, t_.mm2_n_tile);
    const int Kt = ceil_div(T, t_.mm2_k_split);
    int scalar = scalar_op(core, Unit::kAic, cs.aic_scalar, t, 0, sink);
    std::vector<int> p_use(static_cast<std::size_t>(Mt * Kt), -1);
    std::vector<int> l0c_use(static_cast<std::size_t>(Mt), -1);
    bool first_load_p = true, first_fixp = true;
    for (int n = 0; n < Nt; ++n) {
      const int cols = std::min(t_.mm2_n_tile, latent_ - n * t_.mm2_n_tile);
      for (int k = 0; k < Kt; ++k) {
        const int tok = std::min(t_.mm2_k_split, T - k * t_.mm2_k_split);
        const int v_use = new_use(cs.kv.take(), 1, t, OpKind::kLoadV);
        // The V rows are the K rows MM1 just read: L2 hits.
        Instr lv = transfer(OpKind::kLoadV, t, double(tok) * cols * 2,
                            hw_.mte2_gm_to_l1_bytes_per_cycle, Level::kL2, cs.die);
        if (scalar >= 0) lv.wait(scalar), scalar = -1;
        lv.take(v_use);
        lv.set(cs.k_ready);
        push(core, Unit::kAic, Pipe::kMte2, lv, sink);
        for (int m = 0; m < Mt; ++m) {
          const int rows = std::min(t_.m_tile, R - m * t_.m_tile);
          int& pu = p_use[static_cast<std::size_t>(m * Kt + k)];
          if (n == 0) {
            pu = new_use(cs.qp.take(), 1, t, OpKind::kLoadP);
            Instr lp = transfer(OpKind::kLoadP, t, double(rows) * tok * 2,
                                hw_.mte2_gm_to_l1_bytes_per_cycle, Level::kL2, cs.die);
            if (first_load_p) {
              lp.wait(cs.p_ready, kAivs);
              first_load_p = false;
            }
            lp.take(pu);
            if (m == Mt - 1 && k == Kt - 1) lp.give(task_p_use_[t]);
            lp.set(cs.q_ready);
            push(core, Unit::kAic, Pipe::kMte2, lp, sink);
          }
          const int slices = ceil_div(tok, t_.mm2_k_slice);
          for (int s = 0; s < slices; ++s) {
            SliceStep step;
            step.mmad = OpKind::kMmadPV;
            step.rows = rows;
            step.cols = cols;
            step.depth = std::min(t_.mm2_k_slice, tok - s * t_.mm2_k_slice);
            step.first_use_of_a = n == 0 && s == 0;
            step.last_use_of_a = n == Nt - 1 && s == slices - 1 ? pu : -1;
            step.first_use_of_b = m == 0 && s == 0;
            step.last_use_of_b = m == Mt - 1 && s == slices - 1 ? v_use : -1;
            step.opens_l0c = k == 0 && s == 0;
            step.closes_l0c = k == Kt - 1 && s == slices - 1;
            emit_slice(core, t, step, l0c_use[static_cast<std::size_t>(m)], sink);
          }
        }
      }
      for (int m = 0; m < Mt; ++m) {
        const int rows = std::min(t_.m_tile, R - m * t_.m_tile);
        const double bytes = double(rows) * cols * 4;
        Instr fx;
        if (amla_) {
          // Block 1 writes O; later blocks add into it atomically (read-modify-write in L2).
          fx = transfer(OpKind::kFixpO, t, bytes, hw_.fixp_bytes_per_cycle, Level::kL2, cs.die,
                        task.first_of_job ? 1.0 : hw_.atomic_rmw_factor);
          if (first_fixp && !task.first_of_job) fx.wait(cs.n_done, kAivs);
          if (first_fixp && task.first_of_job) {
            job_o_use_[task.job] = new_use(cs.gm_o.take(), kAivs, t, OpKind::kFixpO);
            fx.take(job_o_use_[task.job]);
          }
        } else {
          fx = transfer(OpKind::kFixpPV, t, bytes, hw_.fixp_bytes_per_cycle, Level::kL2, cs.die);
          if (first_fixp) {
            task_pv_use_[t] = new_use(cs.gm_pv.take(), kAivs, t, OpKind::kFixpPV);
            fx.take(task_pv_use_[t]);
          }
        }
        first_fixp = false;
        fx.wait(cs.c_ready);
        fx.give(l0c_use[static_cast<std::size_t>(m)]);
        if (n == Nt - 1 && m == Mt - 1) {
          for (int h = 0; h < kAivs; ++h) fx.set(cs.o_ready[h][int(o_consumer(task, h))]);
        }
        push(core, Unit::kAic, Pipe::kFixp, fx, sink);
      }
    }
  }

  // ---- Vec1: softmax of S into P~, the AMLA scalars, and AMLA's integer rescale of O ---------
  void emit_vec1(int core, int h, int t, InstructionSink& sink) {
    CoreState& cs = cores_[core];
    const Task& task = plan_.tasks[t];
    const Job& job = plan_.jobs[task.job];
    const Unit unit = h == 0 ? Unit::kAiv0 : Unit::kAiv1;
    const int rows = aiv_rows(job.rows, h);
    const int T = task.tokens;
    int scalar =
        scalar_op(core, unit, rows > 0 ? cs.aiv_scalar_mte2[h] : cs.aiv_scalar_vec[h], t, 0, sink);
    if (task_p_use_[t] < 0) task_p_use_[t] = new_use(cs.gm_p.take(), 1, t, OpKind::kStoreP);
    const int chunk_rows = std::max(1, t_.ub_chunk_bytes / (T * 4));
    const int chunks = ceil_div(rows, chunk_rows);
    for (int c = 0; c < chunks; ++c) {
      const int rc = std::min(chunk_rows, rows - c * chunk_rows);
      const int in_use = new_use(cs.ub_in[h].take(), 1, t, OpKind::kLoadS);
      Instr ls = transfer(OpKind::kLoadS, t, double(rc) * T * 4, hw_.mte2_gm_to_ub_bytes_per_cycle,
                          Level::kL2, cs.die);
      if (c == 0) {
        ls.wait(s_ready(cs, job, h));
        ls.wait(scalar);
      }
      ls.take(in_use);
      if (c == chunks - 1) ls.give(task_s_use_[t]);
      ls.set(cs.ld_ready[h]);
      push(core, unit, Pipe::kMte2, ls, sink);

      const double elems = double(rc) * T;
      // scale, row max, subtract, exp, row sum, (x c^ for AMLA), cast to BF16.
      const int instrs = amla_ ? 7 : 6;
      const double per_repeat = 3 * hw_.vector_cycles_tensor_scalar +
                                hw_.vector_cycles_tensor_tensor +
                                (amla_ ? hw_.vector_cycles_tensor_scalar : 0.0);
      const int out_use = new_use(cs.ub_out[h].take(), 1, t, OpKind::kVecSoftmax);
      Instr vs =
          compute(OpKind::kVecSoftmax, t, vector_cycles(instrs, per_repeat, elems * 4, 2 * elems));
      vs.wait(cs.ld_ready[h]);
      vs.take(out_use);
      if (!cs.ub_static_taken[h]) {  // temp, mask and row state stay for the whole kernel
        vs.take(new_use(cs.ub_static[h], 1, t, OpKind::kVecSoftmax));
        cs.ub_static_taken[h] = true;
      }
      vs.give(in_use);
      vs.set(cs.vec_ready[h]);
      push(core, unit, Pipe::kVector, vs, sink);

      Instr sp =
          transfer(OpKind::kStoreP, t, elems * 2, hw_.mte3_bytes_per_cycle, Level::kL2, cs.die);
      sp.wait(cs.vec_ready[h]);
      sp.give(out_use);
      if (c == 0) sp.take(task_p_use_[t]);
      if (c == chunks - 1) sp.set(cs.p_ready);
      push(core, unit, Pipe::kMte3, sp, sink);
    }
    // The per-row scalars (AMLA: n, dn, c, c^, k, e, N; baseline: the exp(m_old - m_new)).
    Instr sc = compute(
        OpKind::kVecScalars, t,
        vector_cycles(amla_ ? 14 : 4, hw_.vector_cycles_tensor_tensor, std::max(1, rows) * 4.0));
    if (chunks == 0) {  // no rows for this AIV: still take part in the hand-offs
      sc.wait(s_ready(cs, job, h));
      sc.give(task_s_use_[t]);
      sc.set(cs.p_ready);
      if (scalar >= 0) sc.wait(scalar);
    }
    push(core, unit, Pipe::kVector, sc, sink);

    if (!amla_ || task.first_of_job) return;
    // AMLA: as_int32(O) += N, broadcast over rows x 512 and added by the MTE3 INT32 atomic add.
    const int o_rows = std::max(1, t_.ub_chunk_bytes / (latent_ * 4));
    const int o_chunks = ceil_div(rows, o_rows);
    for (int c = 0; c < o_chunks; ++c) {
      const int rc = std::min(o_rows, rows - c * o_rows);
      const double bytes = double(rc) * latent_ * 4;
      const int out_use = new_use(cs.ub_out[h].take(), 1, t, OpKind::kVecBroadcastN);
      Instr bn = compute(OpKind::kVecBroadcastN, t,
                         vector_cycles(1, hw_.vector_cycles_tensor_scalar, bytes));
      bn.take(out_use);
      bn.set(cs.vec_ready[h]);
      push(core, unit, Pipe::kVector, bn, sink);
      Instr add = transfer(OpKind::kAtomicAddN, t, bytes, hw_.mte3_bytes_per_cycle, Level::kL2,
                           cs.die, hw_.atomic_rmw_factor);
      add.wait(cs.vec_ready[h]);
      if (c == 0) add.wait(o_ready(cs, plan_.tasks[t - 1], h));  // previous block's P V landed
      add.give(out_use);
      if (c == o_chunks - 1) add.set(cs.n_done);
      push(core, unit, Pipe::kMte3, add, sink);
    }
    if (o_chunks == 0) {
      Instr idle = compute(OpKind::kVecScalars, t, hw_.vector_startup_cycles);
      idle.wait(o_ready(cs, plan_.tasks[t - 1], h));
      idle.set(cs.n_done);
      push(core, unit, Pipe::kVector, idle, sink);
    }
  }

  // ---- After MM2: the baseline's O update (every block) and the final Vec2 -----------------
  void emit_post(int core, int h, int t, InstructionSink& sink) {
    CoreState& cs = cores_[core];
    const Task& task = plan_.tasks[t];
    const Job& job = plan_.jobs[task.job];
    if (amla_ && !task.last_of_job) return;  // AMLA's O stays in GM until the last block
    const Unit unit = h == 0 ? Unit::kAiv0 : Unit::kAiv1;
    const int rows = aiv_rows(job.rows, h);
    const bool split = job.parts > 1;
    int scalar =
        scalar_op(core, unit, rows > 0 ? cs.aiv_scalar_mte2[h] : cs.aiv_scalar_vec[h], t, 0, sink);
    const int o_rows = std::max(1, t_.ub_chunk_bytes / (latent_ * 4));
    const int chunks = ceil_div(rows, o_rows);
    if (!amla_ && task.first_of_job && !task.last_of_job && job_o_use_[task.job] < 0) {
      job_o_use_[task.job] = new_use(cs.gm_o.take(), kAivs, t, OpKind::kStoreO);
    }
    for (int c = 0; c < chunks; ++c) {
      const int rc = std::min(o_rows, rows - c * o_rows);
      const double bytes = double(rc) * latent_ * 4;
      const double repeats_bytes = bytes;
      int loads = 0;
      int in_a = -1, in_b = -1;
      if (amla_) {
        in_a = new_use(cs.ub_in[h].take(), 1, t, OpKind::kLoadO);
        Instr lo = transfer(OpKind::kLoadO, t, bytes, hw_.mte2_gm_to_ub_bytes_per_cycle, Level::kL2,
                            cs.die);
        if (c == 0) {
          lo.wait(o_ready(cs, task, h));
          lo.wait(scalar);
        }
        lo.take(in_a);
        lo.set(cs.ld_ready[h]);
        push(core, unit, Pipe::kMte2, lo, sink);
        loads = 1;
      } else {
        in_a = new_use(cs.ub_in[h].take(), 1, t, OpKind::kLoadPV);
        Instr lpv = transfer(OpKind::kLoadPV, t, bytes, hw_.mte2_gm_to_ub_bytes_per_cycle,
                             Level::kL2, cs.die);
        if (c == 0) {
          lpv.wait(o_ready(cs, task, h));
          lpv.wait(scalar);
        }
        lpv.take(in_a);
        if (c == chunks - 1) lpv.give(task_pv_use_[t]);
        lpv.set(cs.ld_ready[h]);
        push(core, unit, Pipe::kMte2, lpv, sink);
        loads = 1;
        if (!task.first_of_job) {  // old O, written back by the previous update
          in_b = new_use(cs.ub_in[h].take(), 1, t, OpKind::kLoadO);
          Instr lo = transfer(OpKind::kLoadO, t, bytes, hw_.mte2_gm_to_ub_bytes_per_cycle,
                              Level::kL2, cs.die);
          if (c == 0) lo.wait(cs.o_written[h]);
          lo.take(in_b);
          lo.set(cs.ld_ready[h]);
          push(core, unit, Pipe::kMte2, lo, sink);
          loads = 2;
        }
      }
      const bool final_block = task.last_of_job;
      double cycles = 0;
      int instrs = 0;
      if (!amla_) {  // O * exp(m_old - m_new) + PV
        cycles += repeats(repeats_bytes) *
                  (hw_.vector_cycles_tensor_scalar + hw_.vector_cycles_tensor_tensor);
        instrs += 2;
      }
      if (final_block) {  // guard (AMLA), divide by l (x c^), cast
        cycles +=
            repeats(repeats_bytes) * ((amla_ ? 2 * hw_.vector_cycles_tensor_tensor : 0.0) +
                                      hw_.vector_cycles_divide + hw_.vector_cycles_tensor_scalar);
        instrs += amla_ ? 4 : 2;
      }
      cycles += instrs * hw_.vector_startup_cycles;
      const int out_use =
          new_use(cs.ub_out[h].take(), 1, t, final_block ? OpKind::kVecFinal : OpKind::kVecRescale);
      Instr v = compute(final_block ? OpKind::kVecFinal : OpKind::kVecRescale, t, cycles);
      v.wait(cs.ld_ready[h], static_cast<std::int16_t>(loads));
      v.take(out_use);
      v.give(in_a);
      if (in_b >= 0) v.give(in_b);
      v.set(cs.vec_ready[h]);
      push(core, unit, Pipe::kVector, v, sink);

      Instr st;
      if (final_block) {
        // Split jobs write an FP32 partial and its log-sum-exp for the combine; others BF16.
        st = split ? transfer(OpKind::kStoreOut, t, double(rc) * (latent_ * 4 + 4),
                              hw_.mte3_bytes_per_cycle, Level::kL2, cs.die)
                   : transfer(OpKind::kStoreOut, t, double(rc) * latent_ * 2,
                              hw_.mte3_bytes_per_cycle, Level::kHbm, cs.die);
        if (c == chunks - 1 && job_o_use_[task.job] >= 0) st.give(job_o_use_[task.job]);
        if (c == chunks - 1 && split) st.set(combine_flag_[job_combine_[task.job]]);
      } else {
        st = transfer(OpKind::kStoreO, t, bytes, hw_.mte3_bytes_per_cycle, Level::kL2, cs.die);
        if (c == 0 && task.first_of_job) st.take(job_o_use_[task.job]);
        if (c == chunks - 1) st.set(cs.o_written[h]);
      }
      st.wait(cs.vec_ready[h]);
      st.give(out_use);
      push(core, unit, Pipe::kMte3, st, sink);
    }
    if (chunks == 0) {  // an AIV without rows still consumes the hand-off and signals
      Instr idle = compute(OpKind::kVecScalars, t, hw_.vector_startup_cycles);
      idle.wait(o_ready(cs, task, h));
      idle.wait(scalar);
      if (!amla_) idle.give(task_pv_use_[t]);
      if (task.last_of_job && job_o_use_[task.job] >= 0) idle.give(job_o_use_[task.job]);
      if (task.last_of_job && split) idle.set(combine_flag_[job_combine_[task.job]]);
      push(core, unit, Pipe::kVector, idle, sink);
    }
  }

  // ---- Flash-decoding combine of KV-split parts ---------------------------------------------
  void emit_combine(int core, int ci, InstructionSink& sink) {
    CoreState& cs = cores_[core];
    const CombineJob& cj = plan_.combines[static_cast<std::size_t>(ci)];
    for (int h = 0; h < kAivs; ++h) {
      const Unit unit = h == 0 ? Unit::kAiv0 : Unit::kAiv1;
      const int rows = aiv_rows(cj.rows, h);
      const int o_rows = std::max(1, t_.ub_chunk_bytes / (latent_ * 4 * std::max(1, cj.parts)));
      const int chunks = ceil_div(rows, o_rows);
      for (int c = 0; c < chunks; ++c) {
        const int rc = std::min(o_rows, rows - c * o_rows);
        const double bytes = double(rc) * (latent_ * 4 + 4) * cj.parts;
        const int in_use = new_use(cs.ub_in[h].take(), 1, -1, OpKind::kLoadO);
        Instr lo = transfer(OpKind::kLoadO, -1, bytes, hw_.mte2_gm_to_ub_bytes_per_cycle,
                            Level::kL2, cs.die);
        if (c == 0) lo.wait(combine_flag_[static_cast<std::size_t>(ci)], 2 * cj.parts);
        lo.take(in_use);
        lo.set(cs.ld_ready[h]);
        push(core, unit, Pipe::kMte2, lo, sink);
        // Per part: exp(lse - max), scale, accumulate; then divide and cast.
        const double cycles =
            (3 * cj.parts + 2) * hw_.vector_startup_cycles +
            repeats(double(rc) * latent_ * 4) *
                (cj.parts * (hw_.vector_cycles_tensor_tensor + hw_.vector_cycles_tensor_scalar) +
                 hw_.vector_cycles_divide);
        const int out_use = new_use(cs.ub_out[h].take(), 1, -1, OpKind::kCombine);
        Instr v = compute(OpKind::kCombine, -1, cycles);
        v.wait(cs.ld_ready[h]);
        v.take(out_use);
        v.give(in_use);
        v.set(cs.vec_ready[h]);
        push(core, unit, Pipe::kVector, v, sink);
        Instr st = transfer(OpKind::kStoreOut, -1, double(rc) * latent_ * 2,
                            hw_.mte3_bytes_per_cycle, Level::kHbm, cs.die);
        st.wait(cs.vec_ready[h]);
        st.give(out_use);
        push(core, unit, Pipe::kMte3, st, sink);
      }
    }
  }

  KernelConfig cfg_;
  HardwareModel hw_;
  const Plan& plan_;
  const Tiling& t_;
  int head_dim_ = 576;
  int latent_ = 512;
  bool amla_ = true;
  ProgramLayout layout_;
  std::vector<CoreState> cores_;
  std::vector<int> task_s_use_, task_p_use_, task_pv_use_, job_o_use_, job_combine_;
  std::vector<int> combine_flag_;
};

class CountingSink : public InstructionSink {
 public:
  void push(int lane, const Instr&) override {
    ++count;
    if (per_lane) ++(*per_lane)[static_cast<std::size_t>(lane)];
  }
  std::int64_t count = 0;
  std::vector<std::int64_t>* per_lane = nullptr;
};

}  // namespace

std::unique_ptr<ProgramSource> make_kernel_program(const KernelConfig& config,
                                                   const HardwareModel& hw, const Plan& plan) {
  return std::make_unique<KernelProgram>(config, hw, plan);
}

ProgramCounts count_program(const KernelConfig& config, const HardwareModel& hw, const Plan& plan,
                            const std::atomic<bool>* cancel) {
  KernelProgram program(config, hw, plan);
  ProgramCounts counts;
  counts.lane_ops.assign(static_cast<std::size_t>(program.cores()) * kUnitCount * kPipeCount, 0);
  CountingSink sink;
  sink.per_lane = &counts.lane_ops;
  for (int c = 0; c < program.cores(); ++c) {
    while (program.emit_next_round(c, sink)) {
      counts.slot_uses += static_cast<std::int64_t>(program.layout().uses.size());
      program.layout().uses.clear();  // only the count matters here
      if (cancel && cancel->load(std::memory_order_relaxed)) throw Cancelled();
    }
  }
  counts.ops = sink.count;
  return counts;
}

}  // namespace amla
