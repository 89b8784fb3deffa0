#include "core/run/metric_catalogue.h"

#include <cmath>
#include <cstdio>

#include "core/common/input_error.h"
#include "core/common/json_io.h"
#include "core/common/memory_budget.h"

namespace amla {

namespace {

using Value = std::function<std::optional<double>(const MetricSource&)>;
using Restore = std::function<void(RestoredMetrics&, double)>;

// A metric's value and its inverse, defined together.
struct Access {
  Value value;
  Restore restore;
};

MetricDef numeric(std::string key, std::string label, std::string unit, MetricFormat format,
                  int decimals, Better better, MetricGroup group, std::string description,
                  Access access) {
  MetricDef m;
  m.key = std::move(key);
  m.label = std::move(label);
  m.unit = std::move(unit);
  m.format = format;
  m.decimals = decimals;
  m.better = better;
  m.group = group;
  m.description = std::move(description);
  m.value = std::move(access.value);
  m.restore = std::move(access.restore);
  return m;
}

// A field of SimulationMetrics as a metric value.
template <class T>
Access field(T SimulationMetrics::*member) {
  return {[member](const MetricSource& s) -> std::optional<double> {
            return static_cast<double>(s.sim.*member);
          },
          [member](RestoredMetrics& r, double v) { r.sim.*member = static_cast<T>(v); }};
}

// A field of one level of the roofline.
Access roof_field(RoofLevel level, double RoofCeiling::*member) {
  return {[level, member](const MetricSource& s) -> std::optional<double> {
            return s.sim.roofline.at(level).*member;
          },
          [level, member](RestoredMetrics& r, double v) {
            RoofCeiling& c = r.sim.roofline.ceilings[static_cast<std::size_t>(level)];
            c.level = level;
            c.*member = v;
          }};
}

// A field of one unit's pipe statistics.
template <class T>
Access pipe_field(Unit unit, Pipe pipe, T PipeStats::*member) {
  return {[unit, pipe, member](const MetricSource& s) -> std::optional<double> {
            return static_cast<double>(s.sim.pipe(unit, pipe).*member);
          },
          [unit, pipe, member](RestoredMetrics& r, double v) {
            r.sim.unit_pipes[static_cast<std::size_t>(unit)][static_cast<std::size_t>(pipe)].*
                member = static_cast<T>(v);
          }};
}

std::string pipe_words(Unit unit, Pipe pipe) {
  return std::string(unit_name(unit)) + " " + pipe_name(pipe);
}

std::vector<MetricDef> make_catalogue() {
  using G = MetricGroup;
  using F = MetricFormat;
  using M = SimulationMetrics;
  std::vector<MetricDef> c;
  c.push_back(numeric("makespan_us", "makespan", "us", F::kNumber, 2, Better::kLower, G::kHeadline,
                      "Wall time of the whole kernel, from launch to the last op.",
                      field(&M::makespan_us)));
  c.push_back(numeric("makespan_cycles", "makespan (cycles)", "cycles", F::kCount, 0,
                      Better::kLower, G::kHeadline, "The makespan in clock cycles.",
                      field(&M::makespan_cycles)));
  c.push_back(numeric("total_flops", "total FLOPs", "FLOP", F::kGeneral, 4, Better::kNeither,
                      G::kHeadline,
                      "The attention's work: 2 x rows x S_k x (576 + 512), as FlashMLA counts it.",
                      field(&M::total_flops)));
  c.push_back(numeric("tflops", "TFLOPS", "TFLOPS", F::kNumber, 1, Better::kHigher, G::kHeadline,
                      "Total FLOPs divided by the makespan.", field(&M::tflops)));
  c.push_back(numeric("peak_tflops", "Cube peak", "TFLOPS", F::kNumber, 1, Better::kNeither,
                      G::kHeadline, "What every Cube unit of the machine could do together.",
                      field(&M::peak_tflops)));
  c.push_back(numeric("flops_utilization", "FLOPS utilisation", "", F::kPercent, 1, Better::kHigher,
                      G::kHeadline,
                      "TFLOPS as a share of the Cube peak: the paper's headline figure.",
                      field(&M::flops_utilization)));
  {
    MetricDef bound;
    bound.key = "bound";
    bound.label = "bound";
    bound.format = MetricFormat::kText;
    bound.group = G::kHeadline;
    bound.description =
        "The resource closest to full (cube, vector, hbm, l2, fixpipe, mte2), or sync when none "
        "is above half: the cores then mostly wait on each other's hand-offs.";
    bound.text = [](const MetricSource& s) { return s.sim.bound; };
    bound.restore_text = [](RestoredMetrics& r, const std::string& word) {
      r.sim.bound = word;
      return true;
    };
    c.push_back(std::move(bound));
  }
  {
    MetricDef pipe;
    pipe.key = "bound_pipe";
    pipe.label = "busiest pipe";
    pipe.format = MetricFormat::kText;
    pipe.group = G::kHeadline;
    pipe.description =
        "The unit and pipe busiest over the run (e.g. AIC MTE2): the bound per unit, never an "
        "average over the AIC and the two AIVs.";
    pipe.text = [](const MetricSource& s) { return s.sim.bound_unit_pipe(); };
    pipe.restore_text = [](RestoredMetrics& r, const std::string& words) {
      for (int u = 0; u < kUnitCount; ++u) {
        for (int p = 0; p < kPipeCount; ++p) {
          const auto unit = static_cast<Unit>(u);
          const auto pipe = static_cast<Pipe>(p);
          if (words == pipe_words(unit, pipe)) {
            r.sim.bound_unit = unit;
            r.sim.bound_pipe = pipe;
            return true;
          }
        }
      }
      return false;
    };
    c.push_back(std::move(pipe));
  }
  c.push_back(numeric("bound_busy", "busiest pipe busy", "", F::kPercent, 1, Better::kNeither,
                      G::kHeadline,
                      "Share of the makespan the busiest unit's pipe works, averaged over the "
                      "cores: the same figure as that pipe's row of the per-unit table.",
                      field(&M::bound_busy)));
  c.push_back(numeric("hbm_bytes", "HBM traffic", "B", F::kBytes, 0, Better::kLower, G::kTraffic,
                      "Bytes read from and written to HBM.", field(&M::hbm_bytes)));
  c.push_back(numeric("hbm_gb_per_s", "HBM bandwidth", "GB/s", F::kNumber, 0, Better::kNeither,
                      G::kTraffic, "HBM traffic divided by the makespan.",
                      field(&M::hbm_gb_per_s)));
  // More bandwidth in use is neither good nor bad by itself: it depends on the bound.
  c.push_back(numeric("hbm_bandwidth_utilization", "HBM bandwidth use", "", F::kPercent, 1,
                      Better::kNeither, G::kTraffic,
                      "HBM bandwidth as a share of every die's HBM peak.",
                      field(&M::hbm_bandwidth_utilization)));
  c.push_back(numeric("l2_bytes", "L2 traffic", "B", F::kBytes, 0, Better::kLower, G::kTraffic,
                      "Bytes the L2 caches serve (an atomic add counts its read and its write).",
                      field(&M::l2_bytes)));
  c.push_back(numeric("l2_bandwidth_utilization", "L2 bandwidth use", "", F::kPercent, 1,
                      Better::kNeither, G::kTraffic,
                      "L2 traffic per second as a share of every die's L2 bandwidth.",
                      field(&M::l2_bandwidth_utilization)));
  {
    MetricDef limit;
    limit.key = "roofline.limit";
    limit.label = "roofline limit";
    limit.format = MetricFormat::kText;
    limit.group = G::kRoofline;
    limit.description =
        "The memory level whose roof is lowest over this run's intensity (HBM, L2, MTE2 into L1 "
        "or UB, FixPipe out of L0C), or Cube peak when every level's roof is above the peak.";
    limit.text = [](const MetricSource& s) { return std::string(s.sim.roofline.limit_label()); };
    limit.restore_text = [](RestoredMetrics& r, const std::string& words) {
      r.sim.roofline.limit = -1;
      for (int i = 0; i < kRoofLevelCount; ++i) {
        if (words == roof_level_label(static_cast<RoofLevel>(i))) r.sim.roofline.limit = i;
      }
      return r.sim.roofline.limit >= 0 || words == r.sim.roofline.limit_label();
    };
    c.push_back(std::move(limit));
  }
  for (int i = 0; i < kRoofLevelCount; ++i) {
    const auto level = static_cast<RoofLevel>(i);
    const std::string prefix = std::string("roofline.") + roof_level_key(level);
    const std::string words = roof_level_label(level);
    c.push_back(numeric(prefix + ".intensity", words + " intensity", "FLOP/B", F::kGeneral, 3,
                        Better::kNeither, G::kRoofline,
                        "The run's FLOPs per byte moved through " + words +
                            ": its x on that level's roof (0 when the level is unused).",
                        roof_field(level, &RoofCeiling::intensity)));
    c.push_back(numeric(prefix + ".use", words + " roof use", "", F::kPercent, 1, Better::kNeither,
                        G::kRoofline,
                        "The run's TFLOPS as a share of what the " + words +
                            " roof allows at its intensity: near 100% on the limiting level.",
                        roof_field(level, &RoofCeiling::use)));
  }
  c.push_back(numeric("load_imbalance", "load imbalance", "x", F::kNumber, 3, Better::kLower,
                      G::kBalance,
                      "Busiest core's Cube time over the mean: 1 means every core works equally.",
                      field(&M::load_imbalance)));
  c.push_back(numeric("core_cube_busy.min", "Cube busy, least busy core", "", F::kPercent, 1,
                      Better::kHigher, G::kBalance,
                      "Share of the makespan the least busy core's Cube computes.",
                      field(&M::core_cube_busy_min)));
  c.push_back(numeric("core_cube_busy.mean", "Cube busy, mean core", "", F::kPercent, 1,
                      Better::kHigher, G::kBalance,
                      "Share of the makespan the Cube computes, averaged over cores.",
                      field(&M::core_cube_busy_mean)));
  c.push_back(numeric("core_cube_busy.max", "Cube busy, busiest core", "", F::kPercent, 1,
                      Better::kHigher, G::kBalance,
                      "Share of the makespan the busiest core's Cube computes.",
                      field(&M::core_cube_busy_max)));
  c.push_back(numeric("events", "ops simulated", "", F::kCount, 0, Better::kNeither, G::kBalance,
                      "Instructions the simulation executed.", field(&M::events)));
  for (const Unit unit : {Unit::kAic, Unit::kAiv0, Unit::kAiv1}) {
    for (int p = 0; p < kPipeCount; ++p) {
      const auto pipe = static_cast<Pipe>(p);
      if (!unit_has_pipe(unit, pipe)) continue;
      const std::string prefix = std::string("pipes.") + unit_name(unit) + "." + pipe_name(pipe);
      const std::string words = pipe_words(unit, pipe);
      // A busier Cube is more of the peak used; for the other pipes busier is only different.
      c.push_back(
          numeric(prefix + ".busy", words + " busy", "", F::kPercent, 1,
                  pipe == Pipe::kCube ? Better::kHigher : Better::kNeither, G::kPipes,
                  "Share of the makespan the " + words + " pipe works, averaged over the cores.",
                  pipe_field(unit, pipe, &PipeStats::busy_fraction)));
      c.push_back(numeric(prefix + ".bubbles", words + " bubbles", "", F::kCount, 0,
                          Better::kNeither, G::kPipes,
                          "Idle gaps between consecutive ops of the " + words + " pipe.",
                          pipe_field(unit, pipe, &PipeStats::bubbles)));
      c.push_back(numeric(prefix + ".idle_cycles", words + " idle", "cycles", F::kCount, 0,
                          Better::kLower, G::kPipes,
                          "Cycles the " + words + " pipe waits between its first and last op.",
                          pipe_field(unit, pipe, &PipeStats::bubble_cycles)));
    }
  }
  c.push_back(numeric("amla_max_error", "AMLA max abs error vs FP64", "", F::kGeneral, 3,
                      Better::kLower, G::kNumerics,
                      "Largest absolute difference between AMLA's output and the FP64 golden, "
                      "for one task's rows walked in the run's blocks.",
                      Access{[](const MetricSource& s) { return s.amla_max_abs_error; },
                             [](RestoredMetrics& r, double v) { r.amla_max_abs_error = v; }}));
  return c;
}

std::string printf_text(const char* format, double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, decimals, v);
  return buf;
}

}  // namespace

