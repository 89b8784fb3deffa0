#pragma once
// A result store seen as a sweep: which run knobs vary among its cells (and over which values),
// and the heatmap of any two of them with every other varying knob held at a chosen value. The
// studio's Sweep page shows a store this way; a cell of the grid that the store lacks is pending.
#include <map>
#include <string>
#include <vector>

#include "core/run/metric_catalogue.h"
#include "core/store/result_store.h"
#include "core/sweep/sweep.h"

namespace amla {

struct StoreKnob {
  std::string name;                 // a run knob ("kv-block", "preset")
  std::vector<std::string> values;  // distinct values among the cells, in ascending order
};

struct StoreContents {
  std::string path;
  std::vector<StoreKnob> knobs;  // the knobs with more than one value, in run_knobs() order
  struct Cell {
    RunConfig config;
    std::map<std::string, std::string> knob_values;  // every run knob
    RestoredMetrics metrics;
  };
  std::vector<Cell> cells;
  std::size_t unreadable = 0;   // damaged cells or another catalogue's (left out)
  std::size_t other_model = 0;  // cells an earlier model computed (left out: run them again)
};

// Reads every cell of the store (bounded by ResultStore::kMaxCells).
StoreContents read_store_contents(ResultStore& store);

// The grid of `rows` x `columns` ("" for a single row), every other varying knob at its value in
// `fixed` (its first value when absent); cells are the store's, pending where it has none, or
// where it lacks the metric. InputError for a knob that does not vary in the store.
SweepResult store_slice(const StoreContents& contents, const std::string& rows,
                        const std::string& columns, const std::map<std::string, std::string>& fixed,
                        const std::string& metric);

}  // namespace amla
