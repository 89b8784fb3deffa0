#include "core/lesson/lesson_facts.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "core/common/input_error.h"
#include "core/common/json_io.h"
#include "core/hw/hardware_presets.h"
#include "core/kernel/kernel_params.h"
#include "core/kernel/op_catalogue.h"
#include "core/lesson/lesson_text.h"
#include "core/numerics/float_bits.h"
#include "core/run/critical_path.h"
#include "core/run/metric_catalogue.h"
#include "core/serving/decode_outputs.h"

namespace amla {

namespace {

std::string namespace_of(const std::string& ref) { return ref.substr(0, ref.find(':')); }
std::string name_of(const std::string& ref) { return ref.substr(ref.find(':') + 1); }

bool text_uses(const LessonStep& step, std::initializer_list<const char*> namespaces) {
  for (const std::string& ref : lesson_text_references(step.text)) {
    for (const char* ns : namespaces) {
      if (namespace_of(ref) == ns) return true;
    }
  }
  return false;
}

std::string printf_text(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

[[noreturn]] void unresolved(const std::string& ref, const std::string& why) {
  throw InputError("reference", "{" + ref + "}", why);
}

std::string error_metric(const ErrorMetrics& m, const std::string& field, const std::string& ref) {
  const struct {
    const char* name;
    double value;
  } numbers[] = {{"max_abs_err", m.max_abs_err},
                 {"max_rel_err", m.max_rel_err},
                 {"rmse", m.rmse},
                 {"cos_diff", m.cos_diff},
                 {"mere", m.mere},
                 {"mare", m.mare},
                 {"failing_elements", static_cast<double>(m.failing_elements)},
                 {"nonfinite_mismatches", static_cast<double>(m.nonfinite_mismatches)}};
  std::vector<std::string> names;
  for (const auto& n : numbers) {
    if (field == n.name) {
      const bool count = field == "failing_elements" || field == "nonfinite_mismatches";
      return count ? printf_text("%.0f", n.value) : printf_text("%.3g", n.value);
    }
    names.push_back(n.name);
  }
  if (field == "relative_rmse") return printf_text("%.3g", m.relative_rmse);
  if (field == "flashmla_pass") return m.flashmla_pass ? "pass" : "fail";
  if (field == "ascend_pass") return m.ascend_pass ? "pass" : "fail";
  names.insert(names.end(), {"relative_rmse", "flashmla_pass", "ascend_pass", "overflow_count"});
  unresolved(ref, unknown_key_limit(field, names));
}

std::string state_field(const RowBlockState& s, const std::string& field, const std::string& ref) {
  if (field == "m") return printf_text("%.6g", s.m);
  if (field == "n") return std::to_string(s.n);
  if (field == "dn") return std::to_string(s.dn);
  if (field == "c") return printf_text("%.6g", s.c);
  if (field == "c_hat") return printf_text("%.6g", s.c_hat);
  if (field == "k") return printf_text("%.8g", s.k);
  if (field == "e") return printf_text("%.3g", s.e);
  if (field == "N") return std::to_string(s.N);
  if (field == "N.hex") return hex32(static_cast<std::uint32_t>(s.N));
  if (field == "l") return printf_text("%.6g", s.l);
  if (field == "clamped") return s.clamped ? "yes" : "no";
  unresolved(ref, unknown_key_limit(field, {"m", "n", "dn", "c", "c_hat", "k", "e", "N", "N.hex",
                                            "l", "clamped"}));
}

std::string bits_field(const LessonBits& b, const std::string& field, const std::string& ref) {
  const RescaleReport r = analyze_exponent_add(bits_of(b.value), b.shift, b.compensation);
  const auto number = [](std::uint32_t bits) { return printf_text("%.9g", float_of(bits)); };
  if (field == "value") return number(r.input_bits);
  if (field == "value.hex") return hex32(r.input_bits);
  if (field == "value.bits") return field_string(r.input_bits);
  if (field == "shift") return std::to_string(b.shift);
  if (field == "addend") return std::to_string(r.addend);
  if (field == "addend.hex") return hex32(static_cast<std::uint32_t>(r.addend));
  if (field == "result") return number(r.result_bits);
  if (field == "result.hex") return hex32(r.result_bits);
  if (field == "result.bits") return field_string(r.result_bits);
  if (field == "reference") return number(r.reference_bits);
  // The class in words, as the bit view names it ("zero turned into garbage"); its code name
  // ("zero_garbage") for texts that show the JSON's spelling.
  if (field == "class") {
    std::string words = rescale_class_entry(r.classification).name;
    if (!words.empty())
      words[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(words[0])));
    return words;
  }
  if (field == "class.code") return rescale_class_name(r.classification);
  unresolved(ref, unknown_key_limit(field, {"value", "value.hex", "value.bits", "shift", "addend",
                                            "addend.hex", "result", "result.hex", "result.bits",
                                            "reference", "class", "class.code"}));
}

}  // namespace

bool step_needs_simulation(const LessonStep& step) {
  return text_uses(step, {"metric", "path", "path_us"});
}

bool step_needs_numerics(const LessonStep& step) { return text_uses(step, {"numerics", "state"}); }

bool step_needs_decode(const LessonStep& step) { return text_uses(step, {"decode"}); }

StepFacts::StepFacts(const LessonStep& step, const SimulationRun* run, const NumericsRun* numerics,
                     const DecodeStep* decode)
    : step_(step), run_(run), numerics_(numerics), decode_(decode) {}

std::string StepFacts::resolve(const std::string& ref) const {
  const std::string ns = namespace_of(ref);
  const std::string name = name_of(ref);
  if (ns == "param" || ns == "label") {
    if (name == "preset") return ns == "param" ? step_.config.hardware.name : "preset";
    const ParamDef* p = find_param(name);
    if (!p) {
      std::vector<std::string> ids;
      for (const ParamDef& d : kernel_params()) ids.emplace_back(d.id);
      unresolved(ref, unknown_key_limit(name, ids));
    }
    if (ns == "label") return std::string(p->label);
    const long long raw = p->get(step_.config.kernel);
    const std::string value = format_param_value(*p, raw);
    if (p->unit.empty() || p->type == ParamType::kChoice) return value;
    // Units are plural words ("tokens", "buffers"): one of them reads in the singular.
    std::string unit(p->unit);
    if (raw == 1 && unit.size() > 1 && unit.back() == 's') unit.pop_back();
    return value + " " + unit;
  }
  if (ns == "hw") {
    const nlohmann::json hw = hardware_to_json(step_.config.hardware);
    const nlohmann::json& params = hw.at("parameters");
    if (!params.contains(name)) {
      std::vector<std::string> keys;
      for (const auto& [key, unused] : params.items()) keys.push_back(key);
      unresolved(ref, unknown_key_limit(name, keys));
    }
    const nlohmann::json& p = params.at(name);
    const std::string unit = p.value("unit", "");
    return printf_text("%.6g", p.at("value").get<double>()) +
           (unit.empty() || unit == "count" ? "" : " " + unit);
  }
  if (ns == "metric") {
    const MetricDef* def = find_metric(name);
    if (!def) {
      std::vector<std::string> keys;
      for (const MetricDef& m : metric_catalogue()) keys.push_back(m.key);
      unresolved(ref, unknown_key_limit(name, keys));
    }
    if (!run_) unresolved(ref, "the step has no simulated run");
    const MetricSource source{run_->metrics, std::nullopt};
    if (def->is_text()) return def->text(source);
    const auto value = def->value(source);
    if (!value) unresolved(ref, "the run does not have this metric (numerics metrics: numerics:)");
    return format_metric(*def, *value, true);
  }
  if (ns == "path" || ns == "path_us") {
    if (!run_) unresolved(ref, "the step has no simulated run");
    if (!explanation_) explanation_ = explain_run(*run_);
    std::vector<std::string> keys;
    for (const AttributionEntry& a : explanation_->attribution) {
      if (name == path_category_key(a.category)) {
        return ns == "path" ? printf_text("%.1f%%", 100.0 * a.share)
                            : printf_text("%.2f \xC2\xB5s", a.us);
      }
      keys.emplace_back(path_category_key(a.category));
    }
    unresolved(ref, unknown_key_limit(name, keys));
  }
  if (ns == "numerics") {
    if (!numerics_) unresolved(ref, "the step has no numerics run");
    const std::size_t dot = name.find('.');
    const std::string variant = name.substr(0, dot);
    const std::string field = dot == std::string::npos ? "" : name.substr(dot + 1);
    if (variant == "amla" && field == "guard_hits")
      return std::to_string(numerics_->amla.guard_hits);
    std::vector<std::string> names;
    for (const VariantInfo& v : all_variants()) {
      names.emplace_back(v.name);
      if (variant != v.name) continue;
      const auto& ran = numerics_->variants;
      const bool always = v.id == NumericsVariant::kAmla || v.id == NumericsVariant::kBaseline;
      if (!always && std::find(ran.begin(), ran.end(), v.id) == ran.end()) {
        unresolved(
            ref, "the step's numerics view does not run " + variant + " (add it to \"variants\")");
      }
      const VariantResult& result = numerics_->result(v.id);
      if (field == "overflow_count") return std::to_string(result.overflow.total());
      return error_metric(result.metrics, field, ref);
    }
    unresolved(ref, unknown_key_limit(variant, names));
  }
  if (ns == "state") {
    if (!numerics_ || !step_.view.numerics) unresolved(ref, "the step has no numerics run");
    const LessonNumerics& n = *step_.view.numerics;
    if (n.row >= numerics_->rows || n.block >= numerics_->kv_blocks) {
      unresolved(ref, "the view's row or block is outside the numerics run");
    }
    return state_field(numerics_->state(n.row, n.block), name, ref);
  }
  if (ns == "decode") {
    if (!decode_) unresolved(ref, "the step has no decode run");
    if (const DecodeOutputDef* def = find_decode_output(name)) {
      return display_decode_output(*def, *decode_);
    }
    unresolved(ref, unknown_key_limit(name, decode_output_keys()));
  }
  if (ns == "bits") {
    if (!step_.view.bits) unresolved(ref, "the step's view sets no bit-view value");
    return bits_field(*step_.view.bits, name, ref);
  }
  unresolved(ref, unknown_key_limit(ns, lesson_reference_namespaces()));
}

NumericsConfig step_numerics_config(const LessonStep& step) {
  NumericsConfig config;
  config.blocking = step.config.kernel.tiling.blocking;
  if (step.view.numerics) {
    config.switches = step.view.numerics->switches;
    config.variants = step.view.numerics->variants;
  }
  return config;
}

StepRuns run_step(const LessonStep& step, const JobControl& control) {
  StepRuns runs;
  if (step_needs_simulation(step)) {
    SimulationControl sim;
    sim.job = control;
    runs.simulation = std::make_unique<SimulationRun>(
        run_simulation(step.config.hardware, step.config.kernel, sim));
  }
  if (step_needs_decode(step)) {
    runs.decode = std::make_unique<DecodeStep>(
        run_decode(step.view.decode.value_or(DecodeParams{}), step.config, nullptr, control));
  }
  if (step_needs_numerics(step)) {
    const LessonNumerics numerics = step.view.numerics.value_or(LessonNumerics{});
    const AttentionInputs inputs = generate_inputs(numerics.inputs);
    runs.numerics =
        std::make_unique<NumericsRun>(run_numerics(inputs, step_numerics_config(step), control));
  }
  return runs;
}

}  // namespace amla
