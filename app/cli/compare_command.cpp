// amla-cli compare: run A (the simulate flags) and B (A with some knobs changed), and say where
// the makespan went in each and what moved between them: "why is B slower" in one answer.
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/cli/arg_list.h"
#include "app/cli/commands.h"
#include "app/cli/common_flags.h"
#include "app/cli/nearest_name.h"
#include "app/cli/run_config_flags.h"
#include "core/common/input_error.h"
#include "core/kernel/config_json.h"
#include "core/run/explain.h"
#include "core/run/metric_catalogue.h"
#include "core/run/simulation_run.h"
#include "core/sweep/knobs.h"

namespace amla::cli {

namespace {

FlagTable compare_flags() {
  std::vector<std::string> knobs;
  for (const KnobInfo& k : run_knobs()) knobs.push_back(k.name);
  FlagSpec b = text_flag("b", "NAME=VALUE,...",
                         "Run B: run A with these knobs changed (NAME is preset or a kernel "
                         "parameter without dashes, as in sweep).");
  b.required = true;
  b.range_text = "NAME " + choices_text(knobs);
  FlagTable own =
      in_group("Compare", {b, bare_flag("json", "Print both runs and their difference as JSON."),
                           memory_budget_flag()});
  return concat(run_config_flag_table(), own);
}

struct Override {
  std::string name, value;
};

// "rows-per-task=128,preset=910B2" -> the overrides, each name a knob.
std::vector<Override> parse_overrides(const std::string& text) {
  std::vector<std::string> knobs;
  for (const KnobInfo& k : run_knobs()) knobs.push_back(k.name);
  std::vector<Override> overrides;
  std::istringstream items(text);
  std::string item;
  while (std::getline(items, item, ',')) {
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == item.size()) {
      throw InputError("--b", shown_word(item), "expected NAME=VALUE (a knob, as in sweep)");
    }
    Override o{item.substr(0, eq), item.substr(eq + 1)};
    if (!is_run_knob(o.name)) {
      throw InputError("--b", shown_word(o.name), nearest_name_limit(o.name, knobs));
    }
    for (const Override& earlier : overrides) {
      if (earlier.name == o.name) throw InputError("--b", o.name, "named twice");
    }
    overrides.push_back(std::move(o));
  }
  if (overrides.empty()) throw InputError("--b", text, "expected NAME=VALUE[,NAME=VALUE...]");
  return overrides;
}

RunConfig config_b(const RunConfig& a, const std::vector<Override>& overrides) {
  RunConfig b = a;
  for (const Override& o : overrides) {
    try {
      apply_knob(b, o.name, o.value);
    } catch (const InputError& e) {  // "--b rows-per-task": the flag the user typed, then the knob
      throw InputError("--b " + o.name, e.value(), e.limit());
    }
  }
  return b;
}

struct Explained {
  SimulationRun run;
  RunExplanation why;
};

Explained run_explained(const RunConfig& config, std::uint64_t budget, const std::string& which) {
  SimulationControl control;
  control.memory_budget_bytes = budget;
  control.keep = TraceKeeping::kRequired;  // where the time went is read from the trace
  try {
    Explained e{run_simulation(config.hardware, config.kernel, control), {}};
    e.why = explain_run(e.run);
    return e;
  } catch (const InputError& error) {
    if (which == "a") throw;
    // B's own configuration is at fault: say so, naming the flag that made it.
    throw InputError("--b", error.field() + " " + error.value(), error.limit());
  }
}

// The run as simulate --json --explain gives it (the catalogue's metrics, the explain object).
nlohmann::json run_json(const Explained& e) {
  nlohmann::json j = metrics_to_json({e.run.metrics, std::nullopt});
  j["preset"] = e.run.hardware.name;
  j["variant"] = variant_name(e.run.config.variant);
  j["preload"] = e.run.config.tiling.preload;
  j["explain"] = explanation_to_json(e.why, e.run.metrics);
  return j;
}

nlohmann::json delta_json(const Explained& a, const Explained& b) {
  nlohmann::json attribution = nlohmann::json::object();
  for (std::size_t i = 0; i < a.why.attribution.size(); ++i) {
    attribution[path_category_key(a.why.attribution[i].category)] =
        b.why.attribution[i].us - a.why.attribution[i].us;
  }
  return {{"makespan_us", b.run.metrics.makespan_us - a.run.metrics.makespan_us},
          {"attribution", attribution}};
}

void print_run(const char* name, const Explained& e, const std::string& what, std::ostream& out) {
  const SimulationMetrics& m = e.run.metrics;
  out << name << ": " << what << "\n"
      << "   makespan " << std::setprecision(2) << m.makespan_us << " us, " << std::setprecision(1)
      << 100.0 * m.flops_utilization << "% of the Cube peak, bound " << m.bound_unit_pipe() << " "
      << 100.0 * m.bound_busy << "% busy\n";
  for (const std::string& a : e.why.advice) out << "   advice: " << a << "\n";
}

void print_comparison(const Explained& a, const Explained& b, const std::string& overrides,
                      std::ostream& out) {
  out << std::fixed;
  print_run("A", a,
            a.run.hardware.name + ", " + variant_name(a.run.config.variant) + ", preload " +
                std::to_string(a.run.config.tiling.preload),
            out);
  print_run("B", b, "A with " + overrides, out);
  out << "critical path               A us        B us     B - A us\n";
  for (std::size_t i = 0; i < a.why.attribution.size(); ++i) {
    const AttributionEntry& x = a.why.attribution[i];
    const AttributionEntry& y = b.why.attribution[i];
    if (x.us <= 0 && y.us <= 0) continue;
    std::string label = path_category_label(x.category);
    label.resize(std::max<std::size_t>(label.size(), 22), ' ');
    out << "  " << label << std::setprecision(2) << std::setw(10) << x.us << std::setw(12) << y.us
        << std::setw(13) << std::showpos << y.us - x.us << std::noshowpos << "\n";
  }
  out << "  " << std::string(22, ' ') << std::setw(10) << a.run.metrics.makespan_us << std::setw(12)
      << b.run.metrics.makespan_us << std::setw(13) << std::showpos
      << b.run.metrics.makespan_us - a.run.metrics.makespan_us << std::noshowpos
      << "  (makespan)\n";
}

int compare_main(ArgList& list, std::ostream& out) {
  const std::string overrides_text = *list.value("b");
  const bool json = list.flag("json");
  const auto budget = static_cast<std::uint64_t>(list.integer("memory-budget-mb")) << 20;
  const RunConfig a = parse_run_config_flags(list);
  list.finish();
  const std::vector<Override> overrides = parse_overrides(overrides_text);
  const RunConfig b = config_b(a, overrides);
  const Explained run_a = run_explained(a, budget, "a");
  const Explained run_b = run_explained(b, budget, "b");
  if (json) {
    nlohmann::json j = {
        {"a", run_json(run_a)}, {"b", run_json(run_b)}, {"delta", delta_json(run_a, run_b)}};
    nlohmann::json knobs = nlohmann::json::object();
    for (const Override& o : overrides) knobs[o.name] = knob_value(b, o.name);
    j["b_overrides"] = knobs;
    out << j.dump(2) << "\n";
  } else {
    print_comparison(run_a, run_b, overrides_text, out);
  }
  return 0;
}

}  // namespace

CommandSpec compare_command() {
  return {"compare",
          "two runs, B = A with some knobs changed, and where their makespans differ",
          "[SIMULATE FLAGS FOR A] --b NAME=VALUE[,NAME=VALUE...] [--json]",
          "Simulates run A (the flags, as simulate takes them) and run B (A with the knobs "
          "--b names changed), explains both along their critical paths, and prints each one's "
          "makespan, bound and advice with the attribution of the makespan per category for A, "
          "for B and their difference: where B gained or lost its time.",
          compare_flags(),
          {{"amla-cli compare --b rows-per-task=128", "why is B slower"},
           {"amla-cli compare --variant baseline --b variant=amla --batch 128 --q-tokens 4 "
            "--kv-len 4096",
            "AMLA against its MUL baseline"},
           {"amla-cli compare --batch 16 --b preset=910B2,preload=1 --json", ""}},
          compare_main};
}

}  // namespace amla::cli
