#include "core/kernel/kernel_params.h"

#include <cerrno>
#include <cstdlib>
#include <stdexcept>

#include "core/common/input_error.h"

namespace amla {

namespace {

// Accessors for one int member, written once per parameter through a lambda pair.
#define AMLA_INT_MEMBER(expr)                                \
  [](const KernelConfig& c) -> long long { return c.expr; }, \
      [](KernelConfig& c, long long v) { c.expr = static_cast<int>(v); }

ParamDef integer(std::string_view id, std::string_view flag, std::string_view label,
                 std::string_view group, std::string_view unit, std::string_view help,
                 long long min, long long max, long long multiple_of,
                 long long (*get)(const KernelConfig&), void (*set)(KernelConfig&, long long)) {
  ParamDef p;
  p.id = id;
  p.flag = flag;
  p.label = label;
  p.group = group;
  p.unit = unit;
  p.help = help;
  p.type = ParamType::kInteger;
  p.min = min;
  p.max = max;
  p.multiple_of = multiple_of;
  p.get = get;
  p.set = set;
  return p;
}

ParamDef choice(std::string_view id, std::string_view flag, std::string_view label,
                std::string_view group, std::string_view help, std::vector<std::string_view> names,
                long long (*get)(const KernelConfig&), void (*set)(KernelConfig&, long long)) {
  ParamDef p = integer(id, flag, label, group, "", help, 0,
                       static_cast<long long>(names.size()) - 1, 1, get, set);
  p.type = ParamType::kChoice;
  p.choices = std::move(names);
  return p;
}

constexpr long long kMaxKvLen = 1 << 24;

std::vector<ParamDef> make_params() {
  std::vector<ParamDef> v;
  // Problem: the attention the kernel computes.
  v.push_back(integer("problem.batch", "batch", "batch", "Problem", "requests",
                      "Requests decoded together (the batch).", 1, 65536, 1,
                      AMLA_INT_MEMBER(problem.batch)));
  v.push_back(integer("problem.q_tokens", "q-tokens", "query tokens", "Problem", "tokens",
                      "Query tokens per request: 1, or 2 to 4 with multi-token prediction.", 1, 16,
                      1, AMLA_INT_MEMBER(problem.q_tokens)));
  v.push_back(integer("problem.heads", "heads", "heads", "Problem", "heads",
                      "Attention heads (DeepSeek-V3/R1: 128).", 1, 1024, 1,
                      AMLA_INT_MEMBER(problem.heads)));
  v.push_back(integer("problem.kv_len", "kv-len", "S_k", "Problem", "tokens",
                      "KV sequence length S_k of every request (the mean when lengths are drawn).",
                      1, kMaxKvLen, 1, AMLA_INT_MEMBER(problem.kv_len)));
  v.push_back(integer("problem.latent_dim", "latent-dim", "latent dim", "Problem", "columns",
                      "Columns of the compressed KV latent (MLA: 512); also V's width.", 16, 4096,
                      16, AMLA_INT_MEMBER(problem.latent_dim)));
  v.push_back(integer("problem.rope_dim", "rope-dim", "RoPE dim", "Problem", "columns",
                      "Rotary position columns appended to Q and K (MLA: 64).", 0, 1024, 16,
                      AMLA_INT_MEMBER(problem.rope_dim)));
  v.push_back(integer("problem.page_size", "page-size", "KV page size", "Problem", "tokens",
                      "Tokens per page of the paged KV cache.", 1, 65536, 1,
                      AMLA_INT_MEMBER(problem.page_size)));
  // Kernel: which algorithm and how work is spread over the cores.
  v.push_back(choice(
      "variant", "variant", "variant", "Kernel",
      "amla: O is rescaled in GM by an INT32 add on its exponent field; baseline: the Vector "
      "cores read O, multiply by exp(m_old - m_new), add P V and write O back every KV block.",
      {"amla", "baseline"},
      [](const KernelConfig& c) -> long long { return static_cast<long long>(c.variant); },
      [](KernelConfig& c, long long x) { c.variant = static_cast<KernelVariant>(x); }));
  v.push_back(integer("tiling.preload", "preload", "preload", "Kernel", "stages",
                      "Preload Pipeline depth: how many stages the Cube runs ahead of the Vector "
                      "cores (0, 1 or 2).",
                      0, 2, 1, AMLA_INT_MEMBER(tiling.preload)));
  v.push_back(choice(
      "tiling.kv_split", "kv-split", "KV split", "Kernel",
      "How jobs are spread over cores: none (whole jobs), auto (split the KV axis only when "
      "there are fewer jobs than cores), fixed ({tiling.kv_splits} parts per job), balanced "
      "(FlashMLA: the same number of KV blocks per core, parts merged by a combine).",
      {"none", "auto", "fixed", "balanced"},
      [](const KernelConfig& c) -> long long { return static_cast<long long>(c.tiling.kv_split); },
      [](KernelConfig& c, long long x) { c.tiling.kv_split = static_cast<KvSplitPolicy>(x); }));
  v.push_back(integer("tiling.kv_splits", "kv-splits", "KV splits", "Kernel", "parts",
                      "Parts per job with the fixed KV split.", 1, 1024, 1,
                      AMLA_INT_MEMBER(tiling.kv_splits)));
  // Tiling: how a task is cut into tiles and how many buffers each stage has.
  v.push_back(integer("tiling.rows_per_task", "rows-per-task", "rows per task (mBase)", "Tiling",
                      "rows",
                      "Rows (heads x query tokens) one task processes, mBase; also the Numerics "
                      "page's blocking.",
                      1, kMaxRowsPerTask, 1, AMLA_INT_MEMBER(tiling.blocking.rows_per_task)));
  v.push_back(integer("tiling.kv_block", "kv-block", "KV block (s2Base)", "Tiling", "tokens",
                      "KV tokens per task, s2Base: every block boundary is one rescale of O.",
                      kKvBlockMultiple, kMaxKvBlock, kKvBlockMultiple,
                      AMLA_INT_MEMBER(tiling.blocking.kv_block)));
  v.push_back(integer("tiling.m_tile", "m-tile", "m tile", "Tiling", "rows",
                      "Rows per L0C tile of the Cube's output.", 16, 1024, 16,
                      AMLA_INT_MEMBER(tiling.m_tile)));
  v.push_back(integer("tiling.l1_k_split", "l1-k-split", "L1 k split", "Tiling", "columns",
                      "MM1 (Q K^T) columns per L1 tile: 576 = 2 x 288.", 16, 4096, 16,
                      AMLA_INT_MEMBER(tiling.l1_k_split)));
  v.push_back(integer("tiling.mm1_n_tile", "mm1-n-tile", "MM1 n tile", "Tiling", "tokens",
                      "KV tokens per MM1 N tile.", 16, 4096, 16,
                      AMLA_INT_MEMBER(tiling.mm1_n_tile)));
  v.push_back(integer("tiling.mm1_k_slice", "mm1-k-slice", "MM1 k slice", "Tiling", "columns",
                      "Columns per MM1 k-slice moved to L0A/L0B.", 16, 4096, 16,
                      AMLA_INT_MEMBER(tiling.mm1_k_slice)));
  v.push_back(integer("tiling.mm2_k_split", "mm2-k-split", "MM2 k split", "Tiling", "tokens",
                      "KV tokens per MM2 (P V) L1 tile.", 16, 4096, 16,
                      AMLA_INT_MEMBER(tiling.mm2_k_split)));
  v.push_back(integer("tiling.mm2_n_tile", "mm2-n-tile", "MM2 n tile", "Tiling", "columns",
                      "Output columns per MM2 tile.", 16, 4096, 16,
                      AMLA_INT_MEMBER(tiling.mm2_n_tile)));
  v.push_back(integer("tiling.mm2_k_slice", "mm2-k-slice", "MM2 k slice", "Tiling", "tokens",
                      "Tokens per MM2 k-slice moved to L0A/L0B.", 16, 4096, 16,
                      AMLA_INT_MEMBER(tiling.mm2_k_slice)));
  v.push_back(integer("tiling.qp_buffers", "qp-buffers", "QP buffers (L1)", "Tiling", "buffers",
                      "L1 buffers for Q tiles (MM1) and P~ tiles (MM2).", 1, 64, 1,
                      AMLA_INT_MEMBER(tiling.qp_buffers)));
  v.push_back(integer("tiling.kv_buffers", "kv-buffers", "KV buffers (L1)", "Tiling", "buffers",
                      "L1 buffers for K tiles (MM1) and V tiles (MM2).", 1, 64, 1,
                      AMLA_INT_MEMBER(tiling.kv_buffers)));
  v.push_back(integer("tiling.l0ab_buffers", "l0ab-buffers", "L0A/L0B buffers", "Tiling", "buffers",
                      "L0A and L0B buffers each (2 = ping-pong).", 1, 8, 1,
                      AMLA_INT_MEMBER(tiling.l0ab_buffers)));
  v.push_back(integer("tiling.l0c_buffers", "l0c-buffers", "L0C buffers", "Tiling", "buffers",
                      "L0C output tiles the Cube can fill while FixPipe drains others.", 1, 8, 1,
                      AMLA_INT_MEMBER(tiling.l0c_buffers)));
  v.push_back(integer("tiling.ub_chunk_bytes", "ub-chunk", "UB chunk", "Tiling", "bytes",
                      "Bytes per chunk the Vector cores load into their Unified Buffer.", 1024,
                      1 << 20, 32, AMLA_INT_MEMBER(tiling.ub_chunk_bytes)));
  v.push_back(integer("tiling.ub_input_buffers", "ub-input-buffers", "UB input buffers", "Tiling",
                      "buffers", "UB buffers for loaded chunks (2 = ping-pong).", 1, 8, 1,
                      AMLA_INT_MEMBER(tiling.ub_input_buffers)));
  v.push_back(integer("tiling.gm_slots", "gm-slots", "GM slots", "Tiling", "slots",
                      "GM workspace slots per stage (S, P~, P V) that let stages run ahead.", 1, 8,
                      1, AMLA_INT_MEMBER(tiling.gm_slots)));
  return v;
}

#undef AMLA_INT_MEMBER

}  // namespace

std::string_view ParamDef::json_section() const {
  const auto dot = id.find('.');
  return dot == std::string_view::npos ? std::string_view{} : id.substr(0, dot);
}

std::string_view ParamDef::json_key() const {
  const auto dot = id.find('.');
  return dot == std::string_view::npos ? id : id.substr(dot + 1);
}

const std::vector<ParamDef>& kernel_params() {
  static const std::vector<ParamDef> params = make_params();
  return params;
}

const ParamDef* find_param(std::string_view id) {
  for (const ParamDef& p : kernel_params()) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

const ParamDef* find_param_by_flag(std::string_view flag) {
  for (const ParamDef& p : kernel_params()) {
    if (p.flag == flag) return &p;
  }
  return nullptr;
}

const ParamDef& param(std::string_view id) {
  if (const ParamDef* p = find_param(id)) return *p;
  throw std::logic_error("no kernel parameter " + std::string(id));
}

std::string param_range_text(const ParamDef& p) {
  if (p.type == ParamType::kChoice) {
    std::string names;
    for (const auto name : p.choices) names += (names.empty() ? "" : ", ") + std::string(name);
    return "one of " + names;
  }
  const std::string range = "[" + std::to_string(p.min) + ", " + std::to_string(p.max) + "]";
  if (p.multiple_of > 1) {
    return "a multiple of " + std::to_string(p.multiple_of) + " in " + range;
  }
  return "an integer in " + range;
}

std::string format_param_value(const ParamDef& p, long long value) {
  if (p.type == ParamType::kChoice && value >= 0 &&
      value < static_cast<long long>(p.choices.size())) {
    return std::string(p.choices[static_cast<std::size_t>(value)]);
  }
  return std::to_string(value);
}

void check_param_value(const ParamDef& p, const std::string& field, long long value) {
  if (value < p.min || value > p.max || value % p.multiple_of != 0) {
    throw InputError(field, format_param_value(p, value), param_range_text(p));
  }
}

long long parse_param_value(const ParamDef& p, const std::string& field, const std::string& text) {
  constexpr std::size_t kMaxShown = 40;  // a hostile 20 MB token is not echoed whole
  const std::string shown = text.empty()              ? "''"
                            : text.size() > kMaxShown ? text.substr(0, kMaxShown) + "..."
                                                      : text;
  if (p.type == ParamType::kChoice) {
    for (std::size_t i = 0; i < p.choices.size(); ++i) {
      if (text == p.choices[i]) return static_cast<long long>(i);
    }
    throw InputError(field, shown, param_range_text(p));
  }
  errno = 0;
  char* end = nullptr;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno == ERANGE) {
    throw InputError(field, shown, param_range_text(p));
  }
  check_param_value(p, field, v);
  return v;
}

std::string param_display_name(const ParamDef& p, ParamNaming naming) {
  switch (naming) {
    case ParamNaming::kId:
      return std::string(p.id);
    case ParamNaming::kFlag:
      return "--" + std::string(p.flag);
    case ParamNaming::kLabel:
      return std::string(p.label);
  }
  return std::string(p.id);
}

std::string render_param_refs(const std::string& text, ParamNaming naming) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto open = text.find('{', pos);
    const auto close = open == std::string::npos ? open : text.find('}', open);
    if (close == std::string::npos) break;
    const ParamDef* p = find_param(std::string_view(text).substr(open + 1, close - open - 1));
    out += text.substr(pos, open - pos);
    out += p ? param_display_name(*p, naming) : text.substr(open, close - open + 1);
    pos = close + 1;
  }
  return out + text.substr(pos);
}

std::string render_field(const std::string& field, ParamNaming naming) {
  const ParamDef* p = find_param(field);
  return p ? param_display_name(*p, naming) : field;
}

std::string render_input_error(const InputError& e, ParamNaming naming) {
  return render_field(e.field(), naming) + ": " + e.value() + " (" +
         render_param_refs(e.limit(), naming) + ")";
}

}  // namespace amla
