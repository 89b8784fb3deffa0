#include "app/cli/step_through_output.h"

#include <cmath>
#include <cstdio>
#include <iomanip>
#include <string>

#include "core/numerics/float_bits.h"

namespace amla::cli {

namespace {

std::string g(double v, int digits) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.*g", digits, v);
  return buf;
}

}  // namespace

void print_step_through(const RowStepThrough& st, int column, std::ostream& out) {
  const auto j = static_cast<std::size_t>(column);
  out << "\nStep-through of row " << st.row << ", column " << column
      << ": the AMLA state per KV block, the integer add on O[" << st.row << ", " << column
      << "] (before -> after, as bits) and the running output against the FP64 golden of the "
         "same prefix of tokens.\n";
  const int widths[] = {6, 12, 14, 7, 13, 12, 24, 16, 16, 11, 11};
  const char* heads[] = {"block",           "tokens",      "m",      "n",         "dn",         "N",
                         "before -> after", "running out", "golden", "abs error", "row rel RMS"};
  for (int c = 0; c < 11; ++c) out << std::left << std::setw(widths[c]) << heads[c];
  out << "\n";
  for (int b = 0; b < st.block_count(); ++b) {
    const StepBlock& s = st.blocks[static_cast<std::size_t>(b)];
    const std::string dn = s.state.clamped
                               ? std::to_string(s.shift) + "(" + std::to_string(s.state.dn) + ")"
                               : std::to_string(s.state.dn);
    const std::string add =
        b == 0 ? "(write) " + hex32(bits_of(s.after_block[j]))
               : hex32(bits_of(s.before[j])) + "->" + hex32(bits_of(s.after_add[j]));
    const std::string cells[] = {
        std::to_string(b),
        std::to_string(s.first_token) + ".." + std::to_string(s.first_token + s.tokens - 1),
        g(s.state.m, 9),
        std::to_string(s.state.n),
        dn,
        hex32(static_cast<std::uint32_t>(s.state.N)),
        add,
        g(s.running[j], 9),
        g(s.golden[j], 9),
        g(std::fabs(s.running[j] - s.golden[j]), 4),
        g(s.relative_rms_error, 4)};
    for (int c = 0; c < 11; ++c) out << std::left << std::setw(widths[c]) << cells[c] << "";
    out << "\n";
    for (const std::string& note : {st.clamp_text(b), st.guard_text(b)}) {
      if (!note.empty()) out << "      " << note << "\n";
    }
  }
  out << "dn a(b): the clamp applied a in place of dn = b. Kernel output O[" << st.row << ", "
      << column << "] (BF16): " << g(st.final_output[j], 9) << "\n";
}

nlohmann::json step_through_json(const RowStepThrough& st, int column) {
  const auto j = static_cast<std::size_t>(column);
  nlohmann::json blocks = nlohmann::json::array();
  for (int b = 0; b < st.block_count(); ++b) {
    const StepBlock& s = st.blocks[static_cast<std::size_t>(b)];
    blocks.push_back({{"block", b},
                      {"first_token", s.first_token},
                      {"tokens", s.tokens},
                      {"m", s.state.m},
                      {"n", s.state.n},
                      {"dn", s.state.dn},
                      {"dn_applied", s.shift},
                      {"clamped", s.state.clamped},
                      {"c", s.state.c},
                      {"c_hat", s.state.c_hat},
                      {"k", s.state.k},
                      {"e", s.state.e},
                      {"N", s.state.N},
                      {"l", s.state.l},
                      {"before", hex32(bits_of(s.before[j]))},
                      {"after_add", hex32(bits_of(s.after_add[j]))},
                      {"after_block", hex32(bits_of(s.after_block[j]))},
                      {"running_output", s.running[j]},
                      {"golden", s.golden[j]},
                      {"relative_rms_error", s.relative_rms_error},
                      {"guard_elements", s.guard_elements},
                      {"clamp", st.clamp_text(b)},
                      {"guard", st.guard_text(b)}});
  }
  return {{"row", st.row}, {"column", column}, {"blocks", blocks}, {"output", st.final_output[j]}};
}

}  // namespace amla::cli
