#pragma once
// Colours of the timeline by op kind: DMA kinds (MTE2 loads, MTE1 moves, FIXP write-backs, MTE3
// stores) in green / teal / blue families, CUBE ops in strong reds, VECTOR ops in oranges and
// purples, SCALAR grey. A block of folded ops of more than one kind is drawn in its pipe's
// colour washed towards grey, so "mixed" reads as mixed without losing which pipe it is.
#include <QColor>
#include <array>

#include "core/ops/pipes.h"

namespace amla::ui {

class TimelinePalette {
 public:
  TimelinePalette();  // the standard colours

  QColor color(OpKind kind) const;
  void set_color(OpKind kind, const QColor& color);
  // The mean colour of the pipe's kinds, 60% towards grey.
  QColor mixed_color(Pipe pipe) const;

 private:
  void update_mixed();

  std::array<QColor, kOpKindCount> colors_;
  std::array<QColor, kPipeCount> mixed_;
};

}  // namespace amla::ui