const std::vector<MetricDef>& metric_catalogue() {
  static const std::vector<MetricDef> catalogue = make_catalogue();
  return catalogue;
}

const MetricDef* find_metric(const std::string& key) {
  for (const MetricDef& m : metric_catalogue()) {
    if (m.key == key) return &m;
  }
  return nullptr;
}

const MetricDef& require_metric(const std::string& field, const std::string& key) {
  if (const MetricDef* m = find_metric(key)) return *m;
  std::vector<std::string> keys;
  for (const MetricDef& m : metric_catalogue()) keys.push_back(m.key);
  throw InputError(field, key, unknown_key_limit(key, keys));
}

std::string pipe_busy_key(Unit unit, Pipe pipe) {
  return std::string("pipes.") + unit_name(unit) + "." + pipe_name(pipe) + ".busy";
}

std::string format_metric(const MetricDef& m, double value, bool with_unit) {
  if (std::isnan(value)) return "n/a";
  switch (m.format) {
    case MetricFormat::kPercent:
      return printf_text("%.*f", 100.0 * value, m.decimals) + "%";
    case MetricFormat::kBytes:
      return format_bytes(value);
    case MetricFormat::kCount:
      return printf_text("%.*f", std::round(value), 0) +
             (with_unit && !m.unit.empty() ? " " + m.unit : "");
    case MetricFormat::kGeneral:
      return printf_text("%.*g", value, m.decimals + 1) +
             (with_unit && !m.unit.empty() ? " " + m.unit : "");
    case MetricFormat::kNumber:
    case MetricFormat::kText:
      break;
  }
  return printf_text("%.*f", value, m.decimals) +
         (with_unit && !m.unit.empty() ? " " + m.unit : "");
}

