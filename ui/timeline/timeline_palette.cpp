#include "ui/timeline/timeline_palette.h"

namespace amla::ui {

namespace {

struct KindColor {
  OpKind kind;
  QRgb rgb;
};

// Chosen to stay apart in print and for the common colour-vision deficiencies within a family;
// families are what the eye groups first.
constexpr KindColor kStandard[] = {
    // MTE2 loads: greens.
    {OpKind::kLoadQ, 0x1b7837},
    {OpKind::kLoadK, 0x4dac26},
    {OpKind::kLoadV, 0x91cf60},
    {OpKind::kLoadP, 0x2d9e8f},
    {OpKind::kLoadS, 0x66c2a4},
    {OpKind::kLoadO, 0x238b45},
    {OpKind::kLoadPV, 0xa1d99b},
    // MTE1 moves: cyans.
    {OpKind::kMoveL0A, 0x41b6c4},
    {OpKind::kMoveL0B, 0x9bd7e0},
    // CUBE: strong reds.
    {OpKind::kMmadQK, 0xd7191c},
    {OpKind::kMmadPV, 0x8b0a14},
    // FIXP write-backs: blues.
    {OpKind::kFixpS, 0x2c7fb8},
    {OpKind::kFixpO, 0x253494},
    {OpKind::kFixpPV, 0x74a9cf},
    // VECTOR: oranges and purples.
    {OpKind::kVecSoftmax, 0xf28e2b},
    {OpKind::kVecScalars, 0xffc266},
    {OpKind::kVecBroadcastN, 0x9e6ac8},
    {OpKind::kVecRescale, 0xc994c7},
    {OpKind::kVecFinal, 0xb35806},
    {OpKind::kCombine, 0x6a51a3},
    // MTE3 stores: teal-olive, AMLA's atomic add set apart in dark teal.
    {OpKind::kStoreP, 0x7fbf7b},
    {OpKind::kAtomicAddN, 0x00695c},
    {OpKind::kStoreO, 0x8c9e3a},
    {OpKind::kStoreOut, 0x5e7a1f},
    // SCALAR.
    {OpKind::kScalarSetup, 0x9a9a9a},
};

}  // namespace

TimelinePalette::TimelinePalette() {
  colors_.fill(QColor(0x9a9a9a));
  for (const KindColor& k : kStandard) colors_[static_cast<std::size_t>(k.kind)] = QColor(k.rgb);
  update_mixed();
}

QColor TimelinePalette::color(OpKind kind) const {
  const auto i = static_cast<std::size_t>(kind);
  return i < colors_.size() ? colors_[i] : QColor(0x9a9a9a);
}

void TimelinePalette::set_color(OpKind kind, const QColor& color) {
  const auto i = static_cast<std::size_t>(kind);
  if (i >= colors_.size() || !color.isValid()) return;
  colors_[i] = color;
  update_mixed();
}

QColor TimelinePalette::mixed_color(Pipe pipe) const {
  return mixed_[static_cast<std::size_t>(pipe)];
}

void TimelinePalette::update_mixed() {
  for (int p = 0; p < kPipeCount; ++p) {
    double r = 0, g = 0, b = 0;
    int n = 0;
    for (int k = 0; k < kOpKindCount; ++k) {
      if (op_kind_pipe(static_cast<OpKind>(k)) != static_cast<Pipe>(p)) continue;
      const QColor c = colors_[static_cast<std::size_t>(k)];
      r += c.redF(), g += c.greenF(), b += c.blueF(), ++n;
    }
    const double grey = 0.62, wash = 0.6;
    const auto mix = [&](double v) { return (n ? v / n : grey) * (1 - wash) + grey * wash; };
    mixed_[static_cast<std::size_t>(p)] = QColor::fromRgbF(mix(r), mix(g), mix(b));
  }
}

}  // namespace amla::ui
