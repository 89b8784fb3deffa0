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

FlagTable bits_flags() {
  FlagSpec value = text_flag("value", "X",
                             "The float to rescale: a decimal number, inf, -inf, nan, -0 or a "
                             "bit pattern 0xXXXXXXXX.");
  value.required = true;
  return {value,
          integer_flag("shift", "N", "The exponent shift: the add is N * 2^23 (ldexp(X, N)).", 0,
                       -1000, 1000),
          integer_flag("comp", "E", "Compensation added to the low bits of the addend.", 0,
                       -(1LL << 31), (1LL << 31) - 1),
          bare_flag("json", "Print the result as JSON.")};
}

int run_bits(ArgList& list, std::ostream& out) {
  const std::uint32_t input = parse_float_bits("--value", *list.value("value"));
  const long long shift = list.integer("shift");
  const long long comp = list.integer("comp");
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

}  // namespace

CommandSpec bits_command() {
  return {"bits",
          "one exponent-add rescale, bit by bit, against ldexp",
          "--value X [--shift N] [--comp E] [--json]",
          "Adds N * 2^23 (plus E) to the bits of the float X as an INT32, the way AMLA rescales "
          "its output in place, and compares the result with ldexp(X, N): the fields of every "
          "word, the ULP distance and the outcome (exact, compensated, or which hazard).",
          bits_flags(),
          {{"amla-cli bits --value 0 --shift -3", "zero turned into -8.5e37"},
           {"amla-cli bits --value 1.5 --shift -3 --json", "exact: identical to ldexp"},
           {"amla-cli bits --value 0x3F800000 --shift -3 --comp 7", ""}},
          run_bits};
}

}  // namespace amla::cli
