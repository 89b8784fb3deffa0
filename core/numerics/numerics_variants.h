#pragma once
// The kernel emulations the numerics engine can run, listed once: the CLI's --variants, its
// JSON keys and --out-<variant> flags, and the GUI's variant choice all read this list.
#include <cstdint>
#include <string>
#include <vector>

namespace amla {

enum class NumericsVariant : std::uint8_t { kAmla, kBaseline, kFp16, kPasa };

enum class OutputFormat : std::uint8_t { kBf16, kFp16 };

struct VariantInfo {
  NumericsVariant id;
  const char* name;   // "amla": the CLI name and the JSON key
  const char* label;  // "AMLA": column headings
  const char* description;
  OutputFormat output;  // what the kernel writes (sets the Threshold standard's T)
};

const std::vector<VariantInfo>& all_variants();
const VariantInfo& variant_info(NumericsVariant v);
// "amla,baseline" -> the variants in the order given; unknown or repeated names throw
// InputError naming `field`, the name and the accepted ones.
std::vector<NumericsVariant> parse_variant_list(const std::string& field, const std::string& list);
std::string variant_list_text(const std::vector<NumericsVariant>& variants);  // "amla,baseline"
// The default selection (amla, baseline).
std::vector<NumericsVariant> default_variants();

}  // namespace amla
