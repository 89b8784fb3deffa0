#include "core/common/atomic_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

#include "core/common/input_error.h"

namespace amla {

void write_file_atomically(const std::string& field, const std::string& path,
                           const std::function<void(std::ostream&)>& write) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw InputError(field, path, "directory " + dir.string() + " does not exist");
  }
  std::random_device rd;
  // A hidden sibling, so the rename stays on one file system.
  std::string temp_name = target.filename().string();
  temp_name.insert(0, 1, '.');
  temp_name.append(".tmp").append(std::to_string(rd() % 1000000));
  const fs::path temp = dir / temp_name;
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) {
      throw InputError(field, path, std::string("cannot write here: ") + std::strerror(errno));
    }
    try {
      write(out);
    } catch (...) {
      out.close();
      fs::remove(temp, ec);
      throw;
    }
    out.flush();
    if (!out) {
      out.close();
      fs::remove(temp, ec);
      throw InputError(field, path, "write failed (disk full?)");
    }
  }
  fs::rename(temp, target, ec);
  if (ec) {
    fs::remove(temp, ec);
    throw InputError(field, path, "cannot replace the file: " + ec.message());
  }
}

}  // namespace amla
