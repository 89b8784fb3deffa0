#include "core/common/atomic_file.h"

#include "core/common/output_set.h"

namespace amla {

void write_file_atomically(const std::string& field, const std::string& path,
                           const std::function<void(std::ostream&)>& write) {
  if (OutputSet* set = OutputSet::claiming(path)) {
    set->write(path, write);
    return;
  }
  OutputSet one;
  one.declare(field, path);
  one.write(path, write);
  one.commit();
}

void write_bytes_atomically(const std::string& field, const std::string& path,
                            std::string_view bytes) {
  write_file_atomically(field, path,
                        [&](std::ostream& out) { out.write(bytes.data(), std::ssize(bytes)); });
}

}  // namespace amla
