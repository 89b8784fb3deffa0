#pragma once
// What the Numerics page shows, as a session keeps it: the inputs, AMLA's and PASA's switches,
// the variants run, the state table's row and the bit view's probe. JSON inside a session:
//   {"inputs": {"dist": "flashmla", "rows": 128, "kv_len": 4096, "seed": 0, "scale": 0.0417,
//               "mean": 30, "amplitude": 0.5, "phase": "coincide"},
//    "switches": {"exponent_add": true, ...}, "pasa": {"beta": .., "precision": .., "mean": ..},
//    "variants": "amla,baseline", "row": 0,
//    "bits": {"value": "0x3FC00000", "shift": -3, "compensation": 0}}
// Reading is strict (unknown keys refused) and validates with the numerics layer's own checks.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/numerics/amla_switches.h"
#include "core/numerics/attention_inputs.h"
#include "core/numerics/numerics_variants.h"
#include "core/numerics/pasa_switches.h"

namespace amla {

struct NumericsPageState {
  InputSpec inputs;
  AmlaSwitches switches;
  PasaSwitches pasa;
  std::vector<NumericsVariant> variants = default_variants();
  int row = 0;                            // the state table's row
  std::uint32_t bit_value = 0x3FC00000u;  // the bit view's input pattern (1.5)
  int bit_shift = 0;
  std::int32_t bit_compensation = 0;
};

nlohmann::json numerics_state_to_json(const NumericsPageState& state);
// `field` prefixes every error ("session numerics").
NumericsPageState numerics_state_from_json(const nlohmann::json& j, const std::string& field);

}  // namespace amla
