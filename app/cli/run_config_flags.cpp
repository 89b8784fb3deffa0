#include "app/cli/run_config_flags.h"

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/common/bounded_read.h"
#include "core/common/input_error.h"
#include "core/hw/hardware_presets.h"
#include "core/kernel/kernel_params.h"
#include "core/sweep/knobs.h"

namespace amla::cli {

std::vector<int> parse_kv_lengths(const std::string& text, const std::string& shown_path) {
  const ParamDef& kv_len = param("problem.kv_len");
  const auto max_lengths = static_cast<std::size_t>(param("problem.batch").max);
  std::vector<int> lens;
  std::size_t i = 0;
  while (i < text.size()) {
    // Separators: whitespace, commas and JSON-style brackets.
    const auto is_sep = [](char c) {
      return c == ',' || c == '[' || c == ']' || c == ' ' || c == '\n' || c == '\t' || c == '\r' ||
             c == '\v' || c == '\f';
    };
    if (is_sep(text[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && !is_sep(text[end])) ++end;
    const std::string_view part(text.data() + i, end - i);
    i = end;
    if (part.size() > 20) {  // longer than any integer: quote it cut, never whole
      throw InputError("--kv-lens", printable_excerpt(part),
                       "not an integer in [" + std::to_string(kv_len.min) + ", " +
                           std::to_string(kv_len.max) + "]");
    }
    try {
      lens.push_back(
          static_cast<int>(parse_integer("--kv-lens", std::string(part), kv_len.min, kv_len.max)));
    } catch (const InputError& e) {
      throw InputError(e.field(), printable_excerpt(e.value()), e.limit());
    }
    if (lens.size() > max_lengths) {
      throw InputError("--kv-lens", shown_path,
                       "at most " + std::to_string(max_lengths) + " lengths");
    }
  }
  if (lens.empty()) throw InputError("--kv-lens", shown_path, "holds no lengths");
  return lens;
}

namespace {

std::vector<int> read_kv_lengths(const std::string& path) {
  // 16 MB holds far more lengths than the largest batch; a FIFO or /dev/zero is refused at once.
  const std::string text =
      read_bounded_file("--kv-lens", path, kMaxKvLensFileBytes, "--kv-lens files");
  return parse_kv_lengths(text, printable_excerpt(path));
}

// A kernel parameter as a flag: everything from the schema.
FlagSpec param_flag(const ParamDef& p) {
  FlagSpec f;
  f.name = std::string(p.flag);
  f.help = render_param_refs(std::string(p.help), ParamNaming::kFlag);
  f.group = std::string(p.group);
  f.unit = std::string(p.unit);
  f.range_text = param_range_text(p);
  f.default_text = format_param_value(p, p.get(KernelConfig{}));
  if (p.type == ParamType::kChoice) {
    f.kind = FlagKind::kText;
    f.metavar = "NAME";
    for (const auto name : p.choices) f.choices.emplace_back(name);
  } else {
    f.kind = FlagKind::kInteger;
    f.metavar = "N";
    f.int_default = p.get(KernelConfig{});
    f.min = p.min;
    f.max = p.max;
    f.multiple_of = p.multiple_of;
  }
  return f;
}

// The per-request lengths, listed right after --kv-len.
FlagTable kv_length_flags() {
  const ParamDef& kv_len = param("problem.kv_len");
  FlagSpec lens = text_flag("kv-lens", "FILE",
                            "One KV length per request, from a file of whitespace- or "
                            "comma-separated numbers (one per --batch entry), each " +
                                param_range_text(kv_len) + "; a regular file of at most 16 MB.");
  FlagSpec dist = text_flag("kv-dist", "normal:MEAN",
                            "KV lengths drawn from Normal(MEAN, MEAN/2), clamped to [1, 2 MEAN] "
                            "(FlashMLA's test shapes); one of --kv-len, --kv-lens, --kv-dist.");
  dist.min = 1;
  dist.max = INT32_MAX;
  dist.range_text = "normal:MEAN, MEAN " + integer_range_text(dist.min, dist.max);
  return in_group(
      std::string(kv_len.group),
      {lens, dist,
       integer_flag("kv-seed", "S", "Seed of the lengths --kv-dist draws.", 0, 0, 1LL << 62)});
}

}  // namespace

bool omitted(const std::vector<std::string>& omit, const std::string& name) {
  return std::find(omit.begin(), omit.end(), name) != omit.end();
}

FlagTable run_config_flag_table(const std::vector<std::string>& omit) {
  FlagTable table = in_group(
      "Configuration",
      {text_flag("config", "FILE",
                 "A run configuration file (JSON, as --dump-config writes it); the other flags "
                 "override it."),
       choice_flag("preset", "The machine: a built-in preset (amla-cli presets lists them).",
                   preset_names(), "910C-package"),
       text_flag("hw", "FILE",
                 "The machine from a JSON file giving every parameter (amla-cli presets --show "
                 "NAME --out FILE writes one), or naming the preset it changes: {\"preset\": "
                 "\"910B2\", \"clock_ghz\": 1.5}. Excludes --preset."),
       text_flag("set", "KEY=V,...",
                 "Change machine parameters without a file (the keys of presets --show, e.g. "
                 "clock_ghz=1.6,l2_bandwidth_gb_per_s=8000).")});
  for (const ParamDef& p : kernel_params()) {
    table.push_back(param_flag(p));
    if (p.id == "problem.kv_len") table = concat(std::move(table), kv_length_flags());
  }
  std::erase_if(table, [&](const FlagSpec& f) { return omitted(omit, f.name); });
  return table;
}

amla::RunConfig parse_run_config_flags(ArgList& list, const std::vector<std::string>& omit) {
  const auto value = [&](const std::string& name) {
    return omitted(omit, name) ? std::nullopt : list.value(name);
  };
  RunConfig rc;
  rc.hardware = find_preset(list.spec("preset").default_text);
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
      const std::string key = item.substr(0, eq), text = item.substr(eq + 1);
      // Whole numbers go in as JSON integers, so integer parameters (aic_per_die) accept them.
      if (!text.empty() && text.find_first_not_of("-0123456789") == std::string::npos) {
        overrides[key] = parse_integer("--set " + key, text, -(1LL << 53), 1LL << 53);
      } else {
        // Any finite number here; the parameter's own range (its unit too) is checked by
        // apply_hardware_json, so the message quotes the real limit.
        try {
          overrides[key] = parse_real("--set " + key, text, -std::numeric_limits<double>::max(),
                                      std::numeric_limits<double>::max());
        } catch (const InputError& e) {
          throw InputError(e.field(), e.value(), "must be a finite number");
        }
      }
    }
    apply_hardware_json(overrides, "--set", rc.hardware);
  }

  const auto kv_len = list.has("kv-len");
  const auto kv_lens = value("kv-lens");
  const auto kv_dist = value("kv-dist");
  if ((kv_len ? 1 : 0) + (kv_lens ? 1 : 0) + (kv_dist ? 1 : 0) > 1) {
    throw InputError("--kv-len", "given with --kv-lens or --kv-dist", "choose one of the three");
  }
  const long long kv_seed = omitted(omit, "kv-seed") ? 0 : list.integer("kv-seed");
  // Every kernel parameter (the batch first: --kv-lens and --kv-dist need it), parsed and
  // range-checked by the schema.
  for (const ParamDef& p : kernel_params()) {
    const std::string name(p.flag);
    if (const auto v = value(name)) apply_knob(rc, name, *v);
  }
  Problem& p = rc.kernel.problem;
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
    const int mean = static_cast<int>(list.integer_of("kv-dist", kv_dist->substr(prefix.size())));
    try {
      p.kv_lens = draw_kv_lengths(p.batch, mean, static_cast<std::uint64_t>(kv_seed));
    } catch (const InputError& e) {
      throw InputError("--kv-dist", e.value(), e.limit());
    }
  }
  if (!p.kv_lens.empty() && static_cast<int>(p.kv_lens.size()) != p.batch) {
    throw InputError("--batch", std::to_string(p.batch),
                     "the configuration has " + std::to_string(p.kv_lens.size()) +
                         " per-request lengths: give --kv-len, --kv-lens or --kv-dist too");
  }
  return rc;
}

}  // namespace amla::cli
