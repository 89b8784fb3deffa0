#include "core/profile/profile_summary.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/hw/hardware_model.h"
#include "core/kernel/kernel_config.h"

namespace amla {
namespace {

const char* unit_key(Unit u) {
  return u == Unit::kAic ? "aic" : u == Unit::kAiv0 ? "aiv0" : "aiv1";
}

// From msprof's per-block ratios: the mean over the blocks of each unit.
void summarize_blocks(const ProfileTrace& p, ProfileSummary& s) {
  std::array<std::array<double, kPipeCount>, kUnitCount> sum{};
  std::array<std::array<int, kPipeCount>, kUnitCount> count{};
  std::map<std::pair<int, std::string>, std::pair<double, int>> other;
  std::set<int> blocks;
  double longest = 0;
  for (const BlockPipeUsage& b : p.blocks) {
    const auto u = static_cast<std::size_t>(b.unit);
    blocks.insert(b.block);
    longest = std::max(longest, b.time_us);
    for (std::size_t q = 0; q < kPipeCount; ++q) {
      if (!b.pipe_ratio[q]) continue;
      sum[u][q] += *b.pipe_ratio[q];
      ++count[u][q];
    }
    for (const auto& [name, ratio] : b.other_ratio) {
      auto& o = other[{static_cast<int>(b.unit), name}];
      o.first += ratio;
      ++o.second;
    }
  }
  for (std::size_t u = 0; u < kUnitCount; ++u) {
    for (std::size_t q = 0; q < kPipeCount; ++q) {
      if (count[u][q] == 0) continue;
      s.metrics.unit_pipes[u][q].busy_fraction = sum[u][q] / count[u][q];
      s.measured[u][q] = true;
    }
  }
  for (const auto& [key, v] : other) {
    s.other_pipes.push_back({static_cast<Unit>(key.first), key.second, v.first / v.second});
  }
  s.cores = static_cast<int>(blocks.size());
  s.duration_us = p.task_duration_us.value_or(longest);
  s.metrics.makespan_us = s.duration_us;
  s.metrics.makespan_cycles = std::llround(s.duration_us * p.clock_mhz);
}

}  // namespace

ProfileSummary summarize_profile(const ProfileTrace& p) {
  ProfileSummary s;
  s.format = p.format;
  s.source = p.source;
  s.clock_mhz = p.clock_mhz;
  s.ops = p.op_count();
  s.flags = static_cast<std::int64_t>(p.trace.flags.size());
  s.skipped_pseudo_events = p.skipped_pseudo_events;
  s.counter_series = static_cast<std::int64_t>(p.counters.size());
  if (p.format == ProfileFormat::kPipeUtilization || p.format == ProfileFormat::kOpBasicInfo) {
    summarize_blocks(p, s);
    if (p.format == ProfileFormat::kOpBasicInfo) s.cores = p.block_dim.value_or(0);
    return s;
  }
  // The simulator's own metrics on the profile's trace: a machine at the profile's clock, no
  // launch overhead (the profile's times are already the kernel's), no FLOP count (unknown).
  HardwareModel hw;
  hw.clock_ghz = p.clock_mhz / 1000.0;
  hw.kernel_launch_us = 0;
  Problem no_problem;
  no_problem.batch = 0;
  s.metrics = compute_metrics(p.trace, hw, no_problem);
  for (int u = 0; u < kUnitCount; ++u) {
    for (int q = 0; q < kPipeCount; ++q) {
      s.measured[static_cast<std::size_t>(u)][static_cast<std::size_t>(q)] =
          unit_has_pipe(static_cast<Unit>(u), static_cast<Pipe>(q));
    }
  }
  std::int64_t last = s.metrics.makespan_cycles;
  for (const ExtraLane& l : p.extra_lanes) {
    if (!l.end.empty()) last = std::max(last, *std::max_element(l.end.begin(), l.end.end()));
  }
  s.cores = p.trace.cores;
  s.duration_us = static_cast<double>(last) / p.clock_mhz;
  // Unmodelled pipes over all cores, as the simulator's pipes are.
  std::map<std::pair<int, std::string>, double> busy;
  for (const ExtraLane& l : p.extra_lanes) {
    double cycles = 0;
    for (std::size_t i = 0; i < l.start.size(); ++i)
      cycles += static_cast<double>(l.end[i] - l.start[i]);
    busy[{static_cast<int>(l.unit), l.name}] += cycles;
  }
  for (const auto& [key, cycles] : busy) {
    const double denominator =
        static_cast<double>(std::max(1, s.cores)) * static_cast<double>(last);
    s.other_pipes.push_back(
        {static_cast<Unit>(key.first), key.second, denominator > 0 ? cycles / denominator : 0.0});
  }
  return s;
}

nlohmann::json profile_summary_json(const ProfileSummary& s) {
  nlohmann::json j;
  j["format"] = profile_format_name(s.format);
  j["source"] = s.source;
  j["clock_mhz"] = s.clock_mhz;
  j["duration_us"] = s.duration_us;
  j["cores"] = s.cores;
  j["ops"] = s.ops;
  j["flags"] = s.flags;
  j["skipped_pseudo_events"] = s.skipped_pseudo_events;
  j["counter_series"] = s.counter_series;
  nlohmann::json busy = nlohmann::json::object();
  for (const Unit u : {Unit::kAic, Unit::kAiv0, Unit::kAiv1}) {
    nlohmann::json& unit = busy[unit_key(u)] = nlohmann::json::object();
    for (int q = 0; q < kPipeCount; ++q) {
      const auto pipe = static_cast<Pipe>(q);
      if (s.is_measured(u, pipe)) unit[pipe_name(pipe)] = s.metrics.pipe(u, pipe).busy_fraction;
    }
  }
  for (const OtherPipeBusy& o : s.other_pipes) busy[unit_key(o.unit)][o.pipe] = o.busy_fraction;
  j["per_unit_busy"] = busy;
  return j;
}

}  // namespace amla
