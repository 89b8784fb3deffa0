#include "core/kernel/program_layout.h"

#include <algorithm>

namespace amla::program {

namespace {

int add_flag(ProgramLayout& layout, const FlagDef& flag) {
  layout.flags.push_back(flag);
  return static_cast<int>(layout.flags.size()) - 1;
}

// The one place a flag gets its name: `route` is the hand-off in the kernel's stage names
// (C1 = MM1 on the Cube, V1 = the softmax on the Vector, C2 = MM2, V2 = the O update) or, inside
// a unit, its pipes ("AIC MTE2->MTE1"); `what` says what was handed over. The timeline labels
// its arrows with the route; tooltips and deadlock reports use the whole name.
void name_flag(FlagDef& flag, const std::string& where, const std::string& route,
               const std::string& what) {
  flag.route = route;
  flag.name = where + " " + route + " (" + what + ")";
}

// Between two pipes of one unit (SetFlag / WaitFlag).
int local_flag(ProgramLayout& layout, const HardwareModel& hw, int core, const std::string& route,
               const std::string& what) {
  FlagDef flag;
  name_flag(flag, "core " + std::to_string(core), route, what);
  flag.latency = hw.intra_core_flag_latency_cycles;
  return add_flag(layout, flag);
}

// Between the AIC and an AIV (CrossCoreSetFlag): slower, and only so many sets can be pending.
int cross_flag(ProgramLayout& layout, const HardwareModel& hw, int core, const std::string& route,
               const std::string& what) {
  FlagDef flag;
  name_flag(flag, "core " + std::to_string(core), route, what);
  flag.latency = hw.cross_core_flag_latency_cycles;
  flag.max_pending = hw.cross_core_flag_max_pending;
  flag.cross_core = true;
  return add_flag(layout, flag);
}

// `count` slots of `size` bytes on `track`, laid out from `offset` on (which it advances).
SlotRing add_slots(ProgramLayout& layout, int track, int count, std::int64_t size,
                   std::int64_t& offset, const std::string& name) {
  SlotRing ring;
  ring.first = static_cast<int>(layout.slot_defs.size());
  ring.count = count;
  for (int i = 0; i < count; ++i) {
    layout.slot_defs.push_back({track, offset, size, name + " " + std::to_string(i)});
    offset += size;
  }
  return ring;
}

}  // namespace

void add_shared_resources(ProgramLayout& layout, const HardwareModel& hw) {
  for (int die = 0; die < hw.dies; ++die) {
    layout.resources.push_back(
        {"HBM die " + std::to_string(die), hw.hbm_bytes_per_cycle_per_die()});
    layout.resources.push_back({"L2 die " + std::to_string(die), hw.l2_bytes_per_cycle_per_die()});
  }
}

int add_combine_flag(ProgramLayout& layout, const HardwareModel& hw, int combine) {
  FlagDef flag;
  name_flag(flag, "combine " + std::to_string(combine), "V2->combine", "parts done");
  flag.latency = hw.cross_core_flag_latency_cycles;
  flag.cross_core = true;
  flag.level = true;  // each part's AIVs set it once; the combine waits for all of them
  return add_flag(layout, flag);
}

CoreFlags add_core_flags(ProgramLayout& layout, const HardwareModel& hw, int core) {
  CoreFlags f;
  const auto local = [&](const std::string& route, const std::string& what) {
    return local_flag(layout, hw, core, route, what);
  };
  const auto cross = [&](const std::string& route, const std::string& what) {
    return cross_flag(layout, hw, core, route, what);
  };
  f.qp_loaded = local("AIC MTE2->MTE1", "Q/P tile");
  f.kv_loaded = local("AIC MTE2->MTE1", "K/V tile");
  f.l0a_filled = local("AIC MTE1->CUBE", "L0A");
  f.l0b_filled = local("AIC MTE1->CUBE", "L0B");
  f.l0c_done = local("AIC CUBE->FIXP", "L0C");
  f.aic_scalar = local("AIC SCALAR->MTE2", "set-up");
  f.p_written = cross("V1->C2", "P~ written");
  f.o_rescaled = cross("V2->C2", "O rescaled");
  for (int aiv = 0; aiv < kAivs; ++aiv) {
    const std::string unit = "AIV" + std::to_string(aiv);
    for (Pipe pipe : {Pipe::kMte2, Pipe::kVector, Pipe::kMte3}) {
      const std::string to = ", to " + unit + " " + pipe_name(pipe);
      f.s_written[aiv][static_cast<int>(pipe)] = cross("C1->V1", "S written" + to);
      f.pv_landed[aiv][static_cast<int>(pipe)] = cross("C2->V2", "P V landed" + to);
    }
    f.ub_loaded[aiv] = local(unit + " MTE2->VECTOR", "UB chunk loaded");
    f.ub_computed[aiv] = local(unit + " VECTOR->MTE3", "UB chunk computed");
    f.o_stored[aiv] = local(unit + " MTE3->MTE2", "O written");
    f.scalar_to_mte2[aiv] = local(unit + " SCALAR->MTE2", "set-up");
    f.scalar_to_vector[aiv] = local(unit + " SCALAR->VECTOR", "set-up");
  }
  return f;
}

CoreSlots add_core_buffers(ProgramLayout& layout, const HardwareModel& hw, int core,
                           const Tiling& tiling, const TileBytes& tiles, int latent_dim) {
  const int l1 = static_cast<int>(layout.tracks.size());
  const int l0a = l1 + 1, l0b = l1 + 2, l0c = l1 + 3, ub0 = l1 + 4, gm = l1 + 6;
  const auto track = [&](Unit unit, BufferKind kind, std::int64_t capacity, const char* name) {
    BufferTrack buffer;
    buffer.core = core;
    buffer.unit = unit;
    buffer.buffer = kind;
    buffer.capacity = capacity;
    buffer.name = name;
    layout.tracks.push_back(buffer);
  };
  track(Unit::kAic, BufferKind::kL1, hw.l1_bytes, "L1");
  track(Unit::kAic, BufferKind::kL0A, hw.l0a_bytes, "L0A");
  track(Unit::kAic, BufferKind::kL0B, hw.l0b_bytes, "L0B");
  track(Unit::kAic, BufferKind::kL0C, hw.l0c_bytes, "L0C");
  track(Unit::kAiv0, BufferKind::kUB, hw.ub_bytes, "UB (AIV0)");
  track(Unit::kAiv1, BufferKind::kUB, hw.ub_bytes, "UB (AIV1)");
  track(Unit::kAic, BufferKind::kGmWorkspace, tiles.gm_per_core, "GM workspace");

  // One slot size serves both matmuls: MM1's Q / K tiles and MM2's P~ / V tiles share a ring.
  CoreSlots s;
  std::int64_t offset = 0;
  s.l1_qp =
      add_slots(layout, l1, tiling.qp_buffers, std::max(tiles.q_tile, tiles.p_tile), offset, "QP");
  s.l1_kv =
      add_slots(layout, l1, tiling.kv_buffers, std::max(tiles.k_tile, tiles.v_tile), offset, "KV");
  offset = 0;
  s.l0a = add_slots(layout, l0a, tiling.l0ab_buffers, std::max(tiles.l0a_mm1, tiles.l0a_mm2),
                    offset, "L0A");
  offset = 0;
  s.l0b = add_slots(layout, l0b, tiling.l0ab_buffers, std::max(tiles.l0b_mm1, tiles.l0b_mm2),
                    offset, "L0B");
  offset = 0;
  s.l0c = add_slots(layout, l0c, tiling.l0c_buffers, tiles.l0c_tile, offset, "L0C");
  for (int aiv = 0; aiv < kAivs; ++aiv) {
    offset = 0;
    const int ub = ub0 + aiv;
    s.ub_in[aiv] =
        add_slots(layout, ub, tiling.ub_input_buffers, tiling.ub_chunk_bytes, offset, "in");
    s.ub_out[aiv] = add_slots(layout, ub, 2, tiling.ub_chunk_bytes, offset, "out");
    s.ub_static[aiv] = add_slots(layout, ub, 1, tiles.ub_static, offset, "temp+mask+state").first;
  }
  const std::int64_t rows = tiling.blocking.rows_per_task;
  const std::int64_t kv_tokens = tiling.blocking.kv_block;
  offset = 0;
  s.gm_s = add_slots(layout, gm, tiling.gm_slots, rows * kv_tokens * 4, offset, "S");
  s.gm_p = add_slots(layout, gm, tiling.gm_slots, rows * kv_tokens * 2, offset, "P~");
  s.gm_o = add_slots(layout, gm, 2, rows * latent_dim * 4, offset, "O");
  s.gm_pv = add_slots(layout, gm, tiling.gm_slots, rows * latent_dim * 4, offset, "PV");
  return s;
}

}  // namespace amla::program
