#include "core/profile/profile_reader.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <functional>

#include "core/common/bounded_read.h"
#include "core/common/input_error.h"

namespace amla {
namespace {

constexpr std::size_t kHeadBytes = 64 * 1024;
constexpr std::uint64_t kMaxCsvBytes = 256ull << 20;

// Replays the bytes already read for detection, then the rest of the file.
class HeadThenRest : public ByteSource {
 public:
  HeadThenRest(std::string head, ByteSource& rest) : head_(std::move(head)), rest_(rest) {}
  std::size_t read(char* buffer, std::size_t capacity) override {
    if (at_ < head_.size()) {
      const std::size_t n = std::min(capacity, head_.size() - at_);
      std::memcpy(buffer, head_.data() + at_, n);
      at_ += n;
      return n;
    }
    return rest_.read(buffer, capacity);
  }

 private:
  std::string head_;
  std::size_t at_ = 0;
  ByteSource& rest_;
};

// The first character of the value of the first member named `key`, or 0.
char first_value_char(std::string_view text, std::string_view key) {
  const std::string quoted = "\"" + std::string(key) + "\"";
  const auto at = text.find(quoted);
  if (at == std::string_view::npos) return 0;
  std::size_t i = at + quoted.size();
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  if (i >= text.size() || text[i] != ':') return 0;
  ++i;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  return i < text.size() ? text[i] : 0;
}

bool is_json_format(ProfileFormat f) {
  return f == ProfileFormat::kSimulatorTrace || f == ProfileFormat::kCoreTrace ||
         f == ProfileFormat::kMsprofJson;
}

std::string format_choices() {
  std::string s;
  for (const ProfileFormat f : kProfileFormats)
    s += std::string(s.empty() ? "" : ", ") + profile_format_name(f);
  return s;
}

void check_options(const ProfileReadOptions& o) {
  if (!(o.clock_mhz > 0 && o.clock_mhz <= 10000)) {
    throw InputError("--clock-mhz", std::to_string(o.clock_mhz), "MHz in (0, 10000]");
  }
}

ProfileTrace read_from(ByteSource& source, std::string head, const std::string& source_name,
                       const ProfileReadOptions& options,
                       const std::function<std::string()>& whole_text) {
  check_options(options);
  std::optional<ProfileFormat> format = options.format;
  if (!format) format = detect_profile_format(head);
  if (!format) {
    throw InputError(source_name, "\"" + printable_excerpt(head, 40) + "\"",
                     "not a profile this program reads (" + format_choices() +
                         "); name the format with --format");
  }
  ProfileTrace out;
  if (is_json_format(*format)) {
    HeadThenRest all(std::move(head), source);
    if (*format == ProfileFormat::kMsprofJson) {
      read_msprof_json(all, source_name, options, out);
    } else {
      read_simulator_trace(all, source_name, *format == ProfileFormat::kCoreTrace, options, out);
    }
  } else {
    const std::string text = whole_text();
    if (*format == ProfileFormat::kPipeUtilization) {
      read_pipe_utilization_csv(text, source_name, options, out);
    } else {
      read_op_basic_info_csv(text, source_name, options, out);
    }
  }
  return out;
}

std::string read_head(ByteSource& source) {
  std::string head(kHeadBytes, '\0');
  std::size_t got = 0;
  while (got < head.size()) {
    const std::size_t n = source.read(head.data() + got, head.size() - got);
    if (n == 0) break;
    got += n;
  }
  head.resize(got);
  return head;
}

}  // namespace

const char* profile_format_name(ProfileFormat f) {
  switch (f) {
    case ProfileFormat::kSimulatorTrace:
      return "simulator-trace";
    case ProfileFormat::kCoreTrace:
      return "core-trace";
    case ProfileFormat::kMsprofJson:
      return "msprof-json";
    case ProfileFormat::kPipeUtilization:
      return "pipe-utilization";
    case ProfileFormat::kOpBasicInfo:
      return "op-basic-info";
  }
  return "?";
}

ProfileFormat parse_profile_format(const std::string& field, const std::string& name) {
  for (const ProfileFormat f : kProfileFormats) {
    if (name == profile_format_name(f)) return f;
  }
  throw InputError(field, printable_excerpt(name, 40), "one of " + format_choices());
}

std::optional<ProfileFormat> detect_profile_format(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  std::size_t i = 0;
  while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) ++i;
  if (i == head.size()) return std::nullopt;
  if (head[i] == '[') return ProfileFormat::kMsprofJson;
  if (head[i] == '{') {
    // The all-cores file says "profilingType":"op" (schema 2); the per-core one is schema 1.
    if (head.find("\"profilingType\"") != std::string_view::npos)
      return ProfileFormat::kSimulatorTrace;
    const char schema = first_value_char(head, "schemaVersion");
    if (schema == '1') return ProfileFormat::kCoreTrace;
    if (schema == '2') return ProfileFormat::kSimulatorTrace;
    const char pid = first_value_char(head, "pid");
    if (pid == '"') return ProfileFormat::kSimulatorTrace;
    if (pid >= '0' && pid <= '9') return ProfileFormat::kCoreTrace;
    return std::nullopt;
  }
  const std::string_view first_line = head.substr(i, head.find('\n', i) - i);
  if (first_line.find("block_id") != std::string_view::npos &&
      first_line.find("sub_block_id") != std::string_view::npos) {
    return ProfileFormat::kPipeUtilization;
  }
  if (first_line.find("Op Name") != std::string_view::npos &&
      first_line.find("Task Duration(us)") != std::string_view::npos) {
    return ProfileFormat::kOpBasicInfo;
  }
  return std::nullopt;
}

ProfileTrace read_profile_file(const std::string& path, const ProfileReadOptions& options) {
  FileByteSource file("profile", path);
  std::string head = read_head(file);
  ProfileTrace out = read_from(file, std::move(head), path, options, [&] {
    return read_bounded_file("profile", path, kMaxCsvBytes, "a profile CSV");
  });
  // msprof op writes OpBasicInfo.csv beside PipeUtilization.csv: the task's duration and clock
  // come from there when it is present.
  if (out.format == ProfileFormat::kPipeUtilization) {
    const auto slash = path.find_last_of('/');
    const std::string sibling =
        (slash == std::string::npos ? std::string() : path.substr(0, slash + 1)) +
        "OpBasicInfo.csv";
    struct stat st {};
    if (stat(sibling.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
      ProfileTrace info;
      read_op_basic_info_csv(read_bounded_file("profile", sibling, kMaxCsvBytes, "a profile CSV"),
                             sibling, options, info);
      out.task_duration_us = info.task_duration_us;
      out.block_dim = info.block_dim;
      out.op_name_text = info.op_name_text;
      out.op_type = info.op_type;
      out.clock_mhz = info.clock_mhz;
      out.trace.clock_ghz = info.trace.clock_ghz;
    }
  }
  return out;
}

ProfileTrace read_profile_bytes(std::string_view bytes, const std::string& source_name,
                                const ProfileReadOptions& options) {
  MemoryByteSource memory(bytes);
  std::string head = read_head(memory);
  return read_from(memory, std::move(head), source_name, options,
                   [&] { return std::string(bytes); });
}

}  // namespace amla
