#include "core/session/numerics_page_state.h"

#include <algorithm>
#include <cmath>

#include "core/common/input_error.h"
#include "core/common/json_io.h"
#include "core/numerics/float_bits.h"

namespace amla {

namespace {

using nlohmann::json;

void only(const json& j, const std::string& field, const std::vector<std::string>& known) {
  if (!j.is_object()) throw InputError(field, j.dump(), "must be an object");
  for (const auto& [key, value] : j.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      throw InputError(field + "." + key, "unknown key", unknown_key_limit(key, known));
    }
  }
}

double number(const json& j, const std::string& key, const std::string& field, double fallback) {
  if (!j.contains(key)) return fallback;
  const json& v = j.at(key);
  if (!v.is_number() || !std::isfinite(v.get<double>())) {
    throw InputError(field + "." + key, v.dump(), "must be a finite number");
  }
  return v.get<double>();
}

long long integer(const json& j, const std::string& key, const std::string& field, long long lo,
                  long long hi, long long fallback) {
  if (!j.contains(key)) return fallback;
  const json& v = j.at(key);
  if (!v.is_number_integer() || v.get<long long>() < lo || v.get<long long>() > hi) {
    throw InputError(field + "." + key, v.dump(),
                     "an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  }
  return v.get<long long>();
}

bool flag(const json& j, const std::string& key, const std::string& field, bool fallback) {
  if (!j.contains(key)) return fallback;
  const json& v = j.at(key);
  if (!v.is_boolean()) throw InputError(field + "." + key, v.dump(), "true or false");
  return v.get<bool>();
}

std::string text(const json& j, const std::string& key, const std::string& field) {
  const json& v = j.at(key);
  if (!v.is_string()) throw InputError(field + "." + key, v.dump(), "a string");
  return v.get<std::string>();
}

// Re-throws a validator's error under the session's field.
template <class F>
void checked(const std::string& field, F&& validate) {
  try {
    validate();
  } catch (const InputError& e) {
    throw InputError(field + "." + e.field(), e.value(), e.limit());
  }
}

InputSpec inputs_from_json(const json& j, const std::string& field) {
  only(j, field, {"dist", "rows", "kv_len", "seed", "scale", "mean", "amplitude", "phase"});
  InputSpec s;
  if (j.contains("dist"))
    s.distribution = parse_distribution(field + ".dist", text(j, "dist", field));
  s.rows = static_cast<int>(integer(j, "rows", field, 1, 1 << 20, s.rows));
  s.kv_len = static_cast<int>(integer(j, "kv_len", field, 1, 1 << 24, s.kv_len));
  if (j.contains("seed")) {
    const json& v = j.at("seed");
    if (!v.is_number_unsigned()) throw InputError(field + ".seed", v.dump(), "an integer >= 0");
    s.seed = v.get<std::uint64_t>();
  }
  for (const auto& [key, target] : {std::pair<const char*, double*>{"scale", &s.scale},
                                    {"mean", &s.mean},
                                    {"amplitude", &s.amplitude}}) {
    if (j.contains(key)) *target = number(j, key, field, *target);
  }
  if (j.contains("phase")) s.phase = parse_phase(field + ".phase", text(j, "phase", field));
  return s;
}

AmlaSwitches switches_from_json(const json& j, const std::string& field) {
  only(j, field,
       {"exponent_add", "compensation", "mantissa_mean", "clamp", "clamp_value", "guard",
        "guard_threshold", "epsilon"});
  AmlaSwitches s;
  s.exponent_add = flag(j, "exponent_add", field, s.exponent_add);
  s.compensation = flag(j, "compensation", field, s.compensation);
  s.mantissa_mean = number(j, "mantissa_mean", field, s.mantissa_mean);
  s.clamp = flag(j, "clamp", field, s.clamp);
  s.clamp_value = static_cast<int>(integer(j, "clamp_value", field, -126, 0, s.clamp_value));
  s.guard = flag(j, "guard", field, s.guard);
  s.guard_threshold = number(j, "guard_threshold", field, s.guard_threshold);
  s.epsilon = number(j, "epsilon", field, s.epsilon);
  checked(field, [&] { validate_switches(s); });
  return s;
}

PasaSwitches pasa_from_json(const json& j, const std::string& field) {
  only(j, field, {"beta", "precision", "mean"});
  PasaSwitches p;
  p.beta = number(j, "beta", field, p.beta);
  if (j.contains("precision"))
    p.precision = parse_pasa_precision(field + ".precision", text(j, "precision", field));
  if (j.contains("mean")) p.mean = parse_pasa_mean(field + ".mean", text(j, "mean", field));
  checked(field, [&] { validate_pasa_switches(p); });
  return p;
}

}  // namespace

json numerics_state_to_json(const NumericsPageState& s) {
  const InputSpec& in = s.inputs;
  const AmlaSwitches& sw = s.switches;
  return {
      {"inputs",
       {{"dist", distribution_name(in.distribution)},
        {"rows", in.rows},
        {"kv_len", in.kv_len},
        {"seed", in.seed},
        {"scale", in.scale},
        {"mean", in.mean},
        {"amplitude", in.amplitude},
        {"phase", phase_name(in.phase)}}},
      {"switches",
       {{"exponent_add", sw.exponent_add},
        {"compensation", sw.compensation},
        {"mantissa_mean", sw.mantissa_mean},
        {"clamp", sw.clamp},
        {"clamp_value", sw.clamp_value},
        {"guard", sw.guard},
        {"guard_threshold", sw.guard_threshold},
        {"epsilon", sw.epsilon}}},
      {"pasa",
       {{"beta", s.pasa.beta},
        {"precision", pasa_precision_options()[static_cast<std::size_t>(s.pasa.precision)].name},
        {"mean", pasa_mean_options()[static_cast<std::size_t>(s.pasa.mean)].name}}},
      {"variants", variant_list_text(s.variants)},
      {"row", s.row},
      {"bits",
       {{"value", hex32(s.bit_value)},
        {"shift", s.bit_shift},
        {"compensation", s.bit_compensation}}}};
}

NumericsPageState numerics_state_from_json(const json& j, const std::string& field) {
  only(j, field, {"inputs", "switches", "pasa", "variants", "row", "bits"});
  NumericsPageState s;
  if (j.contains("inputs")) s.inputs = inputs_from_json(j.at("inputs"), field + ".inputs");
  if (j.contains("switches"))
    s.switches = switches_from_json(j.at("switches"), field + ".switches");
  if (j.contains("pasa")) s.pasa = pasa_from_json(j.at("pasa"), field + ".pasa");
  if (j.contains("variants")) {
    s.variants = parse_variant_list(field + ".variants", text(j, "variants", field));
  }
  s.row = static_cast<int>(integer(j, "row", field, 0, s.inputs.rows - 1, 0));
  if (j.contains("bits")) {
    const json& b = j.at("bits");
    const std::string bf = field + ".bits";
    only(b, bf, {"value", "shift", "compensation"});
    if (b.contains("value")) s.bit_value = parse_float_bits(bf + ".value", text(b, "value", bf));
    s.bit_shift = static_cast<int>(integer(b, "shift", bf, -300, 300, 0));
    s.bit_compensation =
        static_cast<std::int32_t>(integer(b, "compensation", bf, -(1ll << 22), 1ll << 22, 0));
  }
  checked(field + ".inputs", [&] { validate_input_spec(s.inputs); });
  return s;
}

}  // namespace amla
