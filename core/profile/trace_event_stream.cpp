#include "core/profile/trace_event_stream.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <istream>
#include <memory>
#include <streambuf>

#include <nlohmann/json.hpp>

#include "core/common/input_error.h"

namespace amla {
namespace {

// A streambuf over a ByteSource that knows how far the parser has read: the byte offset and
// the line, for messages. Newlines are counted lazily from the last point asked about, so each
// byte is counted once however often the position is asked for.
class PositionedBuffer : public std::streambuf {
 public:
  // The chunk is left uninitialised: zeroing 1 MB per document would dominate small ones.
  explicit PositionedBuffer(ByteSource& source) : source_(source), buffer_(new char[kChunkBytes]) {
    setg(buffer_.get(), buffer_.get(), buffer_.get());
    counted_ = buffer_.get();
  }
  std::uint64_t offset() const { return base_ + static_cast<std::uint64_t>(gptr() - eback()); }
  std::uint64_t line() const {
    lines_ +=
        static_cast<std::uint64_t>(std::count(counted_, static_cast<const char*>(gptr()), '\n'));
    counted_ = gptr();
    return 1 + lines_;
  }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    lines_ +=
        static_cast<std::uint64_t>(std::count(counted_, static_cast<const char*>(egptr()), '\n'));
    base_ += static_cast<std::uint64_t>(egptr() - eback());
    const std::size_t n = source_.read(buffer_.get(), kChunkBytes);
    setg(buffer_.get(), buffer_.get(), buffer_.get() + n);
    counted_ = buffer_.get();
    if (n == 0) return traits_type::eof();
    return traits_type::to_int_type(*gptr());
  }

 private:
  ByteSource& source_;
  static constexpr std::size_t kChunkBytes = 1 << 20;
  std::unique_ptr<char[]> buffer_;
  std::uint64_t base_ = 0;
  mutable std::uint64_t lines_ = 0;
  mutable const char* counted_ = nullptr;
};

constexpr int kMaxDepth = 64;
constexpr std::size_t kMaxArgsKept = 256;
constexpr std::size_t kMaxTextKept = 4096;  // longer names and args are cut (not refused)

using Json = nlohmann::json;

class EventSax : public nlohmann::json_sax<Json> {
 public:
  EventSax(const PositionedBuffer& pos, const std::string& source, TraceEventConsumer& consumer)
      : pos_(pos), source_(source), consumer_(consumer) {}

  TraceHeader header;
  bool saw_events = false;

  bool null() override { return scalar(Value{}); }
  bool boolean(bool) override { return scalar(Value{}); }
  bool number_integer(number_integer_t v) override { return scalar(Value::integer(v)); }
  bool number_unsigned(number_unsigned_t v) override {
    Value value = Value::real(static_cast<double>(v));
    if (v <= static_cast<number_unsigned_t>(INT64_MAX))
      value = Value::integer(static_cast<std::int64_t>(v));
    return scalar(value);
  }
  bool number_float(number_float_t v, const string_t&) override { return scalar(Value::real(v)); }
  bool string(string_t& v) override { return scalar(Value::text(v)); }
  bool binary(binary_t&) override { return scalar(Value{}); }

  bool start_object(std::size_t) override {
    enter();
    if (depth_ == 1) {
      top_object_ = true;
    } else if (events_depth_ > 0 && depth_ == events_depth_ + 1) {
      begin_event();
    } else if (in_event_ && depth_ == events_depth_ + 2 && key_ == "args") {
      in_args_ = true;
    }
    return true;
  }
  bool key(string_t& k) override {
    if (depth_ == 1 || (in_event_ && depth_ == events_depth_ + 1)) key_ = k;
    if (in_args_ && depth_ == events_depth_ + 2) arg_key_ = k;
    return true;
  }
  bool end_object() override {
    if (in_args_ && depth_ == events_depth_ + 2) in_args_ = false;
    if (in_event_ && depth_ == events_depth_ + 1) {
      in_event_ = false;
      consumer_.on_event(event_);
      ++event_index_;
    }
    --depth_;
    return true;
  }
  bool start_array(std::size_t) override {
    enter();
    if (depth_ == 1) {
      header.top_level_array = true;
      events_depth_ = 1;
      saw_events = true;
    } else if (depth_ == 2 && top_object_ && key_ == "traceEvents" && events_depth_ == 0) {
      events_depth_ = 2;
      saw_events = true;
    } else if (events_depth_ > 0 && depth_ == events_depth_ + 1) {
      fail(element_name(), "an array", "each event must be a JSON object");
    }
    return true;
  }
  bool end_array() override {
    --depth_;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
    // nlohmann's message names the token; strip its "[json.exception...] " prefix.
    std::string what = e.what();
    const auto close = what.find("] ");
    if (close != std::string::npos) what = what.substr(close + 2);
    fail(in_event_ ? element_name() : std::string("JSON"), "malformed", what);
  }

 private:
  struct Value {
    enum class Kind { kNone, kInteger, kReal, kText } kind = Kind::kNone;
    std::int64_t i = 0;
    double d = 0;
    std::string s;
    static Value integer(std::int64_t v) { return {Kind::kInteger, v, static_cast<double>(v), {}}; }
    static Value real(double v) { return {Kind::kReal, 0, v, {}}; }
    static Value text(const std::string& v) {
      return {Kind::kText, 0, 0, v.size() > kMaxTextKept ? v.substr(0, kMaxTextKept) : v};
    }
    bool numeric() const { return kind == Kind::kInteger || kind == Kind::kReal; }
  };

