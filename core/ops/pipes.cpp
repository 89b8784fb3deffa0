#include "core/ops/pipes.h"

#include "core/ops/trace.h"

namespace amla {

const char* unit_name(Unit u) {
  switch (u) {
    case Unit::kAic:
      return "AIC";
    case Unit::kAiv0:
      return "AIV0";
    case Unit::kAiv1:
      return "AIV1";
  }
  return "?";
}

// The exact strings msprof and MindStudio Insight print, so lanes can be matched by eye.
const char* pipe_name(Pipe p) {
  switch (p) {
    case Pipe::kScalar:
      return "SCALAR";
    case Pipe::kMte2:
      return "MTE2";
    case Pipe::kMte1:
      return "MTE1";
    case Pipe::kCube:
      return "CUBE";
    case Pipe::kFixp:
      return "FIXP";
    case Pipe::kVector:
      return "VECTOR";
    case Pipe::kMte3:
      return "MTE3";
  }
  return "?";
}

// AIC: SCALAR, MTE2, MTE1, CUBE, FIXP. AIV: SCALAR, MTE2, VECTOR, MTE3.
bool unit_has_pipe(Unit u, Pipe p) {
  switch (p) {
    case Pipe::kScalar:
    case Pipe::kMte2:
      return u == Unit::kAic || u == Unit::kAiv0 || u == Unit::kAiv1;
    case Pipe::kMte1:
    case Pipe::kCube:
    case Pipe::kFixp:
      return u == Unit::kAic;
    case Pipe::kVector:
    case Pipe::kMte3:
      return u == Unit::kAiv0 || u == Unit::kAiv1;
  }
  return false;
}

const char* op_kind_name(OpKind k) {
  switch (k) {
    case OpKind::kLoadQ:
      return "LoadQ";
    case OpKind::kLoadK:
      return "LoadK";
    case OpKind::kLoadV:
      return "LoadV";
    case OpKind::kLoadP:
      return "LoadP";
    case OpKind::kMoveL0A:
      return "MoveL0A";
    case OpKind::kMoveL0B:
      return "MoveL0B";
    case OpKind::kMmadQK:
      return "MmadQK";
    case OpKind::kMmadPV:
      return "MmadPV";
    case OpKind::kFixpS:
      return "FixpS";
    case OpKind::kFixpO:
      return "FixpO";
    case OpKind::kFixpPV:
      return "FixpPV";
    case OpKind::kLoadS:
      return "LoadS";
    case OpKind::kVecSoftmax:
      return "VecSoftmax";
    case OpKind::kVecScalars:
      return "VecScalars";
    case OpKind::kStoreP:
      return "StoreP";
    case OpKind::kVecBroadcastN:
      return "VecBroadcastN";
    case OpKind::kAtomicAddN:
      return "AtomicAddN";
    case OpKind::kLoadO:
      return "LoadO";
    case OpKind::kLoadPV:
      return "LoadPV";
    case OpKind::kVecRescale:
      return "VecRescale";
    case OpKind::kStoreO:
      return "StoreO";
    case OpKind::kVecFinal:
      return "VecFinal";
    case OpKind::kStoreOut:
      return "StoreOut";
    case OpKind::kCombine:
      return "Combine";
    case OpKind::kScalarSetup:
      return "ScalarSetup";
    case OpKind::kProfiled:
      return "Profiled";
    case OpKind::kCount:
      break;
  }
  return "?";
}

std::optional<OpKind> find_op_kind(std::string_view name) {
  for (int k = 0; k < kOpKindCount; ++k) {
    const auto kind = static_cast<OpKind>(k);
    if (name == op_kind_name(kind)) return kind;
  }
  return std::nullopt;
}

Pipe op_kind_pipe(OpKind k) {
  switch (k) {
    case OpKind::kLoadQ:
    case OpKind::kLoadK:
    case OpKind::kLoadV:
    case OpKind::kLoadP:
    case OpKind::kLoadS:
    case OpKind::kLoadO:
    case OpKind::kLoadPV:
      return Pipe::kMte2;
    case OpKind::kMoveL0A:
    case OpKind::kMoveL0B:
      return Pipe::kMte1;
    case OpKind::kMmadQK:
    case OpKind::kMmadPV:
      return Pipe::kCube;
    case OpKind::kFixpS:
    case OpKind::kFixpO:
    case OpKind::kFixpPV:
      return Pipe::kFixp;
    case OpKind::kVecSoftmax:
    case OpKind::kVecScalars:
    case OpKind::kVecBroadcastN:
    case OpKind::kVecRescale:
    case OpKind::kVecFinal:
    case OpKind::kCombine:
      return Pipe::kVector;
    case OpKind::kStoreP:
    case OpKind::kAtomicAddN:
    case OpKind::kStoreO:
    case OpKind::kStoreOut:
      return Pipe::kMte3;
    case OpKind::kScalarSetup:
    case OpKind::kProfiled:  // SCALAR, the pipe every unit has; the op's lane says its pipe
      return Pipe::kScalar;
    case OpKind::kCount:
      break;
  }
  // Not a real op; SCALAR is the one pipe every unit has, so a lane lookup stays valid.
  return Pipe::kScalar;
}

// Transfers move bytes (their cost is bandwidth); the rest compute (their cost is FLOPs/elements).
bool op_kind_is_transfer(OpKind k) {
  if (k == OpKind::kCount) return false;
  switch (op_kind_pipe(k)) {
    case Pipe::kMte2:
    case Pipe::kMte1:
    case Pipe::kFixp:
    case Pipe::kMte3:
      return true;
    case Pipe::kScalar:
    case Pipe::kCube:
    case Pipe::kVector:
      return false;
  }
  return false;
}

const char* wait_reason_name(WaitReason r) {
  switch (r) {
    case WaitReason::kLane:
      return "lane";
    case WaitReason::kFlag:
      return "flag";
    case WaitReason::kSlot:
      return "slot";
    case WaitReason::kFlagRoom:
      return "flag room";
  }
  return "?";
}

const char* buffer_kind_name(BufferKind b) {
  switch (b) {
    case BufferKind::kL1:
      return "L1";
    case BufferKind::kL0A:
      return "L0A";
    case BufferKind::kL0B:
      return "L0B";
    case BufferKind::kL0C:
      return "L0C";
    case BufferKind::kUB:
      return "UB";
    case BufferKind::kGmWorkspace:
      return "GM workspace";
  }
  return "?";
}

}  // namespace amla
