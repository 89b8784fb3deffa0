#pragma once
// Units, pipes and op kinds, with the msprof / MindStudio Insight pipe names users cross-check.
#include <cstdint>
#include <optional>
#include <string_view>

namespace amla {

enum class Unit : std::uint8_t { kAic = 0, kAiv0 = 1, kAiv1 = 2 };
constexpr int kUnitCount = 3;

enum class Pipe : std::uint8_t { kScalar = 0, kMte2, kMte1, kCube, kFixp, kVector, kMte3 };
constexpr int kPipeCount = 7;

const char* unit_name(Unit u);  // "AIC", "AIV0", "AIV1"
const char* pipe_name(Pipe p);  // "SCALAR", "MTE2", "MTE1", "CUBE", "FIXP", "VECTOR", "MTE3"
bool unit_has_pipe(Unit u, Pipe p);

enum class OpKind : std::uint8_t {
  kLoadQ,          // MTE2 GM -> L1, Q tile
  kLoadK,          // MTE2 GM -> L1, K tile (HBM)
  kLoadV,          // MTE2 GM -> L1, V tile (L2: same rows as K)
  kLoadP,          // MTE2 GM -> L1, P~ tile from the workspace
  kMoveL0A,        // MTE1 L1 -> L0A
  kMoveL0B,        // MTE1 L1 -> L0B
  kMmadQK,         // CUBE, MM1 k-slice
  kMmadPV,         // CUBE, MM2 k-slice
  kFixpS,          // FIXP L0C -> GM, S tile (FP32)
  kFixpO,          // FIXP L0C -> GM, O tile (AMLA: FP32 atomic add after block 1)
  kFixpPV,         // FIXP L0C -> GM, P V partial (baseline, plain write)
  kLoadS,          // AIV MTE2 GM -> UB, S chunk
  kVecSoftmax,     // AIV VECTOR: scale, max, exp, sum, (x c^), cast over one chunk
  kVecScalars,     // AIV VECTOR: the per-row AMLA scalars (n, dn, c, c^, k, e, N)
  kStoreP,         // AIV MTE3 UB -> GM, P~ chunk (BF16)
  kVecBroadcastN,  // AIV VECTOR: N broadcast over a chunk
  kAtomicAddN,     // AIV MTE3 INT32 atomic add into O (AMLA's rescale)
  kLoadO,          // AIV MTE2 GM -> UB, O chunk (baseline update, final Vec2)
  kLoadPV,         // AIV MTE2 GM -> UB, P V partial chunk (baseline)
  kVecRescale,     // AIV VECTOR: O * alpha + PV (baseline)
  kStoreO,         // AIV MTE3 UB -> GM, O chunk (baseline)
  kVecFinal,       // AIV VECTOR: guard, divide by l c^, cast (Vec2)
  kStoreOut,       // AIV MTE3 UB -> GM, output chunk (BF16, or FP32 partial + LSE)
  kCombine,        // AIV: flash-decoding combine of KV-split partials
  kScalarSetup,    // SCALAR: addresses and loop bounds before a stage (and job dispatch)
  kProfiled,       // an instruction read from a profile (its name is kept beside the trace; its
                   // lane, not its kind, says the pipe)
  kCount
};
constexpr int kOpKindCount = static_cast<int>(OpKind::kCount);

const char* op_kind_name(OpKind k);
// The kind op_kind_name prints as `name` ("AtomicAddN"), or nothing.
std::optional<OpKind> find_op_kind(std::string_view name);
Pipe op_kind_pipe(OpKind k);
bool op_kind_is_transfer(OpKind k);

}  // namespace amla
