#include "core/lesson/lesson_file.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <limits>
#include <map>

#include "core/common/input_error.h"
#include "core/common/json_io.h"
#include "core/hw/hardware_presets.h"
#include "core/kernel/kernel_params.h"
#include "core/kernel/kernel_pseudocode.h"
#include "core/lesson/lesson_text.h"
#include "core/numerics/float_bits.h"
#include "core/numerics/kernel_blocking.h"
#include "core/ops/pipes.h"
#include "core/run/simulation_run.h"

namespace amla {

namespace {

using nlohmann::json;

// Reads one JSON object with a fixed set of keys; every error names the full path.
class ObjectReader {
 public:
  ObjectReader(const json& j, std::string path) : j_(j), path_(std::move(path)) {
    if (!j_.is_object()) throw InputError(path_, short_dump(j_), "expected an object");
  }
  // Refuses keys outside `known`, naming the nearest.
  void only(const std::vector<std::string>& known) const {
    for (const auto& [key, value] : j_.items()) {
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        throw InputError(at(key), key, "unknown key; " + unknown_key_limit(key, known));
      }
    }
  }
  bool has(const std::string& key) const { return j_.contains(key); }
  const json& raw(const std::string& key) const { return j_.at(key); }
  std::string at(const std::string& key) const { return path_ + "." + key; }

