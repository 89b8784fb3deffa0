#pragma once
// Green for an improvement of B over A, red for a regression: the page's table and the exported
// figure use the same two pairs of colours.
#include <QColor>

#include "ui/compare/compare_model.h"

namespace amla::ui {

inline QColor verdict_ink(DeltaVerdict v) {
  return v == DeltaVerdict::kBetter  ? QColor(0x1b, 0x5e, 0x20)
         : v == DeltaVerdict::kWorse ? QColor(0xb7, 0x1c, 0x1c)
                                     : QColor(Qt::black);
}

inline QColor verdict_background(DeltaVerdict v) {
  return v == DeltaVerdict::kBetter  ? QColor(0xe3, 0xf4, 0xe4)
         : v == DeltaVerdict::kWorse ? QColor(0xfd, 0xe4, 0xe4)
                                     : QColor(Qt::white);
}

}  // namespace amla::ui
