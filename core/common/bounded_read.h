#pragma once
// The one way the tools read an input file whole: regular files only (a FIFO, a device or a
// directory is refused up front, without blocking on it) and a size cap per kind of input,
// checked before reading; values quoted back in messages are cut and escaped.
#include <cstdint>
#include <string>
#include <string_view>

namespace amla {

// The whole of `path`, or InputError(field, path, reason) naming the cap as "the 16 MB limit for
// `what`" when the file is larger than `max_bytes`.
std::string read_bounded_file(const std::string& field, const std::string& path,
                              std::uint64_t max_bytes, const std::string& what);

// The size of `path` when it is a regular file that can be opened; otherwise the same refusals
// as read_bounded_file (a FIFO is not waited on).
std::uint64_t regular_file_size(const std::string& field, const std::string& path);

// `text` made safe to print on one line: at most `max_chars` characters, control and non-ASCII
// bytes escaped (\n, \t, \xNN), "..." when cut.
std::string printable_excerpt(std::string_view text, std::size_t max_chars = 80);

}  // namespace amla
