#include "core/store/stored_metrics.h"

#include <string>

#include "core/ops/pipes.h"
#include "core/run/metric_catalogue.h"

namespace amla {

namespace {

// The value at a catalogue key's JSON place ("core_cube_busy.min" -> j["core_cube_busy"]["min"]).
const nlohmann::json* at_key(const nlohmann::json& j, const std::string& key) {
  const nlohmann::json* at = &j;
  std::size_t start = 0;
  while (true) {
    const auto dot = key.find('.', start);
    const std::string part = key.substr(start, dot == std::string::npos ? dot : dot - start);
    if (!at->is_object()) return nullptr;
    const auto it = at->find(part);
    if (it == at->end()) return nullptr;
    at = &*it;
    if (dot == std::string::npos) return at;
    start = dot + 1;
  }
}

template <class T>
void read(const nlohmann::json& j, const std::string& key, T& out) {
  const nlohmann::json* v = at_key(j, key);
  if (v == nullptr || !v->is_number()) throw std::invalid_argument(key);
  out = v->get<T>();
}

// "AIC MTE2" -> the unit and the pipe; false when no unit and pipe print that way.
bool read_unit_pipe(const std::string& text, Unit& unit, Pipe& pipe) {
  for (int u = 0; u < kUnitCount; ++u) {
    for (int p = 0; p < kPipeCount; ++p) {
      if (text ==
          std::string(unit_name(static_cast<Unit>(u))) + " " + pipe_name(static_cast<Pipe>(p))) {
        unit = static_cast<Unit>(u);
        pipe = static_cast<Pipe>(p);
        return true;
      }
    }
  }
  return false;
}

}  // namespace

std::optional<StoredMetrics> metrics_from_json(const nlohmann::json& j) {
  if (!j.is_object()) return std::nullopt;
  StoredMetrics out;
  SimulationMetrics& m = out.sim;
  try {
    read(j, "makespan_us", m.makespan_us);
    read(j, "makespan_cycles", m.makespan_cycles);
    read(j, "total_flops", m.total_flops);
    read(j, "tflops", m.tflops);
    read(j, "peak_tflops", m.peak_tflops);
    read(j, "flops_utilization", m.flops_utilization);
    read(j, "bound_busy", m.bound_busy);
    read(j, "hbm_bytes", m.hbm_bytes);
    read(j, "hbm_gb_per_s", m.hbm_gb_per_s);
    read(j, "hbm_bandwidth_utilization", m.hbm_bandwidth_utilization);
    read(j, "l2_bytes", m.l2_bytes);
    read(j, "l2_bandwidth_utilization", m.l2_bandwidth_utilization);
    read(j, "load_imbalance", m.load_imbalance);
    read(j, "core_cube_busy.min", m.core_cube_busy_min);
    read(j, "core_cube_busy.mean", m.core_cube_busy_mean);
    read(j, "core_cube_busy.max", m.core_cube_busy_max);
    read(j, "events", m.events);
    for (int u = 0; u < kUnitCount; ++u) {
      for (int p = 0; p < kPipeCount; ++p) {
        const auto unit = static_cast<Unit>(u);
        const auto pipe = static_cast<Pipe>(p);
        if (!unit_has_pipe(unit, pipe)) continue;
        const std::string prefix =
            std::string("pipes.") + unit_name(unit) + "." + pipe_name(pipe) + ".";
        PipeStats& s = m.unit_pipes[static_cast<std::size_t>(u)][static_cast<std::size_t>(p)];
        read(j, prefix + "busy", s.busy_fraction);
        read(j, prefix + "bubbles", s.bubbles);
        read(j, prefix + "idle_cycles", s.bubble_cycles);
      }
    }
    // The hierarchical roofline as the catalogue stores it: each level's intensity and use, and
    // the limit's name (the ceilings' bandwidths and bytes are not stored).
    for (int i = 0; i < kRoofLevelCount; ++i) {
      const auto level = static_cast<RoofLevel>(i);
      RoofCeiling& c = m.roofline.ceilings[static_cast<std::size_t>(i)];
      c.level = level;
      const std::string prefix = std::string("roofline.") + roof_level_key(level) + ".";
      read(j, prefix + "intensity", c.intensity);
      read(j, prefix + "use", c.use);
    }
    const nlohmann::json* limit = at_key(j, "roofline.limit");
    if (limit == nullptr || !limit->is_string()) return std::nullopt;
    m.roofline.limit = -1;
    for (int i = 0; i < kRoofLevelCount; ++i) {
      if (*limit == roof_level_label(static_cast<RoofLevel>(i))) m.roofline.limit = i;
    }
    const auto bound = j.find("bound");
    const auto pipe = j.find("bound_pipe");
    if (bound == j.end() || !bound->is_string() || pipe == j.end() || !pipe->is_string()) {
      return std::nullopt;
    }
    m.bound = bound->get<std::string>();
    if (!read_unit_pipe(pipe->get<std::string>(), m.bound_unit, m.bound_pipe)) return std::nullopt;
    if (const auto e = j.find("amla_max_error"); e != j.end()) {
      if (!e->is_number()) return std::nullopt;
      out.amla_max_error = e->get<double>();
    }
  } catch (const std::exception&) {
    return std::nullopt;
  }
  // What the catalogue writes for the restored metrics must be what was stored.
  if (metrics_to_json({out.sim, out.amla_max_error}) != j) return std::nullopt;
  return out;
}

}  // namespace amla
