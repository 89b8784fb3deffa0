#pragma once
// The edge cases of AMLA's integer add (spec amla-numerics.md, section 4, plus the -30 clamp),
// as ready-made probes for the bit view.
#include <vector>

#include "core/numerics/heatmaps.h"

namespace amla::ui {

struct HazardPreset {
  const char* name;  // what the case shows, e.g. "+0, n = -3: borrow into the sign bit"
  amla::BitProbe probe;
};

const std::vector<HazardPreset>& hazard_presets();

}  // namespace amla::ui
