// msprof op's CSVs from a board run: PipeUtilization.csv (per block and sub-block, the time and
// the ratio of each pipe) and OpBasicInfo.csv (the task's duration, block dim, frequency).
#include <algorithm>
#include <cctype>
#include <set>

#include "core/common/bounded_read.h"
#include "core/common/input_error.h"
#include "core/profile/csv_table.h"
#include "core/profile/profile_reader.h"

namespace amla {
namespace {

// The pipe a column's middle names ("aic_cube_ratio" -> CUBE); unknown ones keep their name.
std::string pipe_of_column(const std::string& middle) {
  if (middle == "cube") return "CUBE";
  if (middle == "mte1") return "MTE1";
  if (middle == "mte2") return "MTE2";
  if (middle == "mte3") return "MTE3";
  if (middle == "fixpipe") return "FIXP";
  if (middle == "scalar") return "SCALAR";
  if (middle == "vec") return "VECTOR";
  std::string upper = middle;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return printable_excerpt(upper, 40);  // a header is outside text: ASCII only, bounded
}

struct PipeColumn {
  bool aic;  // aic_* (the Cube core) or aiv_* (a Vector core)
  std::string pipe;
  bool ratio;  // *_ratio, else *_time(us)
  std::size_t col;
};

std::optional<Pipe> pipe_by_name(const std::string& name) {
  for (int p = 0; p < kPipeCount; ++p) {
    if (name == pipe_name(static_cast<Pipe>(p))) return static_cast<Pipe>(p);
  }
  return std::nullopt;
}

}  // namespace

void read_pipe_utilization_csv(std::string_view text, const std::string& source_name,
                               const ProfileReadOptions& options, ProfileTrace& out) {
  out.format = ProfileFormat::kPipeUtilization;
  out.source = source_name;
  out.clock_mhz = options.clock_mhz;
  out.trace.clock_ghz = options.clock_mhz / 1000.0;
  const CsvTable csv(text, source_name);
  const std::string header_at = source_name + ", line 1: header";
  const auto block_col = csv.column("block_id");
  const auto sub_col = csv.column("sub_block_id");
  const auto aic_time = csv.column("aic_time(us)");
  const auto aiv_time = csv.column("aiv_time(us)");
  if (!block_col || !sub_col) {
    throw InputError(header_at, !block_col ? "no block_id column" : "no sub_block_id column",
                     "PipeUtilization.csv (910B) starts with block_id,sub_block_id");
  }
  if (!aic_time && !aiv_time) {
    throw InputError(header_at, "no aic_time(us) or aiv_time(us) column",
                     "the 910B layout of PipeUtilization.csv (another chip's header?)");
  }
  std::vector<PipeColumn> pipes;
  for (std::size_t c = 0; c < csv.header().size(); ++c) {
    const std::string& h = csv.header()[c];
    const bool aic = h.rfind("aic_", 0) == 0;
    if (!aic && h.rfind("aiv_", 0) != 0) continue;
    for (const auto& [suffix, ratio] :
         {std::pair{std::string("_ratio"), true}, std::pair{std::string("_time(us)"), false}}) {
      if (h.size() > 4 + suffix.size() &&
          h.compare(h.size() - suffix.size(), suffix.size(), suffix) == 0) {
        const std::string middle = h.substr(4, h.size() - 4 - suffix.size());
        if (!middle.empty()) pipes.push_back({aic, pipe_of_column(middle), ratio, c});
      }
    }
  }
  std::set<int> blocks;
  for (std::size_t r = 0; r < csv.rows(); ++r) {
    BlockPipeUsage row;
    const auto block = csv_number(csv.field(r, *block_col), csv.where(r, *block_col));
    if (!block || *block < 0 || *block > 65535 || *block != static_cast<int>(*block)) {
      throw InputError(csv.where(r, *block_col),
                       "\"" + printable_excerpt(csv.field(r, *block_col), 40) + "\"",
                       "a block number in [0, 65535]");
    }
    row.block = static_cast<int>(*block);
    const std::string& sub = csv.field(r, *sub_col);
    if (sub == "cube0") {
      row.unit = Unit::kAic;
    } else if (sub == "vector0") {
      row.unit = Unit::kAiv0;
    } else if (sub == "vector1") {
      row.unit = Unit::kAiv1;
    } else {
      throw InputError(csv.where(r, *sub_col), "\"" + printable_excerpt(sub, 40) + "\"",
                       "one of cube0, vector0, vector1");
    }
    const bool aic = row.unit == Unit::kAic;
    const auto time_col = aic ? aic_time : aiv_time;
    if (!time_col) {
      throw InputError(
          csv.where(r, *sub_col), sub,
          std::string("the header has no ") + (aic ? "aic" : "aiv") + "_time(us) column");
    }
    const auto total = csv_number(csv.field(r, *time_col), csv.where(r, *time_col));
    if (!total || *total < 0) {
      throw InputError(csv.where(r, *time_col),
                       "\"" + printable_excerpt(csv.field(r, *time_col), 40) + "\"",
                       "the sub-block's time in microseconds, >= 0");
    }
    row.time_us = *total;
    for (const PipeColumn& p : pipes) {
      if (p.aic != aic) continue;
      const auto v = csv_number(csv.field(r, p.col), csv.where(r, p.col));
      if (!v) continue;
      if (*v < 0 || (p.ratio && *v > 1.0 + 1e-6)) {
        throw InputError(csv.where(r, p.col), csv.field(r, p.col),
                         p.ratio ? "a ratio in [0, 1]" : "microseconds >= 0");
      }
      const auto pipe = pipe_by_name(p.pipe);
      if (pipe && unit_has_pipe(row.unit, *pipe)) {
        (p.ratio ? row.pipe_ratio : row.pipe_time_us)[static_cast<std::size_t>(*pipe)] = *v;
      } else if (p.ratio) {
        row.other_ratio.emplace_back(p.pipe, *v);
      }
    }
    blocks.insert(row.block);
    out.blocks.push_back(std::move(row));
  }
  if (out.blocks.empty()) {
    throw InputError(source_name + ", line 2", "no rows",
                     "expected one row per block and sub-block");
  }
  out.trace.cores = static_cast<int>(blocks.size());
}

void read_op_basic_info_csv(std::string_view text, const std::string& source_name,
                            const ProfileReadOptions& options, ProfileTrace& out) {
  out.format = ProfileFormat::kOpBasicInfo;
  out.source = source_name;
  out.clock_mhz = options.clock_mhz;
  const CsvTable csv(text, source_name);
  const std::string header_at = source_name + ", line 1: header";
  for (const char* required : {"Op Name", "Task Duration(us)", "Block Dim"}) {
    if (!csv.column(required)) {
      throw InputError(header_at, std::string("no \"") + required + "\" column",
                       "OpBasicInfo.csv: Op Name,Op Type,Task Duration(us),Block Dim,...");
    }
  }
  if (csv.rows() == 0) throw InputError(source_name + ", line 2", "no rows", "expected one op");
  const std::size_t dur_col = *csv.column("Task Duration(us)");
  const auto dur = csv_number(csv.field(0, dur_col), csv.where(0, dur_col));
  if (!dur || *dur < 0) {
    throw InputError(csv.where(0, dur_col),
                     "\"" + printable_excerpt(csv.field(0, dur_col), 40) + "\"",
                     "microseconds >= 0");
  }
  out.task_duration_us = *dur;
  const std::size_t dim_col = *csv.column("Block Dim");
  const auto dim = csv_number(csv.field(0, dim_col), csv.where(0, dim_col));
  if (!dim || *dim < 1 || *dim > 65536 || *dim != static_cast<int>(*dim)) {
    throw InputError(csv.where(0, dim_col),
                     "\"" + printable_excerpt(csv.field(0, dim_col), 40) + "\"",
                     "a whole number in [1, 65536]");
  }
  out.block_dim = static_cast<int>(*dim);
  out.trace.cores = *out.block_dim;
  out.op_name_text = printable_excerpt(csv.field(0, *csv.column("Op Name")), 120);
  if (const auto type = csv.column("Op Type"))
    out.op_type = printable_excerpt(csv.field(0, *type), 40);
  if (const auto freq = csv.column("Current Freq")) {
    const auto mhz = csv_number(csv.field(0, *freq), csv.where(0, *freq));
    if (mhz) {
      if (*mhz <= 0 || *mhz > 10000) {
        throw InputError(csv.where(0, *freq), csv.field(0, *freq), "MHz in (0, 10000]");
      }
      out.clock_mhz = *mhz;
    }
  }
  out.trace.clock_ghz = out.clock_mhz / 1000.0;
}

}  // namespace amla
