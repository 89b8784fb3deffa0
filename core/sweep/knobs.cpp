#include "core/sweep/knobs.h"

#include <cerrno>
#include <cstdlib>
#include <functional>

#include "core/common/input_error.h"
#include "core/hw/hardware_presets.h"

namespace amla {

namespace {

struct Knob {
  KnobInfo info;
  std::function<void(RunConfig&, const std::string& field, const std::string&)> set;
  std::function<std::string(const RunConfig&)> get;
};

int parse_int(const std::string& field, const std::string& text, long long lo, long long hi) {
  errno = 0;
  char* end = nullptr;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno == ERANGE || v < lo || v > hi) {
    throw InputError(
        field, text.empty() ? "''" : text,
        "must be an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  }
  return static_cast<int>(v);
}

// An integer knob bound to one field of the configuration.
Knob int_knob(const char* name, const char* description, long long lo, long long hi,
              int& (*field)(RunConfig&)) {
  return {{name, description},
          [=](RunConfig& c, const std::string& f, const std::string& v) {
            field(c) = parse_int(f, v, lo, hi);
            if (std::string(name) == "kv-len") c.kernel.problem.kv_lens.clear();
          },
          [=](const RunConfig& c) { return std::to_string(field(const_cast<RunConfig&>(c))); }};
}

const std::vector<Knob>& knobs() {
  using RC = RunConfig;
  static const std::vector<Knob> table = {
      {{"preset", "hardware preset"},
       [](RC& c, const std::string& f, const std::string& v) {
         try {
           c.hardware = find_preset(v);
         } catch (const InputError& e) {
           throw InputError(f, v, e.limit());
         }
       },
       [](const RC& c) { return c.hardware.name; }},
      {{"variant", "amla or baseline"},
       [](RC& c, const std::string& f, const std::string& v) {
         c.kernel.variant = parse_variant(f, v);
       },
       [](const RC& c) { return std::string(variant_name(c.kernel.variant)); }},
      {{"kv-split", "balanced, auto, fixed or none"},
       [](RC& c, const std::string& f, const std::string& v) {
         c.kernel.tiling.kv_split = parse_kv_split(f, v);
       },
       [](const RC& c) { return std::string(kv_split_name(c.kernel.tiling.kv_split)); }},
      int_knob("batch", "requests", 1, 65536, [](RC& c) -> int& { return c.kernel.problem.batch; }),
      int_knob("q-tokens", "query tokens per request", 1, 16,
               [](RC& c) -> int& { return c.kernel.problem.q_tokens; }),
      int_knob("heads", "attention heads", 1, 1024,
               [](RC& c) -> int& { return c.kernel.problem.heads; }),
      int_knob("kv-len", "KV sequence length S_k", 1, 1 << 24,
               [](RC& c) -> int& { return c.kernel.problem.kv_len; }),
      int_knob("page-size", "KV page size", 1, 65536,
               [](RC& c) -> int& { return c.kernel.problem.page_size; }),
      int_knob("preload", "Preload Pipeline depth 0, 1, 2", 0, 2,
               [](RC& c) -> int& { return c.kernel.tiling.preload; }),
      int_knob("rows-per-task", "mBase", 1, 4096,
               [](RC& c) -> int& { return c.kernel.tiling.blocking.rows_per_task; }),
      int_knob("kv-block", "s2Base: KV tokens per task", 1, 65536,
               [](RC& c) -> int& { return c.kernel.tiling.blocking.kv_block; }),
      int_knob("l1-k-split", "MM1 K columns per L1 tile", 1, 4096,
               [](RC& c) -> int& { return c.kernel.tiling.l1_k_split; }),
      int_knob("mm1-n-tile", "KV tokens per MM1 N tile", 1, 4096,
               [](RC& c) -> int& { return c.kernel.tiling.mm1_n_tile; }),
      int_knob("mm1-k-slice", "MM1 L0 k-slice", 1, 4096,
               [](RC& c) -> int& { return c.kernel.tiling.mm1_k_slice; }),
      int_knob("mm2-k-split", "MM2 tokens per L1 tile", 1, 4096,
               [](RC& c) -> int& { return c.kernel.tiling.mm2_k_split; }),
      int_knob("mm2-n-tile", "MM2 output columns per tile", 1, 4096,
               [](RC& c) -> int& { return c.kernel.tiling.mm2_n_tile; }),
      int_knob("mm2-k-slice", "MM2 L0 k-slice", 1, 4096,
               [](RC& c) -> int& { return c.kernel.tiling.mm2_k_slice; }),
      int_knob("m-tile", "rows per L0C tile", 1, 4096,
               [](RC& c) -> int& { return c.kernel.tiling.m_tile; }),
      int_knob("qp-buffers", "L1 Q/P~ buffers", 1, 64,
               [](RC& c) -> int& { return c.kernel.tiling.qp_buffers; }),
      int_knob("kv-buffers", "L1 K/V buffers", 1, 64,
               [](RC& c) -> int& { return c.kernel.tiling.kv_buffers; }),
      int_knob("l0ab-buffers", "L0A/L0B buffers", 1, 8,
               [](RC& c) -> int& { return c.kernel.tiling.l0ab_buffers; }),
      int_knob("l0c-buffers", "L0C tiles", 1, 8,
               [](RC& c) -> int& { return c.kernel.tiling.l0c_buffers; }),
      int_knob("ub-chunk", "UB chunk bytes", 1, 1 << 20,
               [](RC& c) -> int& { return c.kernel.tiling.ub_chunk_bytes; }),
      int_knob("ub-input-buffers", "UB input buffers", 1, 8,
               [](RC& c) -> int& { return c.kernel.tiling.ub_input_buffers; }),
      int_knob("gm-slots", "GM workspace slots per stage", 1, 8,
               [](RC& c) -> int& { return c.kernel.tiling.gm_slots; }),
      int_knob("kv-splits", "parts per job with --kv-split fixed", 1, 1024,
               [](RC& c) -> int& { return c.kernel.tiling.kv_splits; }),
  };
  return table;
}

const Knob* find_knob(const std::string& name) {
  for (const auto& k : knobs()) {
    if (k.info.name == name) return &k;
  }
  return nullptr;
}

}  // namespace

const std::vector<KnobInfo>& run_knobs() {
  static const std::vector<KnobInfo> infos = [] {
    std::vector<KnobInfo> v;
    for (const auto& k : knobs()) v.push_back(k.info);
    return v;
  }();
  return infos;
}

bool is_run_knob(const std::string& name) { return find_knob(name) != nullptr; }

void apply_knob(RunConfig& config, const std::string& name, const std::string& value) {
  const Knob* k = find_knob(name);
  if (!k) {
    std::vector<std::string> names;
    for (const auto& info : run_knobs()) names.push_back(info.name);
    throw InputError("--" + name, "unknown parameter", unknown_key_limit(name, names));
  }
  k->set(config, "--" + name, value);
}

std::string knob_value(const RunConfig& config, const std::string& name) {
  const Knob* k = find_knob(name);
  if (!k) throw InputError("--" + name, "unknown parameter", "not a run knob");
  return k->get(config);
}

}  // namespace amla
