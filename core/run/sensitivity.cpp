#include "core/run/sensitivity.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <exception>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/common/input_error.h"
#include "core/common/json_io.h"
#include "core/common/memory_budget.h"
#include "core/hw/hardware_presets.h"
#include "core/run/simulation_run.h"

namespace amla {

std::string source_tags(const std::string& note) {
  std::size_t end = 0;
  while (end < note.size() && note[end] == '[') {
    const std::size_t close = note.find(']', end);
    if (close == std::string::npos) break;
    end = close + 1;
  }
  return note.substr(0, end);
}

bool is_estimated_or_fitted(const std::string& note) {
  const std::string tags = source_tags(note);
  return tags.find("[E]") != std::string::npos || tags.find("[F]") != std::string::npos;
}

std::vector<ParameterInfo> hardware_sources(const HardwareModel& hw) {
  const std::vector<std::string> presets = preset_names();
  if (std::find(presets.begin(), presets.end(), hw.name) != presets.end()) {
    return preset_parameter_info(hw.name);
  }
  return hardware_parameter_info();
}

std::vector<std::string> sensitivity_candidates(const std::vector<ParameterInfo>& sources) {
  std::vector<std::string> keys;
  for (const ParameterInfo& p : sources) {
    if (is_estimated_or_fitted(p.source)) keys.push_back(p.key);
  }
  return keys;
}

namespace {

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// One simulation of the plan: the baseline or one end of one parameter.
struct RunSlot {
  HardwareModel hw;
  bool needed = false;  // false: the end failed before running, or equals the baseline
  std::optional<double> makespan_us;
  std::string bound;
  double bound_busy = 0;
  std::string error;
};

// The moved end of `key` on `hw`: the model at value * factor, or the reason it is refused.
SensitivityEnd move_parameter(const HardwareModel& hw, const std::string& key,
                              const nlohmann::json& base_value, double factor,
                              HardwareModel& moved) {
  SensitivityEnd end;
  const double base = base_value.get<double>();
  nlohmann::json value;
  if (base_value.is_number_integer()) {
    const double rounded = std::round(base * factor);
    value = static_cast<long long>(rounded);
    end.value = rounded;
  } else {
    value = base * factor;
    end.value = base * factor;
  }
  if (end.value == base) {
    end.same_as_baseline = true;
    return end;
  }
  moved = hw;
  try {
    apply_hardware_json(nlohmann::json{{key, value}}, "", moved);
  } catch (const InputError& e) {
    end.error = e.limit();
  }
  return end;
}

// Runs every needed slot on `jobs` threads; slot i's own progress is fractions[i].
void run_slots(std::vector<RunSlot>& slots, const KernelConfig& config, int jobs,
               std::uint64_t budget_per_run, const JobControl& control) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < slots.size(); ++i) {
    if (slots[i].needed) order.push_back(i);
  }
  std::vector<double> fractions(order.size(), 0.0);
  std::mutex progress_mutex;
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::exception_ptr failure;
  std::mutex failure_mutex;

  const auto work = [&] {
    while (!stop.load() && !control.cancelled()) {
      const std::size_t k = next.fetch_add(1);
      if (k >= order.size()) return;
      RunSlot& slot = slots[order[k]];
      SimulationControl sim;
      sim.memory_budget_bytes = budget_per_run;
      sim.keep = TraceKeeping::kMetricsOnly;  // only the makespan and the bound are read
      sim.job.cancel = control.cancel;
      sim.job.progress = [&, k](double f) {
        std::lock_guard<std::mutex> lock(progress_mutex);
        fractions[k] = f;
        double sum = 0;
        for (const double x : fractions) sum += x;
        control.report(sum / static_cast<double>(fractions.size()));
      };
      try {
        const SimulationRun run = run_simulation(slot.hw, config, sim);
        slot.makespan_us = run.metrics.makespan_us;
        slot.bound = run.metrics.bound_unit_pipe();
        slot.bound_busy = run.metrics.bound_busy;
        sim.job.progress(1.0);
      } catch (const InputError& e) {
        if (order[k] == 0) {  // the baseline itself is refused: nothing else means anything
          std::lock_guard<std::mutex> lock(failure_mutex);
          if (!failure) failure = std::current_exception();
          stop = true;
        }
        slot.error = e.limit();
      } catch (...) {
        std::lock_guard<std::mutex> lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        stop = true;
      }
    }
  };
  const int threads = std::max(1, std::min<int>(jobs, static_cast<int>(order.size())));
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  control.check_cancelled();
}

std::vector<std::string> hardware_keys() {
  std::vector<std::string> keys;
  for (const ParameterInfo& p : hardware_parameter_info()) keys.push_back(p.key);
  return keys;
}

void fill_end(SensitivityEnd& end, const RunSlot& slot, const RunSlot& baseline) {
  if (end.same_as_baseline) {
    end.makespan_us = baseline.makespan_us;
    end.bound = baseline.bound;
    end.bound_busy = baseline.bound_busy;
    return;
  }
  if (!end.error.empty()) return;
  end.makespan_us = slot.makespan_us;
  end.bound = slot.bound;
  end.bound_busy = slot.bound_busy;
  end.error = slot.error;
}

}  // namespace

