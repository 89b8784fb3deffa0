#pragma once
// Writes one file so that it is either complete or absent, through the output layer
// (core/common/output_set.h): when the calling thread's active OutputSet declared `path`, the
// bytes are staged there and land with the set's commit(); otherwise the file gets a set of its
// own, committed at once. A failure leaves any old file untouched and throws InputError naming
// `field` and the real cause.
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace amla {

void write_file_atomically(const std::string& field, const std::string& path,
                           const std::function<void(std::ostream&)>& write);
void write_bytes_atomically(const std::string& field, const std::string& path,
                            std::string_view bytes);

}  // namespace amla