  [[noreturn]] void fail(const std::string& field, const std::string& value,
                         const std::string& limit) const {
    throw InputError(source_ + ", line " + std::to_string(pos_.line()) + " (byte " +
                         std::to_string(pos_.offset()) + "): " + field,
                     value, limit);
  }
  std::string element_name() const {
    return (header.top_level_array ? "[" : "traceEvents[") + std::to_string(event_index_) + "]";
  }
  std::string member_name() const { return element_name() + "." + key_; }

  void enter() {
    if (++depth_ > kMaxDepth) {
      fail(in_event_ ? element_name() : std::string("JSON"), "nesting",
           "deeper than " + std::to_string(kMaxDepth) + " levels");
    }
  }

  void begin_event() {
    in_event_ = true;
    in_args_ = false;
    key_.clear();
    event_ = TraceEvent{};
    event_.index = event_index_;
    event_.offset = pos_.offset() - 1;  // the '{' just read
    event_.line = pos_.line();
    event_.in_root_array = header.top_level_array;
  }

  bool scalar(const Value& v) {
    if (depth_ == 1 && top_object_) {
      header_member(v);
    } else if (events_depth_ > 0 && depth_ == events_depth_ && !in_event_) {
      fail(element_name(), "a scalar", "each event must be a JSON object");
    } else if (in_event_ && depth_ == events_depth_ + 1) {
      event_member(v);
    } else if (in_args_ && depth_ == events_depth_ + 2) {
      if (v.numeric() && event_.number_args.size() < kMaxArgsKept) {
        event_.number_args.emplace_back(arg_key_, v.d);
      } else if (v.kind == Value::Kind::kText && event_.text_args.size() < kMaxArgsKept) {
        event_.text_args.emplace_back(arg_key_, v.s);
      }
    }
    return true;
  }

  void header_member(const Value& v) {
    if (key_ == "schemaVersion" && v.kind == Value::Kind::kInteger) header.schema_version = v.i;
    if (key_ == "profilingType" && v.kind == Value::Kind::kText) header.profiling_type = v.s;
    if (key_ == "traceEvents") fail("traceEvents", "not an array", "expected an array of events");
  }

  void event_member(const Value& v) {
    if (key_ == "name" || key_ == "ph" || key_ == "cat") {
      if (v.kind != Value::Kind::kText) fail(member_name(), "not a string", "expected a string");
      (key_ == "name" ? event_.name : key_ == "ph" ? event_.ph : event_.cat) = v.s;
    } else if (key_ == "pid" || key_ == "tid" || key_ == "id") {
      EventId& id = key_ == "pid" ? event_.pid : key_ == "tid" ? event_.tid : event_.id;
      id.present = true;
      if (v.kind == Value::Kind::kText) {
        id.is_text = true;
        id.text = v.s;
      } else if (v.kind == Value::Kind::kInteger) {
        id.number = v.i;
      } else {
        fail(member_name(), "not a string or an integer", "expected a string or an integer");
      }
    } else if (key_ == "ts" || key_ == "dur") {
      (key_ == "ts" ? event_.ts : event_.dur) = time_value(v);
    }
  }

  // Microseconds from a number or a numeric string ("3.568", msprof's system timeline).
  double time_value(const Value& v) const {
    double t = v.d;
    if (v.kind == Value::Kind::kText) {
      const char* b = v.s.data();
      const char* e = b + v.s.size();
      const auto r = std::from_chars(b, e, t);
      if (r.ec != std::errc() || r.ptr != e) {
        fail(member_name(), "\"" + printable_excerpt(v.s, 40) + "\"", "expected microseconds");
      }
    } else if (!v.numeric()) {
      fail(member_name(), "not a number", "expected microseconds as a number or a string");
    }
    if (!std::isfinite(t)) fail(member_name(), "not finite", "expected a finite number");
    return t;
  }

  const PositionedBuffer& pos_;
  const std::string& source_;
  TraceEventConsumer& consumer_;
  int depth_ = 0;
  int events_depth_ = 0;  // depth of the events array (0 until found)
  bool top_object_ = false;
  bool in_event_ = false, in_args_ = false;
  std::string key_, arg_key_;
  std::size_t event_index_ = 0;
  TraceEvent event_;
};

}  // namespace

const std::string* TraceEvent::text_arg(const std::string& key) const {
  for (const auto& [k, v] : text_args) {
    if (k == key) return &v;
  }
  return nullptr;
}

const double* TraceEvent::number_arg(const std::string& key) const {
  for (const auto& [k, v] : number_args) {
    if (k == key) return &v;
  }
  return nullptr;
}

TraceHeader stream_trace_events(ByteSource& bytes, const std::string& source_name,
                                TraceEventConsumer& consumer) {
  PositionedBuffer buffer(bytes);
  std::istream in(&buffer);
  EventSax sax(buffer, source_name, consumer);
  // strict: trailing bytes after the document are an error too.
  Json::sax_parse(in, &sax, nlohmann::detail::input_format_t::json, true);
  if (!sax.saw_events) {
    throw InputError(source_name + ": traceEvents", "missing",
                     "expected {\"traceEvents\": [...]} or a top-level array of events");
  }
  return sax.header;
}

std::string shown_number(double v) {
  char text[32];
  return std::string(text, std::to_chars(text, text + sizeof text, v).ptr);
}

std::string event_field(const std::string& source_name, const TraceEvent& event,
                        const std::string& member) {
  return source_name + ", line " + std::to_string(event.line) + " (byte " +
         std::to_string(event.offset) + "): " + (event.in_root_array ? "[" : "traceEvents[") +
         std::to_string(event.index) + "]" + (member.empty() ? "" : "." + member);
}

}  // namespace amla
