#include "core/numerics/amla_switches.h"

#include <cmath>
#include <string>

#include "core/common/input_error.h"

namespace amla {

void validate_switches(const AmlaSwitches& s) {
  if (!(std::isfinite(s.mantissa_mean) && s.mantissa_mean >= 0 && s.mantissa_mean <= 4)) {
    throw InputError("mantissa-mean", std::to_string(s.mantissa_mean), "must be in [0, 4]");
  }
  if (s.clamp_value < -126 || s.clamp_value > 0) {
    throw InputError("clamp", std::to_string(s.clamp_value), "must be in [-126, 0]");
  }
  if (!(s.guard_threshold > 0 && s.guard_threshold < 3.4e38)) {
    throw InputError("guard", std::to_string(s.guard_threshold), "must be in (0, 3.4e38)");
  }
  if (!(std::isfinite(s.epsilon) && std::fabs(s.epsilon) <= 1e-2)) {
    throw InputError("epsilon", std::to_string(s.epsilon), "must be in [-0.01, 0.01]");
  }
}

}  // namespace amla
