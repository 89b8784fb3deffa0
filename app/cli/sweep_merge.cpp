#include "app/cli/sweep_merge.h"

#include <filesystem>

#include "core/common/input_error.h"
#include "core/store/result_store.h"

namespace amla::cli {

namespace {

namespace fs = std::filesystem;

// The store and the files SQLite keeps beside it in WAL mode.
void remove_store_files(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ec);
}

}  // namespace

std::size_t merge_sweep_stores(const std::vector<std::string>& inputs, const std::string& out_path,
                               std::ostream& out) {
  if (inputs.empty()) {
    throw InputError("sweep merge", "no input stores",
                     "give one or more A.db B.db ... --out ALL.db");
  }
  std::error_code ec;
  const bool existed = fs::exists(out_path, ec);
  for (const std::string& in : inputs) {
    if (!fs::exists(in, ec)) throw InputError("sweep merge", in, "no such result store");
    if (existed && fs::equivalent(in, out_path, ec)) {
      throw InputError("--out", out_path, "differs from every input store");
    }
  }
  try {
    ResultStore merged("--out", out_path);
    const std::vector<std::size_t> counts = merged.merge_from("sweep merge", inputs);
    std::size_t added = 0;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      out << inputs[i] << ": " << counts[i] << " new cells\n";
      added += counts[i];
    }
    const std::size_t total = merged.size();
    out << "merged " << inputs.size() << " stores into " << out_path << ": " << added
        << " new cells, " << total << " in all\n";
    return total;
  } catch (...) {
    if (!existed) remove_store_files(out_path);
    throw;
  }
}

}  // namespace amla::cli