SensitivityResult run_sensitivity(const HardwareModel& hw, const KernelConfig& config,
                                  const SensitivityOptions& options, const JobControl& control) {
  if (!(options.delta >= kMinSensitivityDelta && options.delta <= kMaxSensitivityDelta)) {
    throw InputError("--delta", number_text(options.delta),
                     "a fraction in [" + number_text(kMinSensitivityDelta) + ", " +
                         number_text(kMaxSensitivityDelta) + "]");
  }
  if (options.jobs < 1 || options.jobs > kMaxSensitivityJobs) {
    throw InputError("--jobs", std::to_string(options.jobs),
                     "an integer in [1, " + std::to_string(kMaxSensitivityJobs) + "]");
  }
  const std::vector<ParameterInfo> sources = hardware_sources(hw);
  std::vector<std::string> names =
      options.params.empty() ? sensitivity_candidates(sources) : options.params;
  const std::vector<std::string> known = hardware_keys();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (std::find(known.begin(), known.end(), names[i]) == known.end()) {
      throw InputError("--params", names[i], unknown_key_limit(names[i], known));
    }
    if (std::find(names.begin(), names.begin() + static_cast<long>(i), names[i]) !=
        names.begin() + static_cast<long>(i)) {
      throw InputError("--params", names[i], "named twice");
    }
  }
  const nlohmann::json values = hardware_to_json(hw)["parameters"];

  // Slot 0 is the baseline; parameter i's ends are slots 2i+1 and 2i+2.
  std::vector<RunSlot> slots(1 + 2 * names.size());
  slots[0].hw = hw;
  slots[0].needed = true;
  SensitivityResult result;
  result.delta = options.delta;
  for (std::size_t i = 0; i < names.size(); ++i) {
    SensitivityParam p;
    p.name = names[i];
    for (const ParameterInfo& s : sources) {
      if (s.key == p.name) p.note = s.source;
    }
    p.source = source_tags(p.note);
    const nlohmann::json& base = values[p.name]["value"];
    p.value = base.get<double>();
    RunSlot& minus = slots[2 * i + 1];
    RunSlot& plus = slots[2 * i + 2];
    p.minus = move_parameter(hw, p.name, base, 1 - options.delta, minus.hw);
    p.plus = move_parameter(hw, p.name, base, 1 + options.delta, plus.hw);
    minus.needed = !p.minus.same_as_baseline && p.minus.error.empty();
    plus.needed = !p.plus.same_as_baseline && p.plus.error.empty();
    result.params.push_back(std::move(p));
  }
  for (const RunSlot& s : slots) result.runs += s.needed ? 1 : 0;

  const std::uint64_t budget =
      options.memory_budget_bytes ? options.memory_budget_bytes : default_memory_budget_bytes();
  const int threads = std::max(1, std::min(options.jobs, result.runs));
  run_slots(slots, config, options.jobs,
            std::max<std::uint64_t>(1, budget / static_cast<std::uint64_t>(threads)), control);

  result.makespan_us = *slots[0].makespan_us;
  result.bound = slots[0].bound;
  result.bound_busy = slots[0].bound_busy;
  for (std::size_t i = 0; i < result.params.size(); ++i) {
    SensitivityParam& p = result.params[i];
    fill_end(p.minus, slots[2 * i + 1], slots[0]);
    fill_end(p.plus, slots[2 * i + 2], slots[0]);
    double lo = result.makespan_us, hi = result.makespan_us;
    for (const SensitivityEnd* e : {&p.minus, &p.plus}) {
      if (!e->makespan_us) continue;
      lo = std::min(lo, *e->makespan_us);
      hi = std::max(hi, *e->makespan_us);
    }
    p.swing_us = hi - lo;
  }
  // Largest swing first; equal swings keep the order they were named in.
  std::stable_sort(
      result.params.begin(), result.params.end(),
      [](const SensitivityParam& a, const SensitivityParam& b) { return a.swing_us > b.swing_us; });
  control.report(1.0);
  return result;
}

nlohmann::json sensitivity_to_json(const SensitivityResult& r) {
  nlohmann::json params = nlohmann::json::array();
  for (const SensitivityParam& p : r.params) {
    nlohmann::json j = {{"name", p.name},
                        {"source", p.source},
                        {"note", p.note},
                        {"value", p.value},
                        {"swing_us", p.swing_us}};
    for (const auto& [side, end] : {std::pair{"minus", &p.minus}, std::pair{"plus", &p.plus}}) {
      const std::string s = side;
      j[s + "_value"] = end->value;
      j[s + "_us"] = end->makespan_us ? nlohmann::json(*end->makespan_us) : nlohmann::json();
      j[s + "_bound"] = end->bound;
      if (!end->error.empty()) j[s + "_error"] = end->error;
    }
    params.push_back(std::move(j));
  }
  return {{"makespan_us", r.makespan_us},
          {"bound", r.bound},
          {"bound_busy", r.bound_busy},
          {"delta", r.delta},
          {"runs", r.runs},
          {"params", params}};
}

}  // namespace amla
