#pragma once
// The numerics metric catalogue: every figure a variant's run reports against the FP64 golden,
// defined once with its JSON key, label and meaning. The CLI's table and JSON and the GUI's
// metrics table all read this list (the criteria are in accuracy_standards.h).
#include <cstdint>
#include <functional>
#include <vector>

#include "core/numerics/numerics_run.h"

namespace amla {

struct NumericsMetricDef {
  const char* key;    // "relative_rmse": the JSON key
  const char* label;  // "relative RMSE"
  const char* description;
  bool is_count;  // a whole number (printed as such)
  // A statistic over the finite elements: undefined when no element could be compared.
  bool is_statistic() const { return !is_count; }
  std::function<double(const VariantResult&)> value;
};

const std::vector<NumericsMetricDef>& numerics_metric_catalogue();

}  // namespace amla