double metric_display_scale(const MetricDef& m) {
  return m.format == MetricFormat::kPercent ? 100.0 : 1.0;
}

std::string format_metric_delta(const MetricDef& m, double delta) {
  const std::string sign = delta > 0 ? "+" : delta < 0 ? "-" : "";
  const double size = std::fabs(delta);
  switch (m.format) {
    case MetricFormat::kPercent:
      return sign + printf_text("%.*f", 100.0 * size, m.decimals) + " pp";
    case MetricFormat::kBytes:
      return sign + format_bytes(size);
    default:
      return sign + format_metric(m, size);
  }
}

int compare_metric(const MetricDef& m, double a, double b) {
  // Differences at the noise level of printed numbers are no change.
  if (m.better == Better::kNeither || std::isnan(a) || std::isnan(b) ||
      std::fabs(b - a) <= 1e-9 * std::max(std::fabs(a), 1.0)) {
    return 0;
  }
  return (b > a) == (m.better == Better::kHigher) ? 1 : -1;
}

nlohmann::json metrics_to_json(const MetricSource& source) {
  nlohmann::json j = nlohmann::json::object();
  for (const MetricDef& m : metric_catalogue()) {
    nlohmann::json value;
    if (m.is_text()) {
      value = m.text(source);
    } else if (const auto v = m.value(source)) {
      value =
          m.format == MetricFormat::kCount ? nlohmann::json(std::llround(*v)) : nlohmann::json(*v);
    } else {
      continue;
    }
    // "pipes.AIC.MTE2.busy" -> j["pipes"]["AIC"]["MTE2"]["busy"].
    nlohmann::json* at = &j;
    std::size_t start = 0;
    for (auto dot = m.key.find('.'); dot != std::string::npos; dot = m.key.find('.', start)) {
      at = &(*at)[m.key.substr(start, dot - start)];
      start = dot + 1;
    }
    (*at)[m.key.substr(start)] = std::move(value);
  }
  return j;
}

namespace {

// The value at a key's JSON place ("core_cube_busy.min" -> j["core_cube_busy"]["min"]).
const nlohmann::json* json_at_key(const nlohmann::json& j, const std::string& key) {
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

}  // namespace

std::optional<RestoredMetrics> metrics_from_json(const nlohmann::json& j) {
  if (!j.is_object()) return std::nullopt;
  RestoredMetrics out;
  for (const MetricDef& m : metric_catalogue()) {
    const nlohmann::json* v = json_at_key(j, m.key);
    if (m.is_text()) {
      if (v == nullptr || !v->is_string() || !m.restore_text(out, v->get<std::string>())) {
        return std::nullopt;
      }
    } else if (v != nullptr && v->is_number()) {
      m.restore(out, v->get<double>());
    } else if (v != nullptr || !m.needs_numerics()) {
      // Only the numerics figures are optional: a run without them omits them.
      return std::nullopt;
    }
  }
  // What the catalogue writes for the restored metrics must be what was read.
  if (metrics_to_json({out.sim, out.amla_max_abs_error}) != j) return std::nullopt;
  return out;
}

}  // namespace amla
