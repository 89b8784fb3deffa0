#include <exception>
#include <new>

#include "app/cli/commands.h"
#include "core/common/input_error.h"
#include "core/common/version.h"
#include "core/kernel/kernel_params.h"

namespace amla::cli {

namespace {

void print_usage(std::ostream& out) {
  out << "amla-cli: AMLA Studio's command line (numerics of AMLA's MUL-by-ADD rescale)\n\n"
         "  amla-cli bits --value X --shift N [--comp E] [--json]\n"
         "      X: decimal, inf, -inf, nan, -0 or a bit pattern 0xXXXXXXXX\n"
         "  amla-cli numerics [--rows R] [--kv-len S] [--kv-block N] [--rows-per-task M]\n"
         "      [--dist flashmla|normal|pasa|zero-v|max-jump|sink|nan-padding] [--seed S]\n"
         "      [--scale X] [--q Q.npy --kv KV.npy] [--out-amla F.npy] [--out-baseline F.npy]\n"
         "      [--out-golden F.npy] [--no-exp-add] [--no-compensation] [--mantissa-mean C]\n"
         "      [--clamp N|none] [--no-guard] [--guard-threshold T] [--epsilon E]\n"
         "      [--jump J] [--jump-token T] [--zero-v-columns N] [--sink-boost B]\n"
         "      [--pasa-bias B] [--pasa-amplitude A] [--pasa-resonance R]\n"
         "      [--threads N] [--memory-budget-mb MB] [--json]\n"
         "  amla-cli presets [--json] [--show NAME [--out FILE]]\n"
         "  amla-cli simulate [--preset NAME | --hw FILE] [--config FILE] [--set KEY=V,...]\n"
         "      [--batch B] [--q-tokens T] [--heads H] [--kv-len S | --kv-lens FILE |\n"
         "      --kv-dist normal:MEAN] [--variant amla|baseline] [--preload 0|1|2]\n"
         "      [--rows-per-task M] [--kv-block N] [...every tiling knob] [--json]\n"
         "      [--trace FILE.json] [--csv FILE] [--dump-config] [--timeline FILE.{png,svg,pdf}]\n"
         "      [--buffers FILE.{png,svg,pdf}] [--width W --height H] [--range START_US:END_US]\n"
         "  amla-cli sweep --param NAME=V1,V2,... [--param NAME=...] [--metric NAME] [--jobs N]\n"
         "      [--csv FILE] [--json] [--json-file FILE] [--heatmap FILE.{png,svg,pdf}]\n"
         "      (plus the simulate flags for the base configuration)\n"
         "  amla-cli report [--out DIR] [--rows R] [--kv-len S] [--memory-budget-mb MB]\n"
         "      every input distribution through both kernels; writes DIR/report.md and .json\n\n"
         "Exit codes: 0 success, 2 bad input (one line naming the field), 1 internal error.\n";
}

}  // namespace

int cli_main(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  if (argv.size() < 2) {
    print_usage(err);
    return 2;
  }
  const std::string& command = argv[1];
  const std::vector<std::string> args(argv.begin() + 2, argv.end());
  try {
    if (command == "bits") return run_bits_command(args, out);
    if (command == "numerics") return run_numerics_command(args, out);
    if (command == "report") return run_report_command(args, out);
    if (command == "presets") return run_presets_command(args, out);
    if (command == "simulate") return run_simulate_command(args, out);
    if (command == "sweep") return run_sweep_command(args, out);
    if (command == "--version") {
      out << "amla-cli " << amla::version_string() << "\n";
      return 0;
    }
    if (command == "help" || command == "--help" || command == "-h") {
      print_usage(out);
      return 0;
    }
    throw InputError("command", command,
                     "one of bits, numerics, report, presets, simulate, sweep, help");
  } catch (const InputError& e) {
    err << "amla-cli: " << render_input_error(e, ParamNaming::kFlag) << "\n";
    return 2;
  } catch (const std::bad_alloc&) {
    err << "amla-cli: out of memory (lower the sizes or --memory-budget-mb)\n";
    return 2;
  } catch (const std::exception& e) {
    err << "amla-cli: internal error: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace amla::cli
