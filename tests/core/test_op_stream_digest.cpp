// The kernel's instruction streams and their simulation, pinned: for a set of configurations the
// op sequence (lane, kind, bytes, FLOPs) and every op's start and end cycle are hashed and compared
// with the digests recorded from the implementation before a refactoring; so is everything else
// the views read from the trace ("views": tasks, levels, traffic, wait reasons, cross-core flag
// edges, slot intervals and buffer occupancy). A change here means the
// kernel program or the simulator now does something else: if that is intended, re-record by
// running build/bin/amla_core_tests --gtest_filter='OpStreamDigest.*' with the environment
// variable AMLA_RECORD_OP_DIGESTS=tests/core/data/op_stream_digests.json, and say why in the
// commit.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/hw/hardware_presets.h"
#include "core/run/simulation_run.h"

namespace amla {
namespace {

struct DigestCase {
  std::string name;
  KernelConfig config;
  std::string preset = "910C-package";
};

std::vector<DigestCase> digest_cases() {
  std::vector<DigestCase> cases;
  const auto small = [] {
    KernelConfig c;
    c.problem.batch = 4;
    c.problem.kv_len = 2048;
    return c;
  };
  for (int preload = 0; preload <= 2; ++preload) {
    for (const KernelVariant v : {KernelVariant::kAmla, KernelVariant::kBaseline}) {
      KernelConfig c = small();
      c.tiling.preload = preload;
      c.variant = v;
      cases.push_back({std::string(variant_name(v)) + "_preload" + std::to_string(preload), c});
    }
  }
  for (const KvSplitPolicy p : {KvSplitPolicy::kNone, KvSplitPolicy::kAuto, KvSplitPolicy::kFixed,
                                KvSplitPolicy::kBalanced}) {
    KernelConfig c = small();
    c.problem.batch = 3;
    c.problem.kv_len = 5000;  // a ragged last block
    c.tiling.kv_split = p;
    c.tiling.kv_splits = 3;
    cases.push_back({std::string("split_") + kv_split_name(p), c});
  }
  {
    KernelConfig c = small();
    c.problem.heads = 16;
    c.problem.q_tokens = 1;
    c.tiling.blocking.rows_per_task = 16;  // one request's 16 x 1 rows
    c.tiling.m_tile = 64;
    c.tiling.qp_buffers = 2;
    c.problem.kv_lens = {100, 700, 2048, 4097};
    cases.push_back({"ragged_lengths_small_rows", c});
  }
  {
    KernelConfig c = small();
    c.tiling.blocking.rows_per_task = 128;
    c.tiling.blocking.kv_block = 1024;
    c.tiling.ub_chunk_bytes = 16 * 1024;
    c.tiling.gm_slots = 3;
    c.variant = KernelVariant::kBaseline;
    cases.push_back({"baseline_other_tiling", c});
  }
  {
    KernelConfig c = small();
    c.problem.q_tokens = 4;
    c.problem.batch = 2;
    cases.push_back({"q_tokens4_910B4", c, "910B4"});
  }
  {
    KernelConfig c;  // the calibration shape (the paper's), AMLA, preload 2
    c.problem.batch = 128;
    c.problem.kv_len = 16384;
    cases.push_back({"calibration", c});
  }
  return cases;
}

// FNV-1a over the bytes of each field, in trace order (lanes in order, ops by start).
struct Fnv {
  std::uint64_t h = 1469598103934665603ull;
  template <class T>
  void add(const T& v) {
    unsigned char bytes[sizeof(T)];
    std::memcpy(bytes, &v, sizeof(T));
    for (unsigned char b : bytes) h = (h ^ b) * 1099511628211ull;
  }
};

nlohmann::json digest_of(const SimulationRun& run) {
  const OpTrace& ops = run.trace.ops;
  Fnv stream, timing;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    stream.add(ops.lane[i]);
    stream.add(static_cast<std::uint8_t>(ops.kind[i]));
    stream.add(ops.bytes(i));
    stream.add(ops.flops(i));
    timing.add(ops.start[i]);
    timing.add(ops.end[i]);
  }
  Fnv views;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    views.add(ops.task[i]);
    views.add(ops.level(i));
    views.add(ops.traffic(i));
    if (ops.has_reasons()) {
      views.add(static_cast<std::uint8_t>(ops.reason[i]));
      views.add(ops.blocker[i]);
      views.add(ops.reason_id[i]);
      views.add(ops.shared_cycles[i]);
    }
  }
  for (const FlagEdge& e : run.trace.flags) {
    views.add(e.set_op);
    views.add(e.wait_op);
    views.add(e.set_cycle);
    views.add(e.ready_cycle);
    views.add(e.flag_id);
  }
  for (const SlotInterval& s : run.trace.slot_intervals) {
    // Hashed as the types they had when the digests were recorded.
    const SlotPlace& place = run.trace.place_of(s);
    views.add(place.track);
    views.add(s.slot);
    views.add(place.offset);
    views.add(place.size);
    views.add(static_cast<std::int64_t>(s.start));
    views.add(static_cast<std::int64_t>(s.end));
    views.add(static_cast<std::uint8_t>(s.producer));
    views.add(s.task);
  }
  for (const BufferTrack& b : run.trace.buffers) {
    for (std::size_t k = 0; k < b.time.size(); ++k) {
      views.add(b.time[k]);
      views.add(b.used[k]);
    }
  }
  char hex[3][17];
  std::snprintf(hex[0], sizeof hex[0], "%016llx", static_cast<unsigned long long>(stream.h));
  std::snprintf(hex[1], sizeof hex[1], "%016llx", static_cast<unsigned long long>(timing.h));
  std::snprintf(hex[2], sizeof hex[2], "%016llx", static_cast<unsigned long long>(views.h));
  return {{"ops", ops.size()},
          {"stream", hex[0]},
          {"timing", hex[1]},
          {"views", hex[2]},
          {"makespan_cycles", run.metrics.makespan_cycles}};
}

std::string data_path() { return std::string(AMLA_TEST_DATA_DIR) + "/op_stream_digests.json"; }

TEST(OpStreamDigest, EveryCaseMatchesTheRecordedStreamsAndTimes) {
  nlohmann::json recorded;
  const char* record = std::getenv("AMLA_RECORD_OP_DIGESTS");
  if (!record) {
    std::ifstream in(data_path());
    ASSERT_TRUE(in) << data_path();
    in >> recorded;
  }
  nlohmann::json now = nlohmann::json::object();
  for (const DigestCase& c : digest_cases()) {
    const SimulationRun run = run_simulation(find_preset(c.preset), c.config);
    now[c.name] = digest_of(run);
    if (!record) {
      ASSERT_TRUE(recorded.contains(c.name)) << c.name;
      EXPECT_EQ(now[c.name], recorded[c.name]) << c.name;
    }
  }
  if (record) {
    std::ofstream(record) << now.dump(2) << "\n";
  } else {
    EXPECT_EQ(recorded.size(), now.size());
  }
}

}  // namespace
}  // namespace amla
