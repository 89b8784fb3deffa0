// amla-cli report: the headless default report. Runs the default numerics case and every hazard
// input, and writes a Markdown summary plus the full JSON into a directory.
#include <filesystem>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/cli/arg_list.h"
#include "app/cli/commands.h"
#include "app/cli/common_flags.h"
#include "core/common/atomic_file.h"
#include "core/common/input_error.h"
#include "core/common/memory_budget.h"
#include "core/common/output_set.h"
#include "core/numerics/float_bits.h"
#include "core/numerics/numerics_run.h"

namespace amla::cli {

namespace {

std::string sci(double v) {
  std::ostringstream s;
  s << std::scientific << std::setprecision(3) << v;
  return s.str();
}

FlagTable report_flags() {
  return {text_flag("out", "DIR", "Directory for report.md and report.json (created if needed).",
                    "out/report"),
          integer_flag("rows", "R", "Query rows of every input.", 128, 1, 4096),
          integer_flag("kv-len", "S", "KV sequence length S_k of every input.", 4096, 1, 1 << 20),
          memory_budget_flag()};
}

int report_main(ArgList& list, std::ostream& out) {
  const std::string dir = list.text("out");
  const int rows = static_cast<int>(list.integer("rows"));
  const int kv_len = static_cast<int>(list.integer("kv-len"));
  const long long budget_mb = list.integer("memory-budget-mb");
  list.finish();
  // The inputs alone of 4096 rows x 1M tokens are 7 GB: refuse before generating anything.
  check_memory_budget(rows >= kv_len ? "--rows" : "--kv-len",
                      std::to_string(rows) + " rows x " + std::to_string(kv_len) + " tokens",
                      numerics_memory_bytes(rows, kv_len, KernelBlocking{}),
                      static_cast<std::uint64_t>(budget_mb) << 20);
  // Both files or neither: a directory created here goes again if the report does not finish.
  const std::string md_path = (std::filesystem::path(dir) / "report.md").string();
  const std::string json_path = (std::filesystem::path(dir) / "report.json").string();
  OutputSet outputs;
  outputs.declare_directory("--out", dir);
  outputs.declare("--out", md_path);
  outputs.declare("--out", json_path);

  std::ostringstream md;
  nlohmann::json json;
  md << "# AMLA Studio numerics report\n\n"
     << "MLA decode attention, " << rows << " rows x S_k " << kv_len
     << ", KV block 512, FP64 golden from BF16 inputs. AMLA with every switch at the shipped "
        "kernel's setting (exponent add, 1.5 e compensation, clamp -30, guard 1e10, eps 1e-6).\n\n"
     << "| input | variant | max abs | max rel | RMSE | cos_diff | MERE | non-finite | FlashMLA | "
        "Ascend BF16 |\n"
     << "|---|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& dist : all_distributions()) {
    InputSpec spec;
    spec.rows = rows;
    spec.kv_len = kv_len;
    spec.distribution = dist.id;
    if (spec.jump_token > kv_len) spec.jump_token = kv_len / 2;
    const NumericsRun run = run_numerics(generate_inputs(spec), {});
    for (const auto& [name, metrics] :
         {std::pair{"AMLA", run.amla.metrics}, std::pair{"baseline", run.baseline.metrics}}) {
      md << "| " << dist.name << " | " << name << " | " << sci(metrics.max_abs_err) << " | "
         << sci(metrics.max_rel_err) << " | " << sci(metrics.rmse) << " | " << sci(metrics.cos_diff)
         << " | " << sci(metrics.mere) << " | " << metrics.nonfinite_mismatches << " | "
         << (metrics.flashmla_pass ? "pass" : "FAIL") << " | "
         << (metrics.ascend_pass ? "pass" : "FAIL") << " |\n";
      json[dist.name][name] = {{"max_abs_err", metrics.max_abs_err},
                               {"max_rel_err", metrics.max_rel_err},
                               {"rmse", metrics.rmse},
                               {"cos_diff", metrics.cos_diff},
                               {"mere", metrics.mere},
                               {"mare", metrics.mare},
                               {"flashmla_pass", metrics.flashmla_pass},
                               {"ascend_pass", metrics.ascend_pass},
                               {"nonfinite_mismatches", metrics.nonfinite_mismatches}};
    }
    nlohmann::json classes;
    for (std::size_t c = 0; c < run.amla.rescale_classes.size(); ++c) {
      if (run.amla.rescale_classes[c]) {
        classes[rescale_class_name(static_cast<RescaleClass>(c))] = run.amla.rescale_classes[c];
      }
    }
    json[dist.name]["amla_rescale_classes"] = classes;
    json[dist.name]["amla_guard_hits"] = run.amla.guard_hits;
  }
  md << "\nStatistics are over the finite elements; 'non-finite' counts inf/NaN where the golden "
        "has none (or the reverse).\n"
     << "\nAMLA's integer adds by outcome, per input: see report.json "
        "(`amla_rescale_classes`, `amla_guard_hits`).\n";

  const std::string md_text = md.str();
  write_file_atomically("--out", md_path, [&](std::ostream& o) { o << md_text; });
  write_file_atomically("--out", json_path, [&](std::ostream& o) { o << json.dump(2) << "\n"; });
  outputs.commit();
  out << md_text << "\nwrote " << md_path << " and " << json_path << "\n";
  return 0;
}

}  // namespace

CommandSpec report_command() {
  return {"report",
          "every input distribution through both kernels: Markdown and JSON",
          "[--out DIR] [--rows R] [--kv-len S] [--memory-budget-mb MB]",
          "Runs every input distribution, the hazard inputs included, through the baseline and "
          "AMLA with the shipped kernel's settings and writes DIR/report.md (a table of errors "
          "and pass/fail lines) and DIR/report.json (every figure).",
          report_flags(),
          {{"amla-cli report --out out/report", ""}},
          report_main};
}

}  // namespace amla::cli
