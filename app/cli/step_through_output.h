#pragma once
// amla-cli numerics --step-row: the step-through of one row (core/numerics/step_through) as a
// table, one line per KV block, with the clamp and the guard in words, or as JSON.
#include <nlohmann/json.hpp>
#include <ostream>

#include "core/numerics/step_through.h"

namespace amla::cli {

void print_step_through(const RowStepThrough& steps, int column, std::ostream& out);
nlohmann::json step_through_json(const RowStepThrough& steps, int column);

}  // namespace amla::cli
