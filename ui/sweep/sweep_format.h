#pragma once
// The words and numbers a sweep shows: cell values in the metric's precision, the text printed in
// a cell, the hover description, the title naming the metric and the parameters, and the status
// line. Shared by the heatmap, its headless export and the sweep page so they agree.
#include <QString>
#include <string>

#include "core/sweep/sweep.h"

namespace amla::ui {

// "45.3" for percentages and TFLOPS, "1.95e-03" for errors.
QString format_sweep_value(const std::string& metric, double value);

// The metric's label with units ("FLOPS utilisation (%)").
QString sweep_metric_label(const std::string& metric);

// What a cell shows: its value, "invalid" with the field at fault, or "no value".
QString sweep_cell_text(const amla::SweepResult& result, int index);
// The hover text: the parameter values, then the value or the full validation message.
QString describe_sweep_cell(const amla::SweepResult& result, int index);

// "FLOPS utilisation (%) over rows-per-task x kv-block".
QString sweep_title(const amla::SweepResult& result);
// The knobs every cell shares ("910B2, amla, batch 2, q-tokens 2, heads 128, kv-len 2048").
QString sweep_fixed_knobs(const amla::SweepResult& result);
// "4 cells in 0.84 s, 2 from cache, 1 invalid; best: 41.2 at rows-per-task 128,
// kv-block 512".
QString sweep_status(const amla::SweepResult& result);

}  // namespace amla::ui
