#include "core/kernel/op_catalogue.h"

#include <algorithm>
#include <array>
#include <utility>

namespace amla {

namespace {

struct OpRow {
  OpKind kind;
  const char* name;
  const char* meaning;
  const char* explanation;
};

// In the order of the enum; the lookup goes by kind, so the order is only for the reader.
const std::vector<OpRow>& op_rows() {
  static const std::vector<OpRow> rows = {
      {OpKind::kLoadQ, "Load Q tile", "MTE2 copies a tile of the queries Q|Qrope from GM into L1.",
       "MM1 multiplies the queries of a row block (heads x query tokens, 576 columns: 512 latent "
       "plus 64 rope) by the keys. The AIC's MTE2 copies each 128 x 288 Q tile into an L1 \"QP\" "
       "buffer once per task, and the tile stays there while every N tile of the task's keys "
       "streams past. A job's first block reads Q from HBM; its later blocks find it in L2."},
      {OpKind::kLoadK, "Load K tile",
       "MTE2 copies a tile of the latent KV cache (K|Krope) into L1.",
       "The keys of one KV block (up to 512 tokens x 576 columns, BF16) come from HBM: this is "
       "the traffic that makes decode memory-bound. MTE2 copies them in 128-token x 288-column "
       "tiles into the L1 \"KV\" ring so MTE1 can cut them into L0B slices."},
      {OpKind::kLoadV, "Load V tile", "MTE2 copies a tile of V (the first 512 KV columns) into L1.",
       "In MLA the values are the first 512 columns of the same latent cache the keys came from, "
       "so MM2's V tiles are rows MM1 has just read: they hit in L2 instead of going to HBM."},
      {OpKind::kLoadP, "Load P~ tile", "MTE2 copies the softmax's BF16 P~ tile from GM into L1.",
       "The Vector cores wrote P~ (the probabilities, for AMLA already multiplied by c^) to a GM "
       "workspace slot. MM2 cannot start before both AIVs have set V1->C2; then MTE2 brings P~ "
       "into L1 as the left operand of P~ V."},
      {OpKind::kMoveL0A, "Move to L0A",
       "MTE1 cuts a k-slice of the left operand (Q or P~) into L0A.",
       "The Cube reads its operands from the small L0A / L0B buffers (2 x 32 KB, ping-pong). MTE1 "
       "moves one k-slice (96 columns for MM1, 128 for MM2) of the L1 tile into L0A while the "
       "Cube works on the other half of the ping-pong."},
      {OpKind::kMoveL0B, "Move to L0B",
       "MTE1 cuts a k-slice of the right operand (K or V) into L0B.",
       "The right-hand operand's slice for the next mmad. L1 -> L0B is the narrower path (about "
       "128 B per cycle), so with large tiles these moves can set the Cube's pace."},
      {OpKind::kMmadQK, "Cube: S += Q K^T",
       "The Cube multiplies one k-slice of Q by K^T into L0C (MM1).",
       "MM1 computes the attention scores S = [Q|Qrope] [K|Krope]^T for a task: M rows by N = 512 "
       "tokens over K = 576. Each op is one k-slice accumulating into a 128 x 128 FP32 tile of "
       "L0C; these ops are the FLOPs the utilisation figure counts."},
      {OpKind::kMmadPV, "Cube: acc += P~ V",
       "The Cube multiplies one k-slice of P~ by V into L0C (MM2).",
       "MM2 computes the block's contribution P~ V: M rows by 512 output columns over the block's "
       "tokens. Together with MM1 this is all the Cube does; when the Cube runs these back to back "
       "the kernel is Cube-bound."},
      {OpKind::kFixpS, "FixPipe S to GM", "FixPipe writes a finished FP32 S tile from L0C to GM.",
       "When a 128 x 128 L0C tile has its whole depth, FixPipe copies it to the task's S slot in "
       "the GM workspace (2 slots, so MM1 of the next task can run ahead). The last one sets "
       "C1->V1 for both Vector cores."},
      {OpKind::kFixpO, "FixPipe into O",
       "FixPipe writes P~ V into O (plain write on block 1, FP32 atomic add after).",
       "AMLA keeps O in GM from a job's first block to its last. On the first block FixPipe simply "
       "writes P~ V; on every later block it adds P~ V to O with an FP32 atomic add, after both "
       "Vector cores have rescaled O by adding N to its bits (it waits for V2->C2). No load, no "
       "multiply of O: that is the work AMLA removes."},
      {OpKind::kFixpPV, "FixPipe P V to GM",
       "FixPipe writes the block's P V partial to a GM slot (baseline).",
       "The multiply baseline cannot add into O from the Cube, because the old O must first be "
       "multiplied by exp(m_old - m_new). So MM2's result goes to a workspace slot and the Vector "
       "cores combine it with O afterwards."},
      {OpKind::kLoadS, "Load S chunk",
       "An AIV's MTE2 copies a chunk of whole S rows from GM into UB.",
       "Each Vector core takes half of the task's rows and streams them through its 192 KB "
       "Unified Buffer in chunks of about 32 KB (ping-pong), so the load of one chunk overlaps "
       "the softmax of the previous."},
      {OpKind::kVecSoftmax, "Softmax of a chunk",
       "Vector: scale, row max, exp(S - m), row sum and the BF16 cast of P.",
       "The online softmax over one chunk: scale S, take the row max, update the running max m, "
       "compute P = exp(S - m) and its row sum, and cast P to BF16 for MM2. AMLA does one multiply "
       "more here, P~ = P x c^, so that the rescale of O can be a power of two."},
      {OpKind::kVecScalars, "Per-row scalars",
       "Vector: the per-row values (AMLA: n, dn, c, c^, k, e, N).",
       "One value per row, cheap next to the chunk work. AMLA rounds the running max to a multiple "
       "of ln 2 (n = round(-m / ln 2)), takes the step dn between blocks, the residual c and its "
       "BF16 rounding c^, the mismatch e, and forms the integer N = (max(dn, -30) + 1.5 e + 1e-6) "
       "2^23. The baseline only needs exp(m_old - m_new). A Vector core with no rows of the task "
       "runs this op alone to take part in the hand-offs."},
      {OpKind::kStoreP, "Store P~ chunk", "MTE3 writes the BF16 P~ chunk from UB to GM for MM2.",
       "The Cube cannot read the Unified Buffer, so P~ travels through GM. The last chunk of each "
       "Vector core sets V1->C2; MM2 waits for both."},
      {OpKind::kVecBroadcastN, "Broadcast N",
       "Vector: fills a UB chunk with N, one integer per row, over 512 columns.",
       "The MTE3 atomic add adds a tensor, not a scalar, so the per-row integer N is first "
       "broadcast over rows x 512 in UB. Only AMLA does this, on every block but a job's first."},
      {OpKind::kAtomicAddN, "INT32 atomic add of N",
       "MTE3 adds N to O's bits in GM: multiplies O by 2^dn (AMLA's rescale).",
       "AMLA's trick. Adding n x 2^23 to the INT32 image of a normal float multiplies it by 2^n, "
       "because the exponent field starts at bit 23. So instead of loading O (256 KB for 128 rows, "
       "more than the UB holds), multiplying and storing it back, the Vector core adds N to O in "
       "place with an INT32 atomic add, before MM2 adds this block's P~ V. Exact while O and the "
       "result are normal; the Numerics page shows where it is not."},
      {OpKind::kLoadO, "Load O chunk",
       "An AIV's MTE2 copies a chunk of the accumulator O (or KV parts) into UB.",
       "The baseline loads old O every block to rescale it. AMLA loads O only once, in Vec2 of a "
       "job's last block, for the final divide. The flash-decoding combine loads every part's O "
       "and log-sum-exp the same way."},
      {OpKind::kLoadPV, "Load P V chunk",
       "An AIV's MTE2 copies the block's P V partial into UB (baseline).",
       "The second read of the multiply baseline's update: the new contribution P V that MM2 "
       "wrote to its workspace slot."},
      {OpKind::kVecRescale, "O = O alpha + P V",
       "Vector: multiplies old O by exp(m_old - m_new) and adds P V (baseline).",
       "The textbook FlashAttention update. Because O does not fit the Unified Buffer, this costs "
       "two GM -> UB reads, a Vector pass over rows x 512 FP32 values and a write back, on every "
       "KV block. AMLA replaces all of it with one atomic add of N."},
      {OpKind::kStoreO, "Store O chunk", "MTE3 writes the updated O back from UB to GM (baseline).",
       "The baseline's O round trip ends here: the next block will load it again. The last chunk "
       "sets the AIV's MTE3->MTE2 flag so the next update reads the new O."},
      {OpKind::kVecFinal, "Final divide and cast",
       "Vector: O / l (AMLA: guard |O| > 1e10, divide by l c^), cast to BF16.",
       "Vec2 of a job's last block. AMLA first sets every element with |x| > 1e10 to zero (the "
       "guard against garbage from the integer add), then divides by l x c^, since the last "
       "block's P~ carried c^; the baseline divides by l. The result is rounded to BF16."},
      {OpKind::kStoreOut, "Store output",
       "MTE3 writes the output rows (BF16, or an FP32 partial + LSE) to GM.",
       "A whole job writes its BF16 output to HBM. When the KV axis is split over cores "
       "(flash-decoding), each part writes an FP32 partial and its log-sum-exp instead, and sets "
       "V2->combine."},
      {OpKind::kCombine, "Combine KV parts",
       "Vector: merges the KV-split partial outputs by their log-sum-exp.",
       "With fewer jobs than cores the KV axis is cut into parts on several cores. Once every part "
       "is done, one core weights each partial by exp(lse - max), sums, divides and casts: the "
       "flash-decoding combine."},
      {OpKind::kScalarSetup, "Scalar set-up",
       "SCALAR: addresses and loop bounds before a stage (and block dispatch).",
       "Every instruction is issued by the SCALAR pipe; before each stage it computes addresses "
       "and loop bounds, then lets the stage's first pipe start. A job's first block also pays "
       "the block dispatch cost here. A core's scalar units dispatch a bounded window of "
       "instructions ahead of its pipes, and a set-up runs as soon as its stage is dispatched: "
       "some way ahead of the work it prepares."},
      {OpKind::kProfiled, "Profiled instruction",
       "An instruction read from a device profile; its lane says the pipe.",
       "Imported profiles (msprof) name their own instructions; the timeline keeps the profile's "
       "name beside the trace and draws the instruction on the pipe it ran on. The simulator "
       "never emits this kind."},
  };
  return rows;
}

struct Tables {
  std::array<CatalogueEntry, kOpKindCount> ops;
  std::array<bool, kOpKindCount> has_op{};
  std::array<CatalogueEntry, kRescaleClassCount> classes;
  std::array<bool, kRescaleClassCount> has_class{};
};

struct ClassRow {
  RescaleClass c;
  const char* name;
  const char* meaning;
  const char* explanation;
};

const std::vector<ClassRow>& class_rows() {
  static const std::vector<ClassRow> rows = {
      {RescaleClass::kExact, "Exact", "The integer add gave exactly F x 2^n.",
       "Input and result are normal numbers and the addend is a whole multiple of 2^23: adding it "
       "to the INT32 image moves only the exponent field, bit for bit what ldexp gives."},
      {RescaleClass::kCompensated, "Compensated",
       "In range; differs from F x 2^n only by the 1.5 e compensation.",
       "AMLA adds (dn + 1.5 e + 1e-6) x 2^23, not a whole multiple of 2^23: the fractional part "
       "nudges the mantissa to apply the (1 + e) left by rounding c to BF16. Intended, and small."},
      {RescaleClass::kZeroGarbage, "Zero turned into garbage",
       "A zero borrowed into the sign and exponent: +0 became a huge negative number.",
       "Zero has an all-zero exponent, so a negative addend borrows through the sign bit: +0 with "
       "n = -3 becomes -8.5e37 (a positive addend makes a tiny normal instead). An exactly zero "
       "accumulator (a zero V column, padding, a masked row) hits this on AMLA's first negative "
       "step; the 1e10 guard before the final divide sets such elements back to zero."},
      {RescaleClass::kSubnormalInput, "Subnormal input",
       "The input had no hidden bit; the add wraps or invents one.",
       "A subnormal's exponent field is zero, so it is not 1.f x 2^E: subtracting from the "
       "exponent wraps into the sign (2^-140 with n = -1 becomes NaN), adding makes a hidden bit "
       "appear from nowhere."},
      {RescaleClass::kUnderflowLost, "Gradual underflow lost",
       "The result should be subnormal; the add gives zero or a wrong tiny number.",
       "When E + n falls to 0 the exact product is a subnormal, but the integer add leaves the "
       "exponent field at zero with the old fraction, or exactly zero: 2^-126 with n = -1 gives "
       "0.0 instead of 2^-127."},
      {RescaleClass::kUnderflowWrap, "Underflow wraps into the sign",
       "The exponent went below zero and borrowed into the sign: -inf, NaN or a large negative.",
       "A normal number scaled by 2^n with E + n < 0: the borrow runs through the sign bit "
       "(1.0 with n = -128 becomes -inf, with n = -150 about -8e31). The -30 clamp on dn keeps "
       "AMLA's step small so that ordinary values never get here."},
      {RescaleClass::kOverflowWrap, "Overflow wraps",
       "The exponent reached 255 or carried into the sign: NaN, inf or -0.",
       "Scaling up past FLT_MAX does not saturate to inf: the carry lands in the all-ones "
       "exponent (NaN) or the sign bit (2^127 with n = +2 becomes -0). AMLA's steps are never "
       "positive, so this shows up only in the bit view."},
      {RescaleClass::kInfLost, "Infinity made finite", "An infinity became a finite number.",
       "+inf with n = -1 becomes 1.7e38: the integer add knows nothing about special values, so "
       "an overflow upstream silently turns into a plausible-looking number."},
      {RescaleClass::kNanLost, "NaN made finite", "A NaN became a number (or an infinity).",
       "qNaN with n = -1 becomes 2.55e38. NaN padding, as FlashMLA's tests use, therefore does "
       "not poison the output: it becomes a finite wrong answer that the 1e10 guard may or may "
       "not catch."},
      {RescaleClass::kNanPayloadChanged, "NaN payload changed",
       "Still a NaN, but not the NaN ldexp returns.",
       "The exponent stayed all ones but the add moved bits of the payload. Harmless for the "
       "value, visible to anyone who compares bits."},
  };
  return rows;
}

const Tables& tables() {
  static const Tables t = [] {
    Tables built;
    for (const OpRow& r : op_rows()) {
      const auto i = static_cast<std::size_t>(r.kind);
      built.ops[i] = {op_kind_name(r.kind), r.name, r.meaning, r.explanation};
      built.has_op[i] = true;
    }
    for (int k = 0; k < kOpKindCount; ++k) {
      const auto i = static_cast<std::size_t>(k);
      if (!built.has_op[i]) built.ops[i] = {op_kind_name(static_cast<OpKind>(k)), "", "", ""};
    }
    for (const ClassRow& r : class_rows()) {
      const auto i = static_cast<std::size_t>(r.c);
      built.classes[i] = {rescale_class_name(r.c), r.name, r.meaning, r.explanation};
      built.has_class[i] = true;
    }
    for (int k = 0; k < kRescaleClassCount; ++k) {
      const auto i = static_cast<std::size_t>(k);
      if (!built.has_class[i])
        built.classes[i] = {rescale_class_name(static_cast<RescaleClass>(k)), "", "", ""};
    }
    return built;
  }();
  return t;
}

// "AIV0 MTE2->VECTOR" and "AIV1 MTE2->VECTOR" share "AIV MTE2->VECTOR".
std::string shared_route_key(const std::string& route) {
  if (route.size() > 4 && route.compare(0, 3, "AIV") == 0 && route[3] >= '0' && route[3] <= '9')
    return "AIV" + route.substr(4);
  return route;
}

}  // namespace

const CatalogueEntry* find_op_kind_entry(OpKind kind) {
  const int k = static_cast<int>(kind);
  if (k < 0 || k >= kOpKindCount || !tables().has_op[static_cast<std::size_t>(k)]) return nullptr;
  return &tables().ops[static_cast<std::size_t>(k)];
}

const CatalogueEntry& op_kind_entry(OpKind kind) {
  static const CatalogueEntry unknown{"?", "", "", ""};
  const int k = static_cast<int>(kind);
  return k >= 0 && k < kOpKindCount ? tables().ops[static_cast<std::size_t>(k)] : unknown;
}

const std::vector<CatalogueEntry>& flag_route_entries() {
  static const std::vector<CatalogueEntry> entries = {
      {"C1->V1", "S is ready (MM1 -> Vec1)",
       "The Cube has written S to GM; the Vector cores may load it.",
       "Cross-core flag from the AIC to each AIV, set by MM1's last FixPipe. C1 is the first Cube "
       "stage (MM1), V1 the first Vector stage (the softmax). There is one counter per consuming "
       "pipe, and only so many sets may be pending, which keeps MM1 from running too far ahead."},
      {"V1->C2", "P~ is ready (Vec1 -> MM2)", "Both Vector cores have written P~; MM2 may load it.",
       "Cross-core flag from the AIVs to the AIC, waited with count 2: MM2's first P~ load needs "
       "the rows of both Vector cores."},
      {"C2->V2", "P V has landed (MM2 -> Vec2 / the O update)",
       "MM2's result is in GM; the Vector cores may touch O.",
       "Cross-core flag set by MM2's last FixPipe. The baseline's update loads P V after it; "
       "AMLA's "
       "next add of N waits for it (O must hold the previous block's P~ V before it is rescaled), "
       "and so does Vec2 on a job's last block."},
      {"V2->C2", "O is rescaled (AMLA)", "Both Vector cores have added N into O; MM2 may add P~ V.",
       "AMLA only (the shipped kernel calls it V1nupdate->C2). The FP32 atomic add of this block's "
       "P~ V must land after O has been multiplied by 2^dn, so MM2's first FixPipe into O waits "
       "for both AIVs' INT32 adds."},
      {"V2->combine", "KV part done",
       "A part of a split job has written its partial output and LSE.",
       "With the KV axis split over cores, each part's two Vector cores set this level flag once; "
       "the combine waits until every part of its row block has set it."},
      {"AIC SCALAR->MTE2", "Cube set-up done",
       "The AIC's SCALAR pipe has prepared a matmul; MTE2 may load.",
       "Inside the AIC (SetFlag / WaitFlag): addresses and loop bounds are ready, the first tile "
       "load of MM1 or MM2 may start."},
      {"AIC MTE2->MTE1", "Tile in L1",
       "A Q / P~ or K / V tile has arrived in L1; MTE1 may slice it.",
       "Inside the AIC: one flag for the left tiles (Q for MM1, P~ for MM2) and one for the right "
       "tiles (K, V). MTE1 waits for it before the first k-slice of a fresh tile."},
      {"AIC MTE1->CUBE", "Slice in L0", "An operand slice is in L0A or L0B; the Cube may multiply.",
       "Inside the AIC: each mmad waits for its L0A and its L0B slice. With ping-pong buffers the "
       "next slices move while the Cube multiplies."},
      {"AIC CUBE->FIXP", "L0C tile complete",
       "An L0C tile has all its k-slices; FixPipe may write it out.",
       "Inside the AIC: set by the last mmad into a 128 x 128 accumulator tile. FixPipe moves it "
       "to GM (S for MM1; O or the P V slot for MM2)."},
      {"AIV SCALAR->MTE2", "Vector set-up done",
       "The AIV's SCALAR pipe has prepared a stage; MTE2 may load.",
       "Inside one Vector core: the set-up before Vec1 or the O update / Vec2."},
      {"AIV SCALAR->VECTOR", "Vector set-up done (no rows)",
       "Set-up for a Vector core that has no rows of this task.",
       "When a task has a single row the second Vector core has nothing to load; it still takes "
       "part in the hand-offs, on its VECTOR pipe."},
      {"AIV MTE2->VECTOR", "Chunk in UB",
       "A chunk has arrived in the Unified Buffer; VECTOR may compute.",
       "Inside one Vector core: S, O or P V chunks loaded by MTE2 (the update waits for two loads, "
       "old O and P V)."},
      {"AIV VECTOR->MTE3", "Chunk computed", "VECTOR has finished a chunk; MTE3 may write it out.",
       "Inside one Vector core: P~ after the softmax, N after its broadcast, O after the update, "
       "the output after the final pass."},
      {"AIV MTE3->MTE2", "O written back (baseline)",
       "The baseline's O is back in GM; the next update may load it.",
       "Inside one Vector core: the multiply baseline must not load old O for block k+1 before "
       "block k's store of O has finished."},
  };
  return entries;
}

const CatalogueEntry* find_flag_route_entry(const std::string& route) {
  const std::string key = shared_route_key(route);
  for (const CatalogueEntry& e : flag_route_entries()) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

const CatalogueEntry* find_rescale_class_entry(RescaleClass c) {
  const int k = static_cast<int>(c);
  if (k < 0 || k >= kRescaleClassCount || !tables().has_class[static_cast<std::size_t>(k)])
    return nullptr;
  return &tables().classes[static_cast<std::size_t>(k)];
}

const CatalogueEntry& rescale_class_entry(RescaleClass c) {
  static const CatalogueEntry unknown{"unknown", "", "", ""};
  const int k = static_cast<int>(c);
  return k >= 0 && k < kRescaleClassCount ? tables().classes[static_cast<std::size_t>(k)] : unknown;
}

}  // namespace amla
