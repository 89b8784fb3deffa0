#include "core/store/store_slice.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/common/input_error.h"
#include "core/common/json_io.h"
#include "core/kernel/kernel_params.h"
#include "core/run/metric_catalogue.h"
#include "core/store/config_key.h"
#include "core/sweep/knobs.h"

namespace amla {

namespace {

// Numbers in numeric order, choices in the schema's order, names (presets) alphabetically.
void sort_values(const std::string& knob, std::vector<std::string>& values) {
  const ParamDef* p = find_param_by_flag(knob);
  const auto rank = [&](const std::string& v) -> long long {
    return p ? parse_param_value(*p, "--" + knob, v) : 0;
  };
  std::sort(values.begin(), values.end(), [&](const std::string& a, const std::string& b) {
    if (p) return rank(a) < rank(b);
    return a < b;
  });
}

}  // namespace

StoreContents read_store_contents(ResultStore& store) {
  StoreContents out;
  out.path = store.path();
  std::map<std::string, std::vector<std::string>> seen;
  for (const StoredCell& stored : store.cells()) {
    if (!names_this_model(stored.canonical)) {
      ++out.other_model;
      continue;
    }
    StoreContents::Cell cell;
    try {
      const std::string what = "cell " + stored.hash;
      const auto metrics = metrics_from_json(parse_json_text(out.path, what, stored.metrics));
      if (!metrics) throw InputError(out.path, what, "metrics of this catalogue");
      cell.metrics = *metrics;
      cell.config = run_config_from_json(parse_json_text(out.path, what, stored.config));
    } catch (const InputError&) {
      ++out.unreadable;  // damaged, or written by another version
      continue;
    }
    for (const KnobInfo& k : run_knobs()) {
      const std::string v = knob_value(cell.config, k.name);
      cell.knob_values[k.name] = v;
      auto& values = seen[k.name];
      if (std::find(values.begin(), values.end(), v) == values.end()) values.push_back(v);
    }
    out.cells.push_back(std::move(cell));
  }
  for (const KnobInfo& k : run_knobs()) {
    auto& values = seen[k.name];
    if (values.size() < 2) continue;
    sort_values(k.name, values);
    out.knobs.push_back({k.name, values});
  }
  return out;
}

SweepResult store_slice(const StoreContents& contents, const std::string& rows,
                        const std::string& columns, const std::map<std::string, std::string>& fixed,
                        const std::string& metric) {
  const auto knob = [&](const std::string& name) -> const StoreKnob& {
    for (const StoreKnob& k : contents.knobs) {
      if (k.name == name) return k;
    }
    throw InputError(name, contents.path, "a knob that varies in the store");
  };
  SweepResult result;
  result.metric = find_sweep_metric(metric).key;
  result.params.push_back({rows, knob(rows).values});
  if (!columns.empty()) {
    if (columns == rows) throw InputError(columns, "rows and columns", "two different knobs");
    result.params.push_back({columns, knob(columns).values});
  }
  // The value every other varying knob is held at.
  std::map<std::string, std::string> held;
  for (const StoreKnob& k : contents.knobs) {
    if (k.name == rows || k.name == columns) continue;
    const auto it = fixed.find(k.name);
    held[k.name] = it != fixed.end() ? it->second : k.values.front();
  }
  const std::size_t width = result.params.size() == 2 ? result.params[1].values.size() : 1;
  result.cells.resize(result.params[0].values.size() * width);
  for (std::size_t i = 0; i < result.cells.size(); ++i) {
    SweepCell& cell = result.cells[i];
    cell.pending = true;
    cell.values.push_back(result.params[0].values[i / width]);
    if (result.params.size() == 2) cell.values.push_back(result.params[1].values[i % width]);
  }
  std::vector<bool> filled(result.cells.size(), false);
  for (const StoreContents::Cell& c : contents.cells) {
    bool match = true;
    for (const auto& [name, value] : held) match = match && c.knob_values.at(name) == value;
    if (!match) continue;
    const auto& row_values = result.params[0].values;
    const std::size_t r = static_cast<std::size_t>(
        std::find(row_values.begin(), row_values.end(), c.knob_values.at(rows)) -
        row_values.begin());
    std::size_t col = 0;
    if (result.params.size() == 2) {
      const auto& col_values = result.params[1].values;
      col = static_cast<std::size_t>(
          std::find(col_values.begin(), col_values.end(), c.knob_values.at(columns)) -
          col_values.begin());
    }
    SweepCell& cell = result.cells[r * width + col];
    filled[r * width + col] = true;
    cell.config = c.config;
    cell.metrics = c.metrics.sim;
    cell.amla_max_error = c.metrics.amla_max_abs_error;
    cell.valid = true;
    cell.from_cache = true;
    // A cell without the chosen metric (AMLA's error not computed) has nothing to show.
    cell.pending = std::isnan(sweep_metric_value(cell, result.metric));
    if (cell.pending) cell.valid = false;
  }
  // A cell the store lacks gets the configuration it would have, so the page can run it.
  for (std::size_t i = 0; i < result.cells.size() && !contents.cells.empty(); ++i) {
    SweepCell& cell = result.cells[i];
    if (filled[i]) continue;
    cell.config = contents.cells.front().config;
    for (const auto& [name, value] : held) apply_knob(cell.config, name, value);
    for (std::size_t k = 0; k < result.params.size(); ++k) {
      apply_knob(cell.config, result.params[k].name, cell.values[k]);
    }
  }
  result.reused = static_cast<int>(std::count_if(result.cells.begin(), result.cells.end(),
                                                 [](const SweepCell& c) { return !c.pending; }));
  result.best = best_sweep_cell(result);
  return result;
}

}  // namespace amla
