#pragma once
// The metric catalogue: every figure a run reports, defined once with its key, label, unit,
// display format, a sentence a student understands, which direction is better, and how it is
// computed. The CLI's JSON and tables, the Summary, the Compare table, the sweep's metrics and
// its "best" all read this list, so they cannot disagree.
//
// A key is also the metric's place in JSON: "pipes.AIC.MTE2.busy" is j["pipes"]["AIC"]["MTE2"]
// ["busy"]; `amla-cli sweep --metric` takes the same key.
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/run/run_metrics.h"

namespace amla {

enum class Better : std::uint8_t { kHigher, kLower, kNeither };

enum class MetricFormat : std::uint8_t {
  kPercent,  // a fraction 0..1, shown as a percentage
  kNumber,   // shown with `decimals` digits after the point
  kBytes,    // shown as KiB / MiB / GiB
  kCount,    // a whole number
  kGeneral,  // %g: values that span many orders of magnitude
  kText,     // a word (the bound)
};

enum class MetricGroup : std::uint8_t {
  kHeadline,
  kTraffic,
  kRoofline,  // the hierarchical roofline: one roof per memory level
  kBalance,
  kPipes,
  kNumerics
};

// What a metric is computed from: the simulation's metrics and, for sweeps that ask for it,
// AMLA's error from the numerics emulation of the same blocking.
struct MetricSource {
  const SimulationMetrics& sim;
  std::optional<double> amla_max_abs_error;
};

// What `restore` writes into: the simulation's metrics and AMLA's error when it was stored.
struct RestoredMetrics {
  SimulationMetrics sim;
  std::optional<double> amla_max_abs_error;
};

struct MetricDef {
  std::string key;
  std::string label;
  std::string unit;  // "" for counts and words
  MetricFormat format = MetricFormat::kNumber;
  int decimals = 1;
  std::string description;
  Better better = Better::kNeither;
  MetricGroup group = MetricGroup::kHeadline;
  // Numeric metrics: the value (nullopt when the source lacks it). Text metrics: `text`.
  std::function<std::optional<double>(const MetricSource&)> value;
  std::function<std::string(const MetricSource&)> text;
  // The inverse, written beside `value` / `text` so that a stored figure (the result store keeps
  // the catalogue's JSON) is restored with no second list of fields. `restore_text` returns
  // false for a word no run prints.
  std::function<void(RestoredMetrics&, double)> restore;
  std::function<bool(RestoredMetrics&, const std::string&)> restore_text;
  // The run must also go through the numerics emulation (costly; sweeps ask for it by name).
  bool needs_numerics() const { return group == MetricGroup::kNumerics; }
  bool is_text() const { return format == MetricFormat::kText; }
};

const std::vector<MetricDef>& metric_catalogue();
const MetricDef* find_metric(const std::string& key);
// The metric with this key or InputError(field, key, "one of ..." / "did you mean ...").
const MetricDef& require_metric(const std::string& field, const std::string& key);
// The catalogue key of one unit's pipe busy fraction: "pipes.AIC.MTE2.busy".
std::string pipe_busy_key(Unit unit, Pipe pipe);

// The value as shown: "86.4%", "611.5", "1.25 GiB", "1536000", "3.2e-03" (with the unit for
// plain numbers only when `with_unit`).
std::string format_metric(const MetricDef& m, double value, bool with_unit = false);
// What the shown number is per unit of the raw value: 100 for percentages, else 1 (axes).
double metric_display_scale(const MetricDef& m);
// B - A as shown: "+1.2 pp" for percentages, "+3.4" or "-1.0 MiB" otherwise.
std::string format_metric_delta(const MetricDef& m, double delta);
// Whether b is better than a (+1), worse (-1) or neither (0), ignoring print-level noise.
int compare_metric(const MetricDef& m, double a, double b);

// Every metric the source has, each at the JSON place its key names; numerics metrics only when
// the source carries them. Values are raw (fractions 0..1, bytes, cycles).
nlohmann::json metrics_to_json(const MetricSource& source);
// The inverse of metrics_to_json through each metric's `restore`: nullopt when `j` lacks a
// metric, holds a value of the wrong type, or is not exactly what metrics_to_json writes for the
// restored metrics (a document from another catalogue).
std::optional<RestoredMetrics> metrics_from_json(const nlohmann::json& j);

}  // namespace amla
