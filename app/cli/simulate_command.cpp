// amla-cli simulate: the AMLA kernel (or its MUL baseline) on a simulated Ascend 910.
#include <fstream>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/cli/arg_list.h"
#include "app/cli/commands.h"
#include "app/cli/image_export.h"
#include "core/common/input_error.h"
#include "core/common/memory_budget.h"
#include "core/hw/hardware_presets.h"
#include "core/kernel/config_json.h"
#include "core/sim/chrome_trace_writer.h"
#include "core/sim/simulation_run.h"
#include "core/sim/trace_csv.h"

namespace amla::cli {

namespace {

std::vector<int> read_kv_lengths(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError("--kv-lens", path, "cannot open the file for reading");
  std::vector<int> lens;
  std::string token;
  while (in >> token) {
    for (char& ch : token) {
      if (ch == ',' || ch == '[' || ch == ']') ch = ' ';
    }
    std::istringstream parts(token);
    std::string part;
    while (parts >> part) {
      lens.push_back(static_cast<int>(parse_integer("--kv-lens", part, 1, 1 << 24)));
      if (lens.size() > 65536) throw InputError("--kv-lens", path, "at most 65536 lengths");
    }
  }
  if (lens.empty()) throw InputError("--kv-lens", path, "holds no lengths");
  return lens;
}

// Every tiling knob as a flag named like its JSON key with dashes.
void apply_tiling_flags(ArgList& list, Tiling& t) {
  const auto knob = [&](const char* name, int& value, long long lo, long long hi) {
    value = static_cast<int>(list.integer(name, value, lo, hi));
  };
  knob("rows-per-task", t.blocking.rows_per_task, 1, 4096);
  knob("kv-block", t.blocking.kv_block, 1, 65536);
  knob("l1-k-split", t.l1_k_split, 1, 4096);
  knob("mm1-n-tile", t.mm1_n_tile, 1, 4096);
  knob("mm1-k-slice", t.mm1_k_slice, 1, 4096);
  knob("mm2-k-split", t.mm2_k_split, 1, 4096);
  knob("mm2-n-tile", t.mm2_n_tile, 1, 4096);
  knob("mm2-k-slice", t.mm2_k_slice, 1, 4096);
  knob("m-tile", t.m_tile, 1, 4096);
  knob("qp-buffers", t.qp_buffers, 1, 64);
  knob("kv-buffers", t.kv_buffers, 1, 64);
  knob("l0ab-buffers", t.l0ab_buffers, 1, 8);
  knob("l0c-buffers", t.l0c_buffers, 1, 8);
  knob("ub-chunk", t.ub_chunk_bytes, 1, 1 << 20);
  knob("ub-input-buffers", t.ub_input_buffers, 1, 8);
  knob("gm-slots", t.gm_slots, 1, 8);
  knob("preload", t.preload, 0, 2);
  knob("kv-splits", t.kv_splits, 1, 1024);
  if (const auto s = list.value("kv-split")) t.kv_split = parse_kv_split("--kv-split", *s);
}

struct SimulateRequest {
  RunConfig config;
  std::optional<std::string> trace_path, csv_path;
  ImageExportRequest images;
  std::optional<std::pair<double, double>> range_us;
  bool json = false;
  bool dump_config = false;
  std::uint64_t memory_budget = 0;
};

SimulateRequest parse_request(const std::vector<std::string>& args) {
  ArgList list(args);
  SimulateRequest req;
  RunConfig& rc = req.config;
  rc.hardware = find_preset("910C-package");
  if (const auto path = list.value("config")) rc = load_run_config_file(*path);
  const auto preset = list.value("preset");
  const auto hw_file = list.value("hw");
  if (preset && hw_file) throw InputError("--hw", *hw_file, "give --preset or --hw, not both");
  if (preset) rc.hardware = find_preset(*preset);
  if (hw_file) rc.hardware = load_hardware_file(*hw_file);
  // --set key=value[,key=value...]: change hardware parameters without writing a file.
  if (const auto sets = list.value("set")) {
    std::istringstream items(*sets);
    std::string item;
    nlohmann::json overrides = nlohmann::json::object();
    while (std::getline(items, item, ',')) {
      const auto eq = item.find('=');
      if (eq == std::string::npos || eq == 0) {
        throw InputError("--set", item, "expected KEY=VALUE (a hardware parameter)");
      }
      overrides[item.substr(0, eq)] =
          parse_real("--set " + item.substr(0, eq), item.substr(eq + 1), -1e18, 1e18);
    }
    apply_hardware_json(overrides, "--set", rc.hardware);
  }

  Problem& p = rc.kernel.problem;
  p.batch = static_cast<int>(list.integer("batch", p.batch, 1, 65536));
  p.q_tokens = static_cast<int>(list.integer("q-tokens", p.q_tokens, 1, 16));
  p.heads = static_cast<int>(list.integer("heads", p.heads, 1, 1024));
  p.page_size = static_cast<int>(list.integer("page-size", p.page_size, 1, 65536));
  const auto kv_len = list.value("kv-len");
  const auto kv_lens = list.value("kv-lens");
  const auto kv_dist = list.value("kv-dist");
  if ((kv_len ? 1 : 0) + (kv_lens ? 1 : 0) + (kv_dist ? 1 : 0) > 1) {
    throw InputError("--kv-len", "given with --kv-lens or --kv-dist", "choose one of the three");
  }
  const long long kv_seed = list.integer("kv-seed", 0, 0, 1LL << 62);
  if (kv_len) {
    p.kv_len = static_cast<int>(parse_integer("--kv-len", *kv_len, 1, 1 << 24));
    p.kv_lens.clear();
  }
  if (kv_lens) {
    p.kv_lens = read_kv_lengths(*kv_lens);
    if (static_cast<int>(p.kv_lens.size()) != p.batch) {
      throw InputError("--kv-lens", std::to_string(p.kv_lens.size()) + " lengths",
                       "needs one per batch entry (--batch " + std::to_string(p.batch) + ")");
    }
  }
  if (kv_dist) {
    const std::string prefix = "normal:";
    if (kv_dist->rfind(prefix, 0) != 0) {
      throw InputError("--kv-dist", *kv_dist, "expected normal:MEAN");
    }
    const int mean =
        static_cast<int>(parse_integer("--kv-dist", kv_dist->substr(prefix.size()), 1, 1 << 23));
    p.kv_lens = draw_kv_lengths(p.batch, mean, static_cast<std::uint64_t>(kv_seed));
  }
  if (const auto v = list.value("variant")) rc.kernel.variant = parse_variant("--variant", *v);
  apply_tiling_flags(list, rc.kernel.tiling);
  req.trace_path = list.value("trace");
  req.csv_path = list.value("csv");
  req.images.timeline_path = list.value("timeline");
  req.images.buffers_path = list.value("buffers");
  req.images.width = static_cast<int>(list.integer("width", 1920, 16, 16384));
  req.images.height = static_cast<int>(list.integer("height", 1080, 16, 16384));
  req.images.buffers_core = static_cast<int>(list.integer("buffers-core", 0, 0, 4095));
  if (const auto range = list.value("range")) {
    const auto colon = range->find(':');
    if (colon == std::string::npos) throw InputError("--range", *range, "expected START_US:END_US");
    const double t0 = parse_real("--range", range->substr(0, colon), 0, 1e12);
    const double t1 = parse_real("--range", range->substr(colon + 1), 0, 1e12);
    if (!(t1 > t0)) throw InputError("--range", *range, "END_US must be greater than START_US");
    req.range_us = std::make_pair(t0, t1);
  }
  req.json = list.flag("json");
  req.dump_config = list.flag("dump-config");
  const long long budget_mb = list.integer(
      "memory-budget-mb", static_cast<long long>(default_memory_budget_bytes() >> 20), 1, 1LL << 30);
  req.memory_budget = static_cast<std::uint64_t>(budget_mb) << 20;
  list.finish();
  return req;
}

nlohmann::json metrics_json(const SimulationRun& run) {
  const SimulationMetrics& m = run.metrics;
  nlohmann::json j;
  j["preset"] = run.hardware.name;
  j["variant"] = variant_name(run.config.variant);
  j["preload"] = run.config.tiling.preload;
  j["makespan_us"] = m.makespan_us;
  j["makespan_cycles"] = m.makespan_cycles;
  j["total_flops"] = m.total_flops;
  j["tflops"] = m.tflops;
  j["peak_tflops"] = m.peak_tflops;
  j["flops_utilization"] = m.flops_utilization;
  j["hbm_bytes"] = m.hbm_bytes;
  j["hbm_gb_per_s"] = m.hbm_gb_per_s;
  j["hbm_bandwidth_utilization"] = m.hbm_bandwidth_utilization;
  j["l2_bytes"] = m.l2_bytes;
  j["l2_bandwidth_utilization"] = m.l2_bandwidth_utilization;
  j["bound"] = m.bound;
  nlohmann::json pipes, bubbles;
  for (int p = 0; p < kPipeCount; ++p) {
    pipes[pipe_name(static_cast<Pipe>(p))] = m.pipes[static_cast<std::size_t>(p)].busy_fraction;
    bubbles[pipe_name(static_cast<Pipe>(p))] = {
        {"gaps", m.pipes[static_cast<std::size_t>(p)].bubbles},
        {"idle_cycles", m.pipes[static_cast<std::size_t>(p)].bubble_cycles}};
  }
  j["pipes"] = pipes;
  j["bubbles"] = bubbles;
  j["load_imbalance"] = m.load_imbalance;
  j["core_cube_busy"] = {{"min", m.core_cube_busy_min},
                         {"mean", m.core_cube_busy_mean},
                         {"max", m.core_cube_busy_max}};
  j["events"] = m.events;
  j["jobs"] = run.plan.jobs.size();
  j["tasks"] = run.plan.tasks.size();
  j["wall_seconds"] = run.wall_seconds;
  return j;
}

void print_summary(const SimulationRun& run, std::ostream& out) {
  const SimulationMetrics& m = run.metrics;
  const Problem& p = run.config.problem;
  out << std::fixed;
  out << run.hardware.name << ", " << variant_name(run.config.variant) << ", preload "
      << run.config.tiling.preload << ": batch " << p.batch << ", q_tokens " << p.q_tokens
      << ", heads " << p.heads << ", S_k "
      << (p.kv_lens.empty() ? std::to_string(p.kv_len) : "per batch (" +
                                                             std::to_string(p.total_kv_tokens()) +
                                                             " tokens)")
      << "\n";
  out << "  makespan        " << std::setprecision(2) << m.makespan_us << " us ("
      << m.makespan_cycles << " cycles)\n";
  out << "  throughput      " << std::setprecision(1) << m.tflops << " TFLOPS of "
      << m.peak_tflops << " peak (" << std::setprecision(1) << 100 * m.flops_utilization
      << "%)\n";
  out << "  HBM             " << std::setprecision(1) << m.hbm_bytes / 1e9 << " GB at "
      << m.hbm_gb_per_s << " GB/s (" << 100 * m.hbm_bandwidth_utilization << "% of "
      << run.hardware.hbm_total_gb_per_s() << ")\n";
  out << "  L2              " << m.l2_bytes / 1e9 << " GB (" << 100 * m.l2_bandwidth_utilization
      << "% of its bandwidth)\n";
  out << "  bound           " << m.bound << "\n";
  out << "  busy per pipe  ";
  for (int i = 0; i < kPipeCount; ++i) {
    out << " " << pipe_name(static_cast<Pipe>(i)) << " " << std::setprecision(1)
        << 100 * m.pipes[static_cast<std::size_t>(i)].busy_fraction << "%";
  }
  out << "\n  load balance    Cube busy per core " << std::setprecision(1)
      << 100 * m.core_cube_busy_min << "% .. " << 100 * m.core_cube_busy_max << "% (max/mean "
      << std::setprecision(3) << m.load_imbalance << ")\n";
  out << "  plan            " << run.plan.jobs.size() << " jobs, " << run.plan.tasks.size()
      << " tasks, " << run.plan.combines.size() << " combines on " << run.plan.cores
      << " AI cores; " << m.events << " ops simulated in " << std::setprecision(2)
      << run.wall_seconds << " s\n";
}

}  // namespace

int run_simulate_command(const std::vector<std::string>& args, std::ostream& out) {
  const SimulateRequest req = parse_request(args);
  if (req.dump_config) {
    out << run_config_to_json(req.config).dump(2) << "\n";
    return 0;
  }
  if ((req.images.timeline_path || req.images.buffers_path) && !image_export_available()) {
    export_simulation_images(SimulationRun{}, req.images);  // throws: say so before running
  }
  SimulationControl control;
  control.memory_budget_bytes = req.memory_budget;
  const SimulationRun run = run_simulation(req.config.hardware, req.config.kernel, control);
  if (req.images.buffers_core >= run.plan.cores) {
    throw InputError("--buffers-core", std::to_string(req.images.buffers_core),
                     "the machine has cores 0.." + std::to_string(run.plan.cores - 1));
  }
  ImageExportRequest images = req.images;
  if (req.range_us) {  // microseconds to cycles of this machine
    images.t0_cycles = req.range_us->first * run.hardware.clock_ghz * 1e3;
    images.t1_cycles = req.range_us->second * run.hardware.clock_ghz * 1e3;
  }
  export_simulation_images(run, images);
  if (req.trace_path) write_chrome_trace_file(run.trace, *req.trace_path);
  if (req.csv_path) write_ops_csv_file(run.trace, *req.csv_path);
  if (req.json) {
    out << metrics_json(run).dump(2) << "\n";
  } else {
    print_summary(run, out);
    if (req.trace_path) out << "  trace           " << *req.trace_path << "\n";
    if (req.csv_path) out << "  csv             " << *req.csv_path << "\n";
    if (req.images.timeline_path) out << "  timeline        " << *req.images.timeline_path << "\n";
    if (req.images.buffers_path) out << "  buffers         " << *req.images.buffers_path << "\n";
  }
  return 0;
}

}  // namespace amla::cli
