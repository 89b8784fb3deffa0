#include "ui/buffers/op_kind_palette.h"

#include <array>

namespace amla::ui {

QColor op_kind_color(amla::OpKind kind) {
  // In OpKind order; blues for GM -> L1 loads, teals for L0 moves, oranges for Cube, reds for
  // FixPipe, greens and purples for the AIV stages, greys for bookkeeping.
  static const std::array<QRgb, amla::kOpKindCount> kColors = {
      0x1f5fa8,  // LoadQ
      0x3c8dd8,  // LoadK
      0x7fb5ea,  // LoadV
      0x5a4fcf,  // LoadP
      0x17a398,  // MoveL0A
      0x6fd3c4,  // MoveL0B
      0xe07b1a,  // MmadQK
      0xf2b14c,  // MmadPV
      0xc0392b,  // FixpS
      0xe8746a,  // FixpO
      0x8e2a3d,  // FixpPV
      0x2e8b3a,  // LoadS
      0x7cc36a,  // VecSoftmax
      0xb5d98f,  // VecScalars
      0x9b59b6,  // StoreP
      0xc39bd3,  // VecBroadcastN
      0x6c3483,  // AtomicAddN
      0x4a7c59,  // LoadO
      0x93b5a0,  // LoadPV
      0xd4ac0d,  // VecRescale
      0xa04000,  // StoreO
      0x76448a,  // VecFinal
      0xd35400,  // StoreOut
      0x5d6d7e,  // Combine
      0xaab7b8,  // ScalarSetup
      0x8c8c8c,  // Profiled
  };
  const auto i = static_cast<std::size_t>(kind);
  return i < kColors.size() ? QColor(kColors[i]) : QColor(Qt::gray);
}

}  // namespace amla::ui
