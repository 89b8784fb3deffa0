#include "core/kernel/kernel_pseudocode.h"

#include <algorithm>

namespace amla {

namespace {

using K = OpKind;
using S = PseudoSide;

PseudoLine line(int indent, std::string text, S side = S::kAny, std::vector<OpKind> ops = {},
                std::vector<std::string> flags = {}) {
  PseudoLine l;
  l.indent = indent;
  l.text = std::move(text);
  l.side = side;
  l.ops = std::move(ops);
  l.flags = std::move(flags);
  return l;
}

// Tags the lines added since `first` with `stage`.
void tag(std::vector<PseudoLine>& c, std::size_t first, PseudoStage stage) {
  for (std::size_t i = first; i < c.size(); ++i) c[i].stage = stage;
}

// MM1 is the same in both variants (ascend910-and-kernel.md, section 6). Statements stay short
// (the panel is narrow); the op catalogue says the rest.
void add_mm1(std::vector<PseudoLine>& c) {
  const std::size_t first = c.size();
  c.push_back(
      line(1, "AIC MM1(k): S = [Q|Qr] [K|Kr]^T", S::kAic, {K::kScalarSetup}, {"AIC SCALAR->MTE2"}));
  c.push_back(
      line(2, "load Q tile -> L1 (once per task)", S::kAic, {K::kLoadQ}, {"AIC MTE2->MTE1"}));
  c.push_back(line(2, "load K tile -> L1 (from HBM)", S::kAic, {K::kLoadK}, {"AIC MTE2->MTE1"}));
  c.push_back(line(2, "move k-slices L1 -> L0A, L0B", S::kAic, {K::kMoveL0A, K::kMoveL0B},
                   {"AIC MTE1->CUBE"}));
  c.push_back(line(2, "L0C += Q K^T", S::kAic, {K::kMmadQK}, {"AIC CUBE->FIXP"}));
  c.push_back(line(2, "FixPipe S -> GM;  set C1->V1", S::kAic, {K::kFixpS}, {"C1->V1"}));
  tag(c, first, PseudoStage::kMm1);
}

// The start of Vec1: the online softmax over S, chunk by chunk.
void add_vec1_chunks(std::vector<PseudoLine>& c, const std::string& cast) {
  const std::size_t first = c.size();
  c.push_back(line(1, "AIV Vec1(k), half the rows each: wait C1->V1", S::kAiv, {K::kScalarSetup},
                   {"C1->V1", "AIV SCALAR->MTE2", "AIV SCALAR->VECTOR"}));
  c.push_back(line(2, "for each UB chunk of rows:"));
  c.push_back(line(3, "load S chunk -> UB", S::kAiv, {K::kLoadS}, {"AIV MTE2->VECTOR"}));
  c.push_back(line(3, "m = max(m, rowmax S);  P = exp(S - m)", S::kAiv, {K::kVecSoftmax}));
  c.push_back(line(3, cast, S::kAiv, {K::kVecSoftmax}, {"AIV VECTOR->MTE3"}));
  c.push_back(line(3, "store P~ -> GM;  set V1->C2", S::kAiv, {K::kStoreP}, {"V1->C2"}));
  tag(c, first, PseudoStage::kVec1);
}

// The start of MM2: P~ V into L0C.
void add_mm2_product(std::vector<PseudoLine>& c) {
  const std::size_t first = c.size();
  c.push_back(line(1, "AIC MM2(k): wait V1->C2", S::kAic, {K::kScalarSetup},
                   {"V1->C2", "AIC SCALAR->MTE2"}));
  c.push_back(line(2, "load P~ tile -> L1", S::kAic, {K::kLoadP}, {"AIC MTE2->MTE1"}));
  c.push_back(
      line(2, "load V tile -> L1 (L2 hit: K's rows)", S::kAic, {K::kLoadV}, {"AIC MTE2->MTE1"}));
  c.push_back(line(2, "move k-slices L1 -> L0A, L0B", S::kAic, {K::kMoveL0A, K::kMoveL0B},
                   {"AIC MTE1->CUBE"}));
  c.push_back(line(2, "L0C += P~ V", S::kAic, {K::kMmadPV}, {"AIC CUBE->FIXP"}));
  tag(c, first, PseudoStage::kMm2);
}

// The end of a job: store its rows, or its part of them when the KV axis was split.
void add_store_out(std::vector<PseudoLine>& c, int indent) {
  c.push_back(line(indent, "store out -> GM  (split: FP32 + LSE)", S::kAiv, {K::kStoreOut}));
  c.push_back(line(indent, "split: set V2->combine", S::kAiv, {K::kStoreOut}, {"V2->combine"}));
}

// Flash-decoding: a job whose KV axis was split over cores is merged at the end.
void add_combine(std::vector<PseudoLine>& c) {
  const std::size_t first = c.size();
  c.push_back(line(0, "if the KV axis was split, per row block:"));
  c.push_back(line(1, "wait V2->combine;  load parts' O, LSE", S::kAiv, {K::kLoadO},
                   {"V2->combine", "AIV MTE2->VECTOR"}));
  c.push_back(
      line(1, "out = sum_p exp(lse_p - lse) O_p", S::kAiv, {K::kCombine}, {"AIV VECTOR->MTE3"}));
  c.push_back(line(1, "store bf16(out) -> GM", S::kAiv, {K::kStoreOut}));
  tag(c, first, PseudoStage::kCombine);
}

KernelPseudocode make_amla() {
  KernelPseudocode code;
  code.variant = KernelVariant::kAmla;
  code.title = "AMLA: rescale O by adding N to its bits";
  auto& c = code.lines;
  c.push_back(line(0, "// AIC = Cube core, AIV0 / AIV1 = Vector"));
  c.push_back(line(0, "for each task k (row block x KV block):"));
  add_mm1(c);
  add_vec1_chunks(c, "P~ = bf16(P * c^)");
  std::size_t first = c.size();
  c.push_back(line(2, "n = round(-m / ln2);  dn = n - n_prev", S::kAiv, {K::kVecScalars}));
  c.push_back(line(2, "c = exp(m + n ln2);  c^ = bf16(c)", S::kAiv, {K::kVecScalars}));
  c.push_back(line(2, "e = k_prev / k - 1   (k = c / c^)", S::kAiv, {K::kVecScalars}));
  c.push_back(line(2, "l = exp(m_prev - m) l + rowsum P", S::kAiv, {K::kVecScalars}));
  c.push_back(line(2, "N = int32((max(dn,-30) + 1.5e + 1e-6) 2^23)", S::kAiv, {K::kVecScalars}));
  c.push_back(line(2, "if not the job's first block:", S::kAiv));
  c.push_back(line(3, "wait C2->V2;  broadcast N in UB", S::kAiv, {K::kVecBroadcastN},
                   {"C2->V2", "AIV VECTOR->MTE3"}));
  c.push_back(line(3, "int32(O) += N   (so O *= 2^dn)", S::kAiv, {K::kAtomicAddN}));
  c.push_back(line(3, "set V2->C2", S::kAiv, {K::kAtomicAddN}, {"V2->C2"}));
  tag(c, first, PseudoStage::kVec1);
  add_mm2_product(c);
  first = c.size();
  c.push_back(line(2, "first block:  O = L0C  (FixPipe)", S::kAic, {K::kFixpO}));
  c.push_back(line(2, "else: wait V2->C2; O += L0C (atomic)", S::kAic, {K::kFixpO}, {"V2->C2"}));
  c.push_back(line(2, "set C2->V2", S::kAic, {K::kFixpO}, {"C2->V2"}));
  tag(c, first, PseudoStage::kMm2);
  first = c.size();
  c.push_back(line(1, "AIV Vec2(k), last block only: wait C2->V2", S::kAiv, {K::kScalarSetup},
                   {"C2->V2", "AIV SCALAR->MTE2", "AIV SCALAR->VECTOR"}));
  c.push_back(line(2, "for each UB chunk of rows:"));
  c.push_back(line(3, "load O chunk -> UB", S::kAiv, {K::kLoadO}, {"AIV MTE2->VECTOR"}));
  c.push_back(line(3, "O[|O| > 1e10] = 0;  out = O / (l c^)", S::kAiv, {K::kVecFinal},
                   {"AIV VECTOR->MTE3"}));
  add_store_out(c, 3);
  tag(c, first, PseudoStage::kVec2);
  add_combine(c);
  return code;
}

KernelPseudocode make_baseline() {
  KernelPseudocode code;
  code.variant = KernelVariant::kBaseline;
  code.title = "Baseline: FlashAttention, O *= exp(m_old - m_new)";
  auto& c = code.lines;
  c.push_back(line(0, "// AIC = Cube core, AIV0 / AIV1 = Vector"));
  c.push_back(line(0, "for each task k (row block x KV block):"));
  add_mm1(c);
  add_vec1_chunks(c, "P~ = bf16(P)");
  std::size_t first = c.size();
  c.push_back(line(2, "alpha = exp(m_prev - m)", S::kAiv, {K::kVecScalars}));
  c.push_back(line(2, "l = alpha l + rowsum P", S::kAiv, {K::kVecScalars}));
  tag(c, first, PseudoStage::kVec1);
  add_mm2_product(c);
  first = c.size();
  c.push_back(line(2, "FixPipe P V -> GM;  set C2->V2", S::kAic, {K::kFixpPV}, {"C2->V2"}));
  tag(c, first, PseudoStage::kMm2);
  first = c.size();
  c.push_back(line(1, "AIV update(k): wait C2->V2", S::kAiv, {K::kScalarSetup},
                   {"C2->V2", "AIV SCALAR->MTE2", "AIV SCALAR->VECTOR"}));
  c.push_back(line(2, "for each UB chunk of rows:"));
  c.push_back(line(3, "load P V chunk -> UB", S::kAiv, {K::kLoadPV}, {"AIV MTE2->VECTOR"}));
  c.push_back(line(3, "not first: wait MTE3->MTE2", S::kAiv, {K::kLoadO}, {"AIV MTE3->MTE2"}));
  c.push_back(line(3, "not first: load old O -> UB", S::kAiv, {K::kLoadO}, {"AIV MTE2->VECTOR"}));
  c.push_back(line(3, "if not the job's last block:"));
  c.push_back(line(4, "O = alpha O + P V", S::kAiv, {K::kVecRescale}, {"AIV VECTOR->MTE3"}));
  c.push_back(
      line(4, "store O -> GM  (the round trip)", S::kAiv, {K::kStoreO}, {"AIV MTE3->MTE2"}));
  c.push_back(line(3, "else:"));
  c.push_back(line(4, "out = (alpha O + P V) / l", S::kAiv, {K::kVecFinal}, {"AIV VECTOR->MTE3"}));
  add_store_out(c, 4);
  tag(c, first, PseudoStage::kVec2);
  add_combine(c);
  return code;
}

bool side_runs_on(PseudoSide side, Unit unit) {
  switch (side) {
    case PseudoSide::kAny:
      return true;
    case PseudoSide::kAic:
      return unit == Unit::kAic;
    case PseudoSide::kAiv:
      return unit == Unit::kAiv0 || unit == Unit::kAiv1;
  }
  return false;
}

}  // namespace

const KernelPseudocode& kernel_pseudocode(KernelVariant variant) {
  static const KernelPseudocode amla = make_amla();
  static const KernelPseudocode baseline = make_baseline();
  return variant == KernelVariant::kBaseline ? baseline : amla;
}

std::uint32_t pseudo_line_kinds(const PseudoLine& line) {
  static_assert(kOpKindCount <= 32, "op kinds are a 32-bit mask");
  std::uint32_t mask = 0;
  for (OpKind k : line.ops) mask |= 1u << static_cast<int>(k);
  return mask;
}

std::vector<int> pseudo_lines_for_op(const KernelPseudocode& code, OpKind kind, Unit unit) {
  std::vector<int> lines;
  for (std::size_t i = 0; i < code.lines.size(); ++i) {
    const PseudoLine& l = code.lines[i];
    if (!side_runs_on(l.side, unit)) continue;
    for (OpKind k : l.ops) {
      if (k == kind) {
        lines.push_back(static_cast<int>(i));
        break;
      }
    }
  }
  return lines;
}

namespace {

// How far along a lane the neighbour of an op is looked for.
constexpr std::int64_t kNeighbourSearch = 64;

// The stage of kinds only one stage emits.
PseudoStage stage_of_kind(OpKind k) {
  switch (k) {
    case OpKind::kLoadQ:
    case OpKind::kLoadK:
    case OpKind::kMmadQK:
    case OpKind::kFixpS:
      return PseudoStage::kMm1;
    case OpKind::kLoadS:
    case OpKind::kVecSoftmax:
    case OpKind::kVecScalars:
    case OpKind::kStoreP:
    case OpKind::kVecBroadcastN:
    case OpKind::kAtomicAddN:
      return PseudoStage::kVec1;
    case OpKind::kLoadP:
    case OpKind::kLoadV:
    case OpKind::kMmadPV:
    case OpKind::kFixpO:
    case OpKind::kFixpPV:
      return PseudoStage::kMm2;
    case OpKind::kLoadPV:
    case OpKind::kVecRescale:
    case OpKind::kStoreO:
    case OpKind::kVecFinal:
      return PseudoStage::kVec2;
    case OpKind::kCombine:
      return PseudoStage::kCombine;
    default:
      return PseudoStage::kNone;
  }
}

bool lane_known(const OpTrace& ops, int lane) {
  return lane >= 0 && static_cast<std::size_t>(lane) + 1 < ops.lane_begin.size();
}

}  // namespace

PseudoStage op_stage(const Trace& trace, std::int64_t op) {
  const OpTrace& ops = trace.ops;
  if (op < 0 || op >= static_cast<std::int64_t>(ops.size())) return PseudoStage::kNone;
  const auto i = static_cast<std::size_t>(op);
  const OpKind kind = ops.kind[i];
  const int task = ops.task[i];
  if (const PseudoStage s = stage_of_kind(kind); s != PseudoStage::kNone) return s;
  // The combine runs after every task: its ops have none.
  if (kind == OpKind::kLoadO || kind == OpKind::kStoreOut)
    return task < 0 ? PseudoStage::kCombine : PseudoStage::kVec2;
  const int lane = ops.lane[i];
  const int core = lane_core(lane);
  const Unit unit = lane_unit(lane);
  if (kind == OpKind::kMoveL0A || kind == OpKind::kMoveL0B) {
    // A move feeds an mmad of its task that starts after it: MM1's or MM2's (MM2 of a task only
    // starts once its MM1 has finished).
    const int cube = lane_index(core, Unit::kAic, Pipe::kCube);
    if (!lane_known(ops, cube)) return PseudoStage::kNone;
    const std::int64_t end = ops.lane_begin[static_cast<std::size_t>(cube) + 1];
    auto it = std::lower_bound(ops.start.begin() + ops.lane_begin[static_cast<std::size_t>(cube)],
                               ops.start.begin() + end, ops.start[i]);
    for (std::int64_t j = it - ops.start.begin(), n = 0; j < end && n < kNeighbourSearch;
         ++j, ++n) {
      if (ops.task[static_cast<std::size_t>(j)] == task)
        return stage_of_kind(ops.kind[static_cast<std::size_t>(j)]);
    }
    return PseudoStage::kNone;
  }
  if (kind == OpKind::kScalarSetup && lane_known(ops, lane)) {
    // A unit sets up each task's stages in order: the AIC MM1 then MM2, an AIV Vec1 then the
    // work after MM2. Count the earlier set-ups of the same task on this lane.
    int earlier = 0;
    const std::int64_t begin = ops.lane_begin[static_cast<std::size_t>(lane)];
    for (std::int64_t j = op - 1, n = 0; j >= begin && n < kNeighbourSearch; --j, ++n) {
      if (ops.task[static_cast<std::size_t>(j)] == task) ++earlier;
    }
    if (unit == Unit::kAic) return earlier == 0 ? PseudoStage::kMm1 : PseudoStage::kMm2;
    return earlier == 0 ? PseudoStage::kVec1 : PseudoStage::kVec2;
  }
  return PseudoStage::kNone;
}

std::vector<int> pseudo_lines_for_trace_op(const KernelPseudocode& code, const Trace& trace,
                                           std::int64_t op) {
  if (op < 0 || op >= static_cast<std::int64_t>(trace.ops.size())) return {};
  const auto i = static_cast<std::size_t>(op);
  std::vector<int> lines =
      pseudo_lines_for_op(code, trace.ops.kind[i], lane_unit(trace.ops.lane[i]));
  const PseudoStage stage = op_stage(trace, op);
  if (stage == PseudoStage::kNone) return lines;
  std::vector<int> narrowed;
  for (int l : lines) {
    if (code.lines[static_cast<std::size_t>(l)].stage == stage) narrowed.push_back(l);
  }
  return narrowed.empty() ? lines : narrowed;
}

std::string pseudo_line_string(const PseudoLine& line) {
  return std::string(static_cast<std::size_t>(2 * line.indent), ' ') + line.text;
}

}  // namespace amla
