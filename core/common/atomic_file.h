#pragma once
// Writes a file so that it is either complete or absent: the bytes go to a temporary file in the
// same directory, which is renamed over the target only after a successful flush. A failure
// leaves any old file untouched and throws InputError naming the path.
#include <functional>
#include <ostream>
#include <string>

namespace amla {

void write_file_atomically(const std::string& field, const std::string& path,
                           const std::function<void(std::ostream&)>& write);

}  // namespace amla
