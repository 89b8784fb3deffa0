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

// A regular file read in chunks (for inputs too large to hold whole, such as profiles): the
// same refusals as read_bounded_file, the cap checked up front and again while reading (a file
// that grows past it is refused rather than read forever).
class BoundedFileChunks {
 public:
  BoundedFileChunks(const std::string& field, const std::string& path, std::uint64_t max_bytes,
                    const std::string& what);
  ~BoundedFileChunks();
  BoundedFileChunks(const BoundedFileChunks&) = delete;
  BoundedFileChunks& operator=(const BoundedFileChunks&) = delete;

  // Up to `capacity` bytes into `buffer`; 0 at the end of the file. Throws InputError.
  std::size_t read(char* buffer, std::size_t capacity);
  std::uint64_t size() const { return size_; }  // as checked when opened

 private:
  std::string field_, shown_, limit_;
  std::uint64_t max_bytes_ = 0, size_ = 0, got_ = 0;
  int fd_ = -1;
};

// `text` made safe to print on one line: at most `max_chars` characters, control and non-ASCII
// bytes escaped (\n, \t, \xNN), "..." when cut.
std::string printable_excerpt(std::string_view text, std::size_t max_chars = 80);

}  // namespace amla
