// amla-cli bits: one exponent-add rescale, bit by bit, against ldexp.
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "app/cli/arg_list.h"
#include "app/cli/commands.h"
#include "core/common/input_error.h"
#include "core/numerics/float_bits.h"

namespace amla::cli {

namespace {

// A float as JSON: a number when finite, else "nan", "inf" or "-inf" (JSON has no such numbers).
nlohmann::json json_float(float x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  return static_cast<double>(x);
}

std::string decimal(float x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", static_cast<double>(x));
  return buf;
}

}  // namespace

int run_bits_command(const std::vector<std::string>& args, std::ostream& out) {
  ArgList list(args);
  const auto value_text = list.value("value");
  if (!value_text) throw InputError("--value", "(missing)", "bits needs --value X");
  const std::uint32_t input = parse_float_bits("--value", *value_text);
  const long long shift = list.integer("shift", 0, -1000, 1000);
  const long long comp = list.integer("comp", 0, -(1LL << 31), (1LL << 31) - 1);
  const bool json = list.flag("json");
  list.finish();

  const RescaleReport r = analyze_exponent_add(input, shift, comp);
  const float result = float_of(r.result_bits);
  const float reference = float_of(r.reference_bits);
  if (json) {
    nlohmann::json j;
    j["input"] = json_float(float_of(input));
    j["input_bits"] = hex32(input);
    j["shift"] = shift;
    j["compensation"] = comp;
    j["addend"] = r.addend;
    j["addend_bits"] = hex32(static_cast<std::uint32_t>(r.addend));
    j["result_bits"] = hex32(r.result_bits);
    j["result"] = json_float(result);
    j["reference_bits"] = hex32(r.reference_bits);
    j["reference"] = json_float(reference);
    j["ulp_distance"] = r.ulp_distance ? nlohmann::json(*r.ulp_distance) : nlohmann::json(nullptr);
    j["classification"] = rescale_class_name(r.classification);
    j["hazard"] = is_hazard(r.classification);
    out << j.dump(2) << "\n";
    return 0;
  }
  const auto row = [&](const char* label, std::uint32_t bits, const std::string& value) {
    out << label << "  " << hex32(bits) << "  " << field_string(bits) << "  " << value << "\n";
  };
  out << "              hex         sign | exponent | fraction\n";
  row("input    ", input, "= " + decimal(float_of(input)));
  row("addend   ", static_cast<std::uint32_t>(r.addend),
      "= " + std::to_string(shift) + " * 2^23 + " + std::to_string(comp) + " (INT32 " +
          std::to_string(r.addend) + ")");
  row("result   ", r.result_bits, "= " + decimal(result));
  row("xor      ", r.result_bits ^ input, "(bits the add changed)");
  row("reference", r.reference_bits,
      "= ldexp(input, " + std::to_string(shift) + ") = " + decimal(reference));
  out << "ulp distance    " << (r.ulp_distance ? std::to_string(*r.ulp_distance) : "n/a (NaN)")
      << "\n";
  out << "classification  " << rescale_class_name(r.classification)
      << (is_hazard(r.classification) ? "  (hazard)" : "") << "\n";
  return 0;
}

}  // namespace amla::cli