  std::string text(const std::string& key, bool required = true) const {
    if (!has(key)) {
      if (required) throw InputError(at(key), "missing", "a string is required");
      return {};
    }
    const json& v = j_.at(key);
    // Long texts may be written as an array of lines.
    if (v.is_array()) {
      std::string joined;
      for (const json& line : v) {
        if (!line.is_string()) throw InputError(at(key), short_dump(line), "lines are strings");
        joined += (joined.empty() ? "" : "\n") + line.get<std::string>();
      }
      return joined;
    }
    if (!v.is_string()) throw InputError(at(key), short_dump(v), "expected a string");
    return v.get<std::string>();
  }
  long long integer(const std::string& key, long long lo, long long hi, long long fallback) const {
    if (!has(key)) return fallback;
    const json& v = j_.at(key);
    if (!v.is_number_integer()) throw InputError(at(key), short_dump(v), "expected an integer");
    const long long x = v.get<long long>();
    if (x < lo || x > hi) {
      throw InputError(at(key), std::to_string(x),
                       "an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    }
    return x;
  }
  double number(const std::string& key, double lo, double hi, double fallback) const {
    if (!has(key)) return fallback;
    const json& v = j_.at(key);
    if (!v.is_number()) throw InputError(at(key), short_dump(v), "expected a number");
    const double x = v.get<double>();
    if (!std::isfinite(x) || x < lo || x > hi) {
      throw InputError(at(key), short_dump(v),
                       "a number in [" + short_dump(json(lo)) + ", " + short_dump(json(hi)) + "]");
    }
    return x;
  }
  bool flag(const std::string& key, bool fallback) const {
    if (!has(key)) return fallback;
    const json& v = j_.at(key);
    if (!v.is_boolean()) throw InputError(at(key), short_dump(v), "expected true or false");
    return v.get<bool>();
  }

 private:
  const json& j_;
  std::string path_;
};

template <class Enum, std::size_t N>
Enum parse_name(const std::string& field, const std::string& text, const char* (*name)(Enum),
                const std::array<Enum, N>& values) {
  std::vector<std::string> names;
  for (Enum v : values) {
    if (text == name(v)) return v;
    names.push_back(name(v));
  }
  throw InputError(field, text, unknown_key_limit(text, names));
}

std::string json_text(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

// The step's configuration: the defaults with each key applied in file order ("preset" first).
RunConfig apply_config(const json& overrides, const std::string& path) {
  RunConfig config;
  config.hardware = find_preset(kLessonDefaultPreset);
  if (!overrides.is_object()) throw InputError(path, short_dump(overrides), "expected an object");
  if (overrides.contains("preset")) {
    const json& p = overrides.at("preset");
    if (!p.is_string()) throw InputError(path + ".preset", short_dump(p), "expected a string");
    try {
      config.hardware = find_preset(p.get<std::string>());
    } catch (const InputError& e) {
      throw InputError(path + ".preset", e.value(), e.limit());
    }
  }
  std::vector<std::string> known = {"preset"};
  for (const ParamDef& p : kernel_params()) known.emplace_back(p.id);
  for (const auto& [key, value] : overrides.items()) {
    const std::string field = path + "." + key;
    if (key == "preset") continue;
    if (key.rfind("hardware.", 0) == 0) {
      apply_hardware_json(json{{key.substr(9), value}}, path + ".hardware", config.hardware);
      continue;
    }
    const ParamDef* p = find_param(key);
    if (!p) {
      throw InputError(
          field, key,
          "not a parameter id, \"preset\" or \"hardware.KEY\"; " + unknown_key_limit(key, known));
    }
    if (!value.is_string() && !value.is_number_integer()) {
      throw InputError(field, short_dump(value), param_range_text(*p));
    }
    p->set(config.kernel, parse_param_value(*p, field, json_text(value)));
  }
  // The kernel's own rules (tiles fit their buffers, rows per task within a request).
  try {
    preflight_check(config.hardware, config.kernel, std::numeric_limits<std::uint64_t>::max());
  } catch (const InputError& e) {
    throw InputError(path + " (" + render_field(e.field(), ParamNaming::kId) + ")", e.value(),
                     render_param_refs(e.limit(), ParamNaming::kId));
  }
  return config;
}

LessonOpRef parse_op_ref(const json& j, const std::string& path, const RunConfig& config) {
  ObjectReader r(j, path);
  r.only({"core", "unit", "pipe", "index"});
  LessonOpRef op;
  op.core = static_cast<int>(r.integer("core", 0, config.hardware.total_aic() - 1, 0));
  op.unit = parse_name(r.at("unit"), r.text("unit"), unit_name,
                       std::array<Unit, 3>{Unit::kAic, Unit::kAiv0, Unit::kAiv1});
  std::array<Pipe, kPipeCount> pipes{};
  for (int i = 0; i < kPipeCount; ++i) pipes[static_cast<std::size_t>(i)] = static_cast<Pipe>(i);
  op.pipe = parse_name(r.at("pipe"), r.text("pipe"), pipe_name, pipes);
  if (!unit_has_pipe(op.unit, op.pipe)) {
    throw InputError(r.at("pipe"), pipe_name(op.pipe),
                     std::string("a pipe the ") + unit_name(op.unit) + " has");
  }
  op.index = static_cast<int>(r.integer("index", 0, std::numeric_limits<int>::max(), 0));
  return op;
}

LessonBits parse_bits(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  r.only({"value", "shift", "compensation"});
  LessonBits b;
  // A number, or text the bit view takes: "1.5", "-0", "inf", "nan", "0x00400000" (a pattern).
  if (r.has("value")) {
    const json& v = r.raw("value");
    if (!v.is_number() && !v.is_string()) {
      throw InputError(r.at("value"), short_dump(v), "a number or a pattern such as 0x3FC00000");
    }
    b.value = float_of(parse_float_bits(r.at("value"), json_text(v)));
  }
  b.shift = static_cast<int>(r.integer("shift", -300, 300, 0));
  b.compensation =
      static_cast<std::int32_t>(r.integer("compensation", -(1ll << 22), (1ll << 22), 0));
  return b;
}

AmlaSwitches parse_switches(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  r.only({"exponent_add", "compensation", "mantissa_mean", "clamp", "clamp_value", "guard",
          "guard_threshold", "epsilon"});
  AmlaSwitches s;
  s.exponent_add = r.flag("exponent_add", s.exponent_add);
  s.compensation = r.flag("compensation", s.compensation);
  s.mantissa_mean = r.number("mantissa_mean", 1.0, 2.0, s.mantissa_mean);
  s.clamp = r.flag("clamp", s.clamp);
  s.clamp_value = static_cast<int>(r.integer("clamp_value", -126, 0, s.clamp_value));
  s.guard = r.flag("guard", s.guard);
  s.guard_threshold = r.number("guard_threshold", 1.0, 3.4e38, s.guard_threshold);
  s.epsilon = r.number("epsilon", 0.0, 1.0, s.epsilon);
  try {
    validate_switches(s);
  } catch (const InputError& e) {
    throw InputError(path + "." + e.field(), e.value(), e.limit());
  }
  return s;
}

LessonNumerics parse_numerics(const json& j, const std::string& path, const RunConfig& config) {
  ObjectReader r(j, path);
  r.only({"dist", "seed", "rows", "kv_len", "jump", "mean", "amplitude", "variants", "switches",
          "row", "block"});
  LessonNumerics n;
  if (r.has("dist")) n.inputs.distribution = parse_distribution(r.at("dist"), r.text("dist"));
  n.inputs.seed =
      static_cast<std::uint64_t>(r.integer("seed", 0, std::numeric_limits<long long>::max(), 0));
  n.inputs.rows = static_cast<int>(r.integer("rows", 1, kMaxRowsPerTask, 128));
  n.inputs.kv_len = static_cast<int>(r.integer("kv_len", 1, 1 << 20, config.kernel.problem.kv_len));
  n.inputs.jump = r.number("jump", 0.0, 1000.0, n.inputs.jump);
  n.inputs.mean = r.number("mean", -1e4, 1e4, n.inputs.mean);
  n.inputs.amplitude = r.number("amplitude", 0.0, 1e4, n.inputs.amplitude);
  if (r.has("variants")) n.variants = parse_variant_list(r.at("variants"), r.text("variants"));
  // The hazard inputs put their score rise at the start of the second KV block, as the studio.
  n.inputs.jump_token = std::min(n.inputs.kv_len, config.kernel.tiling.blocking.kv_block);
  try {
    validate_input_spec(n.inputs);
  } catch (const InputError& e) {
    throw InputError(path + " (" + e.field() + ")", e.value(), e.limit());
  }
  if (r.has("switches")) n.switches = parse_switches(r.raw("switches"), r.at("switches"));
  n.row = static_cast<int>(r.integer("row", 0, n.inputs.rows - 1, 0));
  const int blocks = block_count(n.inputs.kv_len, config.kernel.tiling.blocking.kv_block);
  n.block = static_cast<int>(r.integer("block", 0, blocks - 1, 0));
  return n;
}

LessonView parse_view(const json& j, const std::string& path, const RunConfig& config) {
  ObjectReader r(j, path);
  r.only({"range_us", "expanded_cores", "select_op", "bits", "numerics", "critical_path", "decode",
          "compare_a"});
  LessonView v;
  if (r.has("range_us")) {
    const json& range = r.raw("range_us");
    if (!range.is_array() || range.size() != 2 || !range[0].is_number() || !range[1].is_number() ||
        range[0].get<double>() < 0 || range[1].get<double>() <= range[0].get<double>()) {
      throw InputError(r.at("range_us"), short_dump(range), "[start, end] in us, 0 <= start < end");
    }
    v.range_us = std::array<double, 2>{range[0].get<double>(), range[1].get<double>()};
  }
  if (r.has("expanded_cores")) {
    const json& cores = r.raw("expanded_cores");
    if (!cores.is_array()) throw InputError(r.at("expanded_cores"), short_dump(cores), "a list");
    for (const json& c : cores) {
      if (!c.is_number_integer() || c.get<int>() < 0 ||
          c.get<int>() >= config.hardware.total_aic()) {
        throw InputError(
            r.at("expanded_cores"), short_dump(c),
            "core numbers in [0, " + std::to_string(config.hardware.total_aic() - 1) + "]");
      }
      v.expanded_cores.push_back(c.get<int>());
    }
  }
  if (r.has("select_op"))
    v.selected_op = parse_op_ref(r.raw("select_op"), r.at("select_op"), config);
  if (r.has("bits")) v.bits = parse_bits(r.raw("bits"), r.at("bits"));
  if (r.has("numerics")) v.numerics = parse_numerics(r.raw("numerics"), r.at("numerics"), config);
  v.critical_path = r.flag("critical_path", false);
  if (r.has("decode")) {
    const json& d = r.raw("decode");
    const std::string field = r.at("decode");
    if (!d.is_object()) throw InputError(field, short_dump(d), "expected an object");
    DecodeParams p;
    for (const auto& [key, value] : d.items()) {
      const DecodeParamDef* def = find_decode_param(key);
      if (!def) {
        std::vector<std::string> ids;
        for (const DecodeParamDef& x : decode_params()) ids.emplace_back(x.id);
        throw InputError(field + "." + key, key, "unknown key; " + unknown_key_limit(key, ids));
      }
      p.*def->member = parse_decode_param(*def, field + "." + key, json_text(value));
    }
    try {
      validate_decode_params(p, config.hardware.aic_per_die);
    } catch (const InputError& e) {
      throw InputError(field + " (" + e.field() + ")", e.value(), e.limit());
    }
    v.decode = p;
  }
  if (r.has("compare_a")) v.compare_a = apply_config(r.raw("compare_a"), r.at("compare_a"));
  return v;
}

// One highlight: an op kind or a pseudo-code line lights the timeline and the listing; any
// other name must be a well-formed reference (its value is shown beside the text).
void parse_highlight(const std::string& field, const std::string& name, LessonStep& s) {
  const auto colon = name.find(':');
  const std::string ns = name.substr(0, colon);
  const std::string rest = colon == std::string::npos ? "" : name.substr(colon + 1);
  if (ns == "op") {
    const std::optional<OpKind> kind = find_op_kind(rest);
    if (!kind || *kind == OpKind::kProfiled) {
      std::vector<std::string> kinds;
      for (int k = 0; k < static_cast<int>(OpKind::kProfiled); ++k) {
        kinds.emplace_back(op_kind_name(static_cast<OpKind>(k)));
      }
      throw InputError(field, name, unknown_key_limit(rest, kinds));
    }
    s.highlight_op_kinds |= 1u << static_cast<int>(*kind);
    return;
  }
  if (ns == "code") {
    const KernelPseudocode& code = kernel_pseudocode(s.config.kernel.variant);
    const int lines = static_cast<int>(code.lines.size());
    int line = 0;
    const auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), line);
    if (rest.empty() || error != std::errc() || end != rest.data() + rest.size() || line < 1 ||
        line > lines) {
      throw InputError(
          field, name,
          "code:N with N a line of the " + code.title + " listing, 1.." + std::to_string(lines));
    }
    s.highlight_code_lines.push_back(line - 1);
    s.highlight_op_kinds |= pseudo_line_kinds(code.lines[static_cast<std::size_t>(line - 1)]);
    return;
  }
  check_reference_syntax(field, name);
}

LessonStep parse_step(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  r.only({"title", "text", "config", "page", "view", "highlight"});
  LessonStep s;
  s.title = r.text("title");
  s.text = r.text("text");
  if (r.has("config")) s.config_overrides = r.raw("config");
  s.config = apply_config(s.config_overrides, r.at("config"));
  s.page = r.text("page");
  if (std::find(kStudioPages.begin(), kStudioPages.end(), s.page) == kStudioPages.end()) {
    throw InputError(r.at("page"), s.page,
                     unknown_key_limit(s.page, {kStudioPages.begin(), kStudioPages.end()}));
  }
  if (r.has("view")) s.view = parse_view(r.raw("view"), r.at("view"), s.config);
  if (s.page == "Numerics" && !s.view.numerics) s.view.numerics = LessonNumerics{};
  if (r.has("highlight")) {
    const json& h = r.raw("highlight");
    if (!h.is_array()) throw InputError(r.at("highlight"), short_dump(h), "a list of names");
    for (const json& name : h) {
      if (!name.is_string()) throw InputError(r.at("highlight"), short_dump(name), "strings");
      s.highlight.push_back(name.get<std::string>());
      parse_highlight(r.at("highlight"), s.highlight.back(), s);
    }
  }
  // Every reference must at least be well formed; whether it resolves needs the step's run.
  for (const std::string& ref : lesson_text_references(s.text)) {
    check_reference_syntax(r.at("text"), ref);
  }
  return s;
}

}  // namespace

Lesson parse_lesson(const std::string& name, const std::string& text) {
  const json j = parse_json_text("lesson", name, text);
  ObjectReader r(j, name);
  r.only({"amla_studio_lesson", "chapter", "title", "summary", "steps"});
  if (!r.has("amla_studio_lesson")) {
    throw InputError(r.at("amla_studio_lesson"), "missing",
                     "a lesson file starts with \"amla_studio_lesson\": 1");
  }
  r.integer("amla_studio_lesson", kLessonFormatVersion, kLessonFormatVersion, 0);
  Lesson lesson;
  const std::size_t dash = name.find('-');
  lesson.id = dash == std::string::npos ? name : name.substr(dash + 1);
  if (lesson.id.empty()) throw InputError("lesson", name, "file names are NN-id.json");
  lesson.chapter = static_cast<int>(r.integer("chapter", 1, 99, 0));
  if (lesson.chapter == 0) throw InputError(r.at("chapter"), "missing", "the story's chapter");
  lesson.title = r.text("title");
  lesson.summary = r.text("summary");
  if (!r.has("steps") || !r.raw("steps").is_array() || r.raw("steps").empty()) {
    throw InputError(r.at("steps"), r.has("steps") ? short_dump(r.raw("steps")) : "missing",
                     "a non-empty list of steps");
  }
  const json& steps = r.raw("steps");
  for (std::size_t k = 0; k < steps.size(); ++k) {
    lesson.steps.push_back(parse_step(steps[k], name + ": steps[" + std::to_string(k) + "]"));
  }
  return lesson;
}

Lesson load_lesson_file(const std::string& path) {
  const json j = read_json_file("lesson", path);
  std::string name =
      path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
  if (name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0) {
    name.resize(name.size() - 5);
  }
  return parse_lesson(name, j.dump());
}

void check_lesson_links(const std::vector<Lesson>& lessons) {
  std::map<std::string, const Lesson*> by_id;
  for (const Lesson& l : lessons) by_id[l.id] = &l;
  for (const Lesson& l : lessons) {
    for (std::size_t k = 0; k < l.steps.size(); ++k) {
      const std::string field = l.id + ": steps[" + std::to_string(k) + "].text";
      for (const std::string& target : lesson_text_links(l.steps[k].text)) {
        const LessonLink link = parse_lesson_link(field, target);
        const Lesson* to = link.lesson.empty() ? &l : nullptr;
        if (!to) {
          const auto it = by_id.find(link.lesson);
          if (it == by_id.end()) {
            std::vector<std::string> ids;
            for (const auto& [id, unused] : by_id) ids.push_back(id);
            throw InputError(field, target,
                             "no such lesson; " + unknown_key_limit(link.lesson, ids));
          }
          to = it->second;
        }
        if (link.step < 1 || link.step > static_cast<int>(to->steps.size())) {
          throw InputError(
              field, target,
              "step numbers of " + to->id + " are 1.." + std::to_string(to->steps.size()));
        }
      }
    }
  }
}

const std::vector<Lesson>& builtin_lessons() {
  static const std::vector<Lesson> lessons = [] {
    std::vector<Lesson> all;
    for (const auto& [name, text] : embedded_lesson_files())
      all.push_back(parse_lesson(name, text));
    std::stable_sort(all.begin(), all.end(),
                     [](const Lesson& a, const Lesson& b) { return a.chapter < b.chapter; });
    check_lesson_links(all);
    return all;
  }();
  return lessons;
}

const Lesson& require_lesson(const std::string& field, const std::string& id) {
  std::vector<std::string> ids;
  for (const Lesson& l : builtin_lessons()) {
    if (l.id == id) return l;
    ids.push_back(l.id);
  }
  throw InputError(field, id, unknown_key_limit(id, ids));
}

}  // namespace amla
